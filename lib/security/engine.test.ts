import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecurityEngine } from './engine';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function openIn(dir: string): Promise<SecurityEngine> {
  return SecurityEngine.open({ dataDir: dir, nodeName: 'node-1', elasticPassword: 'elastic-password' });
}

describe('cluster_uuid', () => {
  it('is made once per data directory and kept across restarts; another directory gets its own', async () => {
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-uuid-'));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-uuid-'));
    dirs.push(first, second);
    const a = await openIn(first);
    const uuid = a.clusterUuid;
    a.close();
    expect(uuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const again = await openIn(first);
    expect(again.clusterUuid).toBe(uuid);
    again.close();
    const other = await openIn(second);
    expect(other.clusterUuid).not.toBe(uuid);
    other.close();
  });
});
