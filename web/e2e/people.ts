// Steps that many tests take as a person: registering, signing in and out
// through the real pages, or quickly through the API when the test is about
// something else. Every test uses its own e-mail address.
import type { Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { expect, text, type Locale } from './fixtures';
import { verifyLink, waitForMail } from './mail';

export const PASSWORD = 'a long passphrase';

let counter = 0;

/** An address no other test (or earlier run) uses. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now()}.${counter}.${Math.floor(Math.random() * 1e6)}@example.az`;
}

export interface Person {
  name: string;
  email: string;
  password: string;
  locale: Locale;
}

export function person(label: string, overrides: Partial<Person> = {}): Person {
  return { name: 'Aysel Məmmədova', email: uniqueEmail(label), password: PASSWORD, locale: 'az', ...overrides };
}

/** Fills and sends the registration form; `ui` is the language the page is shown in. */
export async function registerThroughPage(page: Page, who: Person, ui: Locale = 'az'): Promise<void> {
  await page.goto('/register');
  const main = page.getByRole('main');
  await main.getByLabel(text(ui, 'auth.name')).fill(who.name);
  await main.getByLabel(text(ui, 'auth.email'), { exact: true }).fill(who.email);
  await main.getByLabel(text(ui, 'auth.password'), { exact: true }).fill(who.password);
  await main.getByLabel(text(ui, 'auth.locale'), { exact: true }).selectOption(who.locale);
  await main.getByLabel(text(ui, 'auth.consent')).check();
  await main.getByRole('button', { name: text(ui, 'auth.register_button') }).click();
  await expect(main.getByRole('heading', { name: text(ui, 'auth.check_email_title') })).toBeVisible();
  await expect(main.getByText(text(ui, 'auth.check_email', { email: who.email }))).toBeVisible();
}

/** Registers through the API (for tests about something else); needs no session in the page. */
export async function registerQuickly(page: Page, who: Person): Promise<void> {
  const response = await page.request.post('/api/v1/accounts', {
    data: { name: who.name, email: who.email, password: who.password, locale: who.locale, consent: true },
  });
  expect(response.status(), await response.text()).toBe(202);
}

/**
 * Registers through the API and confirms the address with the e-mailed link
 * (creating API tokens needs a confirmed address). Call before signing in.
 */
export async function registerConfirmed(page: Page, who: Person): Promise<void> {
  await registerQuickly(page, who);
  const mail = await waitForMail(who.email, text(who.locale, 'emails.verify_email.subject'));
  const token = new URLSearchParams(verifyLink(mail.body).split('?')[1]).get('token');
  const response = await page.request.post('/api/v1/accounts/verify', { data: { token } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Opens /login (unless `stay`) and sends the form; does not wait for the outcome. */
export async function signIn(page: Page, email: string, password: string, ui: Locale = 'az', stay = false): Promise<void> {
  if (!stay) await page.goto('/login');
  const main = page.getByRole('main');
  await main.getByLabel(text(ui, 'auth.email'), { exact: true }).fill(email);
  await main.getByLabel(text(ui, 'auth.password'), { exact: true }).fill(password);
  await main.getByRole('button', { name: text(ui, 'auth.login_button') }).click();
}

/**
 * The header's account button: its name is the account's name (after the
 * hidden words "Account menu:"); without a name, whichever account is signed in.
 */
export function accountButton(page: Page, name?: string) {
  const banner = page.getByRole('banner');
  return name === undefined ? banner.locator('button[aria-controls="account-menu"]') : banner.getByRole('button', { name });
}

export async function openAccountMenu(page: Page, name?: string): Promise<void> {
  const button = accountButton(page, name);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/** Signs out from the header's account menu and checks the header shows "Sign in" again. */
export async function signOut(page: Page, name?: string, ui: Locale = 'az'): Promise<void> {
  await openAccountMenu(page, name);
  await page.getByRole('banner').getByRole('button', { name: text(ui, 'auth.logout') }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: text(ui, 'auth.login_link') })).toBeVisible();
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret, `offset` steps from now. */
export function totpCode(secretBase32: string, offset = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
