// Registering, confirming, signing in and out, the account page and API
// tokens, through the real UI with real e-mail.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, text, useLocale } from './fixtures';
import { linkIn, waitForMail } from './mail';

const PASSWORD = 'a long passphrase';
const unique = (name: string) => `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.az`;

async function register(page: import('@playwright/test').Page, email: string, name = 'Aysel Məmmədova') {
  await page.goto('/register');
  await page.getByLabel(text('az', 'auth.name')).fill(name);
  await page.getByLabel(text('az', 'auth.email')).fill(email);
  await page.getByLabel(text('az', 'auth.password'), { exact: true }).fill(PASSWORD);
  await page.locator('#consent').check();
  await page.getByRole('button', { name: text('az', 'auth.register_button') }).click();
  await expect(page.getByRole('status')).toHaveText(text('az', 'auth.check_email', { email }));
}

async function signIn(page: import('@playwright/test').Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(text('az', 'auth.email')).fill(email);
  await page.getByLabel(text('az', 'auth.password')).fill(password);
  await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
}

test('register, confirm by e-mail, sign in, change language and password, sign out', async ({ page }) => {
  const email = unique('aysel');
  await register(page, email);
  const mail = await waitForMail(email);
  expect(mail.subject).toBe('Cohort üçün e-poçt ünvanınızı təsdiqləyin');
  await page.goto(linkIn(mail.body));
  await expect(page.getByRole('status')).toHaveText(text('az', 'auth.verified'));

  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'account.title'));
  await expect(page.getByRole('link', { name: 'Aysel Məmmədova' })).toBeVisible();

  await page.locator('#locale').selectOption('en');
  await page.getByRole('button', { name: text('az', 'account.save') }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('en', 'account.title'));

  await page.getByLabel(text('en', 'account.current_password')).first().fill(PASSWORD);
  await page.getByLabel(text('en', 'auth.new_password')).fill('a brand new passphrase');
  await page.getByRole('button', { name: text('en', 'account.change_password') }).click();
  await expect(page.getByText(text('en', 'account.password_changed'))).toBeVisible();

  await page.getByRole('button', { name: text('en', 'auth.logout') }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: text('en', 'auth.login_link') })).toBeVisible();
  await page.goto('/login');
  await page.getByLabel(text('en', 'auth.email')).fill(email);
  await page.getByLabel(text('en', 'auth.password')).fill('a brand new passphrase');
  await page.getByRole('button', { name: text('en', 'auth.login_button') }).click();
  await expect(page).toHaveURL(/\/account$/);
});

test.describe('with refused requests', () => {
  // These tests provoke 4xx answers on purpose; Chromium logs them.
  test.use({ allowedConsoleErrors: [/status of (401|422)/] });

  test('bad registration shows every field error in Russian and keeps what was typed', async ({ page }) => {
    await useLocale(page, 'ru');
    await page.goto('/register');
    await page.getByLabel(text('ru', 'auth.email')).fill('not-an-email');
    await page.getByLabel(text('ru', 'auth.password'), { exact: true }).fill('short');
    await page.getByRole('button', { name: text('ru', 'auth.register_button') }).click();
    await expect(page.locator('#name-error')).toHaveText('Обязательное поле');
    await expect(page.locator('#email-error')).toHaveText('Неверный адрес e-mail');
    await expect(page.locator('#password-error')).toHaveText('Слишком коротко (не менее 10 символов)');
    await expect(page.locator('#consent-error')).toHaveText('Обязательное поле');
    await expect(page.getByLabel(text('ru', 'auth.email'))).toHaveValue('not-an-email');
    await expect(page.getByLabel(text('ru', 'auth.email'))).toHaveAttribute('aria-invalid', 'true');
  });

  test('a taken e-mail gets the same confirmation, and a wrong password is refused', async ({ page }) => {
    const email = unique('taken');
    await register(page, email);
    await register(page, email, 'Someone Else');  // same answer: nothing leaks
    await signIn(page, email, 'not the password');
    await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.wrong_credentials'));
  });

  test('reset a forgotten password through the e-mailed link', async ({ page }) => {
    const email = unique('reset');
    await register(page, email);
    await waitForMail(email);
    await page.goto('/reset-password');
    await page.getByLabel(text('az', 'auth.email')).fill(email);
    await page.getByRole('button', { name: text('az', 'auth.send_link') }).click();
    await expect(page.getByRole('status')).toHaveText(text('az', 'auth.reset_sent'));
    const mail = await waitForMail(email, 'Yeni Cohort parolu təyin edin');
    await page.goto(linkIn(mail.body));
    await page.getByLabel(text('az', 'auth.new_password')).fill('the reset passphrase');
    await page.getByRole('button', { name: text('az', 'auth.reset_button') }).click();
    await expect(page.getByRole('status')).toHaveText(text('az', 'auth.reset_done'));
    await signIn(page, email, 'the reset passphrase');
    await expect(page).toHaveURL(/\/account$/);
  });

  test('an API token is shown once, works, and stops working when revoked', async ({ page }) => {
    const email = unique('tokens');
    await register(page, email);
    await page.goto(linkIn((await waitForMail(email)).body));  // tokens need a confirmed address
    await expect(page.getByRole('status')).toHaveText(text('az', 'auth.verified'));
    await signIn(page, email);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto('/account/tokens');
    await page.getByLabel(text('az', 'tokens.name')).fill('reports');
    await page.getByRole('button', { name: text('az', 'tokens.create') }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^cht_/);
    const call = (t: string) =>
      page.evaluate(async (bearer) => (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${bearer}` } })).status, t);
    expect(await call(token)).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: text('az', 'tokens.revoke') }).click();
    await expect(page.getByText(text('az', 'tokens.none'))).toBeVisible();
    expect(await call(token)).toBe(401);
  });
});

test('pages for signing in are accessible and fit a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of ['/register', '/login', '/reset-password', '/privacy']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const name = path.slice(1).replace('/', '-');
    await page.screenshot({ path: `test-results/screenshots/${name}-375x812.png`, fullPage: true });
  }
  const email = unique('phone');
  await page.goto('/register');
  await register(page, email);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `account ${v.id}`)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/account-375x812.png', fullPage: true });
});
