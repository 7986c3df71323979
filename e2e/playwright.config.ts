import { join } from 'node:path';

import { defineConfig } from '@playwright/test';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const RESULTS = join(__dirname, '../tmp/test-results');

/**
 * Journeys in Debian's Chromium against the built app (API + worker + bundled frontend),
 * started by global-setup on a throwaway database with the demo data.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  outputDir: join(RESULTS, 'e2e-artifacts'),
  globalSetup: require.resolve('./support/global-setup'),
  globalTeardown: require.resolve('./support/global-teardown'),
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  retries: process.env['CI'] ? 1 : 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: join(RESULTS, 'e2e.json') }]],
  use: {
    baseURL: process.env['E2E_BASE_URL'],
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
