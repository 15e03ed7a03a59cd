// Prepares data the UI cannot make by itself (platform administrators) with
// the real `cohort` command line, on the database the test server uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

function cohort(args: string[]): string {
  return execFileSync(process.env.COHORT_E2E_BIN ?? '../build/cohort', args, {
    env: { ...process.env, COHORT_SECRET_KEY_FILE: process.env.COHORT_E2E_KEY ?? '' },
    encoding: 'utf8',
  });
}

/** Creates an administrator (of the organisation with this code, or of the platform). */
export function createAdmin(email: string, password: string, organisation?: string): void {
  const file = `${mkdtempSync(`${tmpdir()}/cohort-e2e-`)}/password`;
  writeFileSync(file, `${password}\n`);
  const args = ['admin', 'create', '--db', process.env.COHORT_E2E_DB ?? '', '--email', email, '--password-file', file];
  if (organisation) args.push('--organisation', organisation);
  cohort(args);
}

export function createToken(email: string): string {
  return cohort(['token', 'create', '--db', process.env.COHORT_E2E_DB ?? '', '--email', email]).trim();
}
