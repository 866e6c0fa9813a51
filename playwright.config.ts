import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

/**
 * API and browser tests. Each spec file starts the built app itself (e2e/support/server.ts)
 * on a free port with a fresh data directory. Browser tests use Debian's Chromium when present.
 */
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    launchOptions: {
      executablePath: fs.existsSync(systemChromium) ? systemChromium : undefined,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
