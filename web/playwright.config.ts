// End-to-end tests drive the real `cohort serve` binary serving the built UI
// (dist/) in Debian's Chromium. No browser is ever downloaded.
import { defineConfig } from '@playwright/test';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.COHORT_E2E_PORT || '18080');
const bin = process.env.COHORT_BIN || '../build/cohort';
const tmp = process.env.TMPDIR || tmpdir();
const baseURL = `http://127.0.0.1:${port}`;
// A real SMTP sink (Debian's python3-aiosmtpd) writing a Maildir that the
// tests read (e2e/mail.ts); the server delivers its outbox to it.
const smtpPort = Number(process.env.COHORT_E2E_SMTP_PORT || String(port + 1));
export const maildir = `${tmp}/cohort-e2e-mail-${port}`;
process.env.COHORT_E2E_MAILDIR = maildir;
const database = `${tmp}/cohort-e2e-${port}.db`;
const keyFile = `${tmp}/cohort-e2e-${port}.key`;
// Tests that prepare data with the command line (e2e/cli.ts) use these.
process.env.COHORT_E2E_DB = `sqlite:${database}`;
process.env.COHORT_E2E_KEY = keyFile;
process.env.COHORT_E2E_BIN = bin.startsWith('/') ? bin : `${webDir}/${bin}`;
// Workers load this file again: only the runner itself, before it starts the
// servers, may clear what the previous run left.
if (process.env.TEST_WORKER_INDEX === undefined) {
  rmSync(maildir, { recursive: true, force: true });
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(`${maildir}/${sub}`, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
  rmSync(keyFile, { force: true });
}

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
  webServer: [
    {
      command: `/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox ${maildir}`,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${bin} serve --listen 127.0.0.1:${port} --db sqlite:${database} --web-root dist --log-level warn`,
      cwd: webDir,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        COHORT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        COHORT_OUTBOX_POLL_MS: '100',
        COHORT_PUBLIC_URL: baseURL,
        COHORT_SECRET_KEY_FILE: keyFile,
      },
    },
  ],
});
