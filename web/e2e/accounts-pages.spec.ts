// The accounts pages in every language and on a phone: no axe violations,
// nothing wider than 360 px, no console errors or CSP violations (the
// fixture), and phone-size screenshots in test-results/screenshots/.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LOCALES, test, text, useLocale, type Locale } from './fixtures';
import { openAccountMenu, person, registerConfirmed, signIn } from './people';

test.use({ allowedConsoleErrors: [/the server responded with a status of (401|422)/] });

const PHONE = { width: 375, height: 812 };
const NARROW = 360;

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

async function expectNoSideways(page: Page, what: string, width = NARROW): Promise<void> {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, `scroll width of ${what}`).toBeLessThanOrEqual(width);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}-${PHONE.width}x${PHONE.height}.png`, fullPage: true });
}

/** Checks one state of a page at 360 px and at desktop width. */
async function check(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await page.setViewportSize({ width: NARROW, height: 740 });
  await expectNoSideways(page, what);
  await expectAccessible(page, `${what} at ${NARROW} px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const locale of LOCALES) {
  test(`pages for signed-out visitors are accessible and fit a phone in ${locale}`, async ({ page }) => {
    // About twenty full axe scans: more than the default time on a busy 2-core machine.
    test.slow();
    await useLocale(page, locale);
    const pages: [string, string][] = [
      ['/register', 'auth.register_title'],
      ['/login', 'auth.login_title'],
      ['/reset-password', 'auth.reset_title'],
      ['/reset-password?token=made-up', 'auth.reset_title'],
      ['/verify-email?token=made-up', 'auth.verify_title'],
      ['/privacy', 'privacy.title'],
    ];
    for (const [path, titleKey] of pages) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, titleKey));
      if (path.startsWith('/verify-email')) await expect(page.getByRole('alert')).toBeVisible();
      await check(page, `${path} (${locale})`);
    }

    // Forms showing their errors.
    await page.goto('/register');
    await page.getByRole('button', { name: text(locale, 'auth.register_button') }).click();
    await expect(page.locator('#consent-error')).toBeVisible();
    await check(page, `/register with errors (${locale})`);
    await page.goto('/login');
    await signIn(page, person('nobody').email, 'not the password', locale, true);
    await expect(page.getByRole('alert')).toHaveText(text(locale, 'auth.wrong_credentials'));
    await check(page, `/login with an error (${locale})`);
  });
}

test('pages for signed-in people are accessible and fit a phone, with a long name', async ({ page, context }) => {
  // Eighteen full axe scans in three languages.
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const who = person('phone', { name: 'Gülnarə Əbdürrəhmanova-Məmmədzadə Səfərəliyeva' });
  await registerConfirmed(page, who);
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/account$/);

  for (const locale of ['az', 'en', 'ru'] as Locale[]) {
    await page.locator('#language-select').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, 'account.title'));
    await check(page, `/account (${locale})`);

    await openAccountMenu(page, who.name);
    await check(page, `account menu (${locale})`);
    await page.getByRole('banner').getByRole('link', { name: text(locale, 'tokens.title') }).click();
    await expect(page).toHaveURL(/\/account\/tokens$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(locale, 'tokens.title'));
    await page.getByLabel(text(locale, 'tokens.name')).fill(`phone ${locale}`);
    await page.getByRole('button', { name: text(locale, 'tokens.create') }).click();
    await expect(page.getByTestId('new-token')).toHaveValue(/^cht_/);
    await page.getByRole('button', { name: `${text(locale, 'tokens.revoke')} “phone ${locale}”` }).click();
    await expect(page.getByRole('button', { name: text(locale, 'tokens.confirm_button') })).toBeVisible();
    await check(page, `/account/tokens (${locale})`);
  }
});

test('phone screenshots of registering, signing in, the account and its tokens', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize(PHONE);
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await screenshot(page, 'register');
  await page.getByRole('button', { name: text('az', 'auth.register_button') }).click();
  await expect(page.locator('#consent-error')).toBeVisible();
  await screenshot(page, 'register-errors');

  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await screenshot(page, 'login');

  const who = person('screens');
  await registerConfirmed(page, who);
  await signIn(page, who.email, who.password, 'az', true);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('email-state')).toBeVisible();
  await screenshot(page, 'account');
  await openAccountMenu(page, who.name);
  await page.screenshot({ path: `test-results/screenshots/account-menu-${PHONE.width}x${PHONE.height}.png` });

  await page.getByRole('banner').getByRole('link', { name: text('az', 'tokens.title') }).click();
  await page.getByLabel(text('az', 'tokens.name')).fill('hesabat skripti');
  await page.getByRole('button', { name: text('az', 'tokens.create') }).click();
  await page.getByRole('button', { name: text('az', 'tokens.copy'), exact: true }).click();
  await expect(page.getByText(text('az', 'tokens.copied'))).toBeVisible();
  await screenshot(page, 'tokens');
});
