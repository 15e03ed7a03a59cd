// End-to-end tests drive the real `cohort serve` binary serving the built UI
// (dist/) in Debian's Chromium. No browser is ever downloaded.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.COHORT_E2E_PORT || '18080');
const bin = process.env.COHORT_BIN || '../build/cohort';
const tmp = process.env.TMPDIR || tmpdir();
const baseURL = `http://127.0.0.1:${port}`;

// Fail with a clear message rather than a 60 s web-server timeout.
if (!existsSync(new URL('dist/index.html', import.meta.url))) {
  throw new Error('web/dist is missing: run `npm run build` before `npm run e2e`.');
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Asia/Baku',
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `${bin} serve --listen 127.0.0.1:${port} --db sqlite:${tmp}/cohort-e2e-${port}.db --web-root dist --log-level warn`,
    cwd: webDir,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
