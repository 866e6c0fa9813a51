import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from './database';

const ROOT = path.resolve(__dirname, '..', '..');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-database-test-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('openDatabase and DATA_DIR', () => {
  it('creates missing directories at any depth', () => {
    const dir = path.join(base, 'a', 'b', 'c');
    openDatabase(dir).close();
    expect(fs.existsSync(path.join(dir, DATABASE_FILE_NAME))).toBe(true);
  });

  it('names a DATA_DIR under a file', () => {
    const file = path.join(base, 'plain-file');
    fs.writeFileSync(file, '');
    expect(() => openDatabase(path.join(file, 'x'))).toThrow(`DATA_DIR [${path.join(file, 'x')}] is not a writable directory: ENOTDIR`);
  });

  it('names a DATA_DIR that is a file', () => {
    const file = path.join(base, 'another-file');
    fs.writeFileSync(file, '');
    expect(() => openDatabase(file)).toThrow(`DATA_DIR [${file}] is not a writable directory: ENOTDIR`);
  });

  it.runIf(fs.existsSync('/proc/self'))('names a DATA_DIR where no directory can be made (/proc) instead of hanging', () => {
    // In a child process with a deadline: the failure this guards against is a start that never returns.
    const script = `import('./lib/store/database.ts').then((m) => { try { (m.openDatabase ?? m.default.openDatabase)('/proc/no-such-data-dir/x'); } catch (e) { console.log(e.message); } })`;
    const child = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.signal, `the child did not finish: ${child.stderr}`).toBeNull();
    expect(child.stdout).toContain('DATA_DIR [/proc/no-such-data-dir/x] is not a writable directory: ENOENT');
  }, 30_000);
});
