// Accounts through the real pages, the real server and real e-mail (an SMTP
// sink, see playwright.config.ts): registering and confirming the address,
// signing in and out, the account page, password reset and API tokens.
import type { Page } from '@playwright/test';
import { expect, test, text, useLocale } from './fixtures';
import { mailsTo, resetLink, verifyLink, waitForMail } from './mail';
import {
  accountButton,
  openAccountMenu,
  person,
  registerConfirmed,
  registerQuickly,
  registerThroughPage,
  signIn,
  signOut,
  totpCode,
} from './people';

// Refused requests (401, 422) are what several tests are about; Chromium logs
// each one as a console error, which the fixture would otherwise count.
test.use({ allowedConsoleErrors: [/the server responded with a status of (401|422|429)/] });

/** The visible error of one input, and that the input points to it. */
async function expectFieldError(page: Page, id: string, message: string): Promise<void> {
  await expect(page.locator(`#${id}-error`)).toHaveText(message);
  const input = page.locator(`#${id}`);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', new RegExp(`(^| )${id}-error( |$)`));
}

test('register, confirm the address by the e-mailed link, and the link works only once', async ({ page }) => {
  const aysel = person('aysel');
  await registerThroughPage(page, aysel);

  const mail = await waitForMail(aysel.email, text('az', 'emails.verify_email.subject'));
  expect(mail.body).toContain(aysel.name);
  const link = verifyLink(mail.body);
  expect(link).toMatch(/^\/verify-email\?token=/);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'auth.verify_title'));
  await expect(page.getByRole('status')).toHaveText(text('az', 'auth.verified'));
  await expect(page.getByRole('main').getByRole('link', { name: text('az', 'auth.login_link') })).toBeVisible();

  // The same link again, a made-up one and none at all: each says what is wrong.
  await page.goto(link);
  await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.verify_used'));
  await page.goto('/verify-email?token=not-a-real-token');
  await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.verify_invalid'));
  await page.goto('/verify-email');
  await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.verify_invalid'));
  await expect(page.getByRole('main').getByRole('link', { name: text('az', 'auth.login_link') })).toBeVisible();

  await signIn(page, aysel.email, aysel.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('email-state')).toHaveText(text('az', 'account.email_verified'));
});

test('an address that already has an account gets the same answer, and its owner an e-mail', async ({ page }) => {
  const first = person('taken');
  const answers: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/v1/accounts') && response.request().method() === 'POST') {
      answers.push(`${response.status()} ${await response.text()}`);
    }
  });
  await registerThroughPage(page, first);
  const welcome = await waitForMail(first.email, text('az', 'emails.verify_email.subject'));

  await registerThroughPage(page, { ...first, name: 'Başqa Adam', password: 'another passphrase' });
  await expect.poll(() => answers.length).toBe(2);
  expect(answers[1]).toBe(answers[0]);
  expect(answers[0]).toMatch(/^202 /);

  // The owner is told instead, and no second confirmation link goes out.
  const notice = await waitForMail(first.email, { subject: text('az', 'emails.already_registered.subject'), exclude: [welcome] });
  expect(notice.body).not.toContain('/verify-email?token=');
  expect(mailsTo(first.email).filter((m) => m.subject === welcome.subject)).toHaveLength(1);
});

test('bad registration shows every field error in Russian next to its field and keeps what was typed', async ({ page }) => {
  await useLocale(page, 'ru');
  await page.goto('/register');
  const main = page.getByRole('main');
  await expect(main.getByText(text('ru', 'auth.password_rule'))).toBeVisible();
  await main.getByLabel(text('ru', 'auth.email'), { exact: true }).fill('not-an-email');
  await main.getByLabel(text('ru', 'auth.password'), { exact: true }).fill('short');
  await main.getByLabel(text('ru', 'auth.locale'), { exact: true }).selectOption('en');
  await main.getByRole('button', { name: text('ru', 'auth.register_button') }).click();

  // The server's messages come from the same catalogues, in the page's language.
  await expectFieldError(page, 'name', text('ru', 'field_errors.required'));
  await expectFieldError(page, 'email', text('ru', 'field_errors.invalid_email'));
  await expectFieldError(page, 'password', text('ru', 'field_errors.too_short'));
  await expectFieldError(page, 'consent', text('ru', 'field_errors.required'));
  await expect(page.locator('#name')).toBeFocused();
  await expect(page.locator('#email')).toHaveValue('not-an-email');
  await expect(page.locator('#password')).toHaveValue('short');
  await expect(page.locator('#locale')).toHaveValue('en');
  // The password rule stays linked to its input next to the error.
  await expect(page.locator('#password')).toHaveAttribute('aria-describedby', 'password-hint password-error');

  // Correcting the form is enough: nothing has to be typed again.
  const email = person('fixed').email;
  await page.locator('#name').fill('Иван Петров');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('a much longer passphrase');
  await main.getByLabel(text('ru', 'auth.consent')).check();
  await main.getByRole('button', { name: text('ru', 'auth.register_button') }).click();
  await expect(main.getByText(text('ru', 'auth.check_email', { email }))).toBeVisible();
  // English was chosen for the account, so the e-mail is in English.
  await waitForMail(email, text('en', 'emails.verify_email.subject'));
});

test('a wrong password is refused and the e-mail address stays in the form', async ({ page }) => {
  const who = person('wrong');
  await registerQuickly(page, who);
  await signIn(page, who.email, 'not the password at all');
  await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.wrong_credentials'));
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('#email')).toHaveValue(who.email);
  await expect(accountButton(page, who.name)).toHaveCount(0);
});

test('after five wrong passwords the page says how long to wait', async ({ page }) => {
  const who = person('throttled');
  await registerQuickly(page, who);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, who.email, `wrong passphrase ${attempt}`);
    await expect(page.getByRole('alert')).toHaveText(text('az', 'auth.wrong_credentials'));
  }
  // Even the right password waits now (the server checks before hashing).
  await signIn(page, who.email, who.password);
  const [before, after] = text('az', 'auth.too_many_other', { count: '§' }).split('§');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(page.getByRole('alert')).toHaveText(new RegExp(`^${escape(before ?? '')}\\d+${escape(after ?? '')}\\s*$`));
  await expect(page).toHaveURL(/\/login$/);
});

test('sign in, change language and password on the account page, sign out, sign in with the new password', async ({ page }) => {
  const who = person('account', { name: 'Rəşad Əliyev' });
  const newPassword = 'a brand new passphrase';
  await registerQuickly(page, who);

  // The account page needs a session: it sends the visitor to sign in and back.
  await page.goto('/account');
  await expect(page).toHaveURL('/login?next=%2Faccount');
  await signIn(page, who.email, who.password, 'az', true);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'account.title'));
  await expect(page.getByTestId('account-email')).toHaveText(who.email);
  await expect(page.getByTestId('email-state')).toHaveText(text('az', 'account.email_unverified'));

  // The header: the account's name opens a small menu; Escape closes it.
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: text('az', 'auth.login_link') })).toHaveCount(0);
  await openAccountMenu(page, who.name);
  await expect(banner.getByRole('link', { name: text('az', 'account.title') })).toBeVisible();
  await expect(banner.getByRole('link', { name: text('az', 'tokens.title') })).toBeVisible();
  await expect(banner.getByRole('button', { name: text('az', 'auth.logout') })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(accountButton(page, who.name)).toHaveAttribute('aria-expanded', 'false');
  await expect(accountButton(page, who.name)).toBeFocused();
  await expect(banner.getByRole('link', { name: text('az', 'tokens.title') })).toBeHidden();

  // The account's language is the site's language.
  await page.locator('#locale').selectOption('en');
  await page.getByRole('button', { name: text('az', 'account.save') }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('en', 'account.title'));
  await expect(page.getByRole('status').filter({ hasText: text('en', 'account.saved') })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('en', 'account.title'));
  await expect(page.locator('#locale')).toHaveValue('en');
  await expect(page.getByLabel(text('en', 'language.label')).first()).toHaveValue('en');

  // A wrong current password is refused next to its field; the new one stays typed.
  await page.locator('#current_password').fill('not my password');
  await page.locator('#new_password').fill(newPassword);
  await page.getByRole('button', { name: text('en', 'account.change_password') }).click();
  await expectFieldError(page, 'current_password', text('en', 'field_errors.wrong_password'));
  await expect(page.locator('#new_password')).toHaveValue(newPassword);
  await page.locator('#current_password').fill(who.password);
  await page.getByRole('button', { name: text('en', 'account.change_password') }).click();
  await expect(page.getByRole('status').filter({ hasText: text('en', 'account.password_changed') })).toBeVisible();
  await expect(page.locator('#current_password')).toHaveValue('');
  await waitForMail(who.email, text('en', 'emails.password_changed.subject'));

  await signOut(page, who.name, 'en');
  await page.goto('/account');
  await expect(page).toHaveURL('/login?next=%2Faccount');

  await signIn(page, who.email, who.password, 'en');
  await expect(page.getByRole('alert')).toHaveText(text('en', 'auth.wrong_credentials'));
  await signIn(page, who.email, newPassword, 'en', true);
  await expect(page).toHaveURL(/\/account$/);
  await expect(accountButton(page, who.name)).toBeVisible();
});

test('a forgotten password is reset through the e-mailed link, which works once', async ({ page }) => {
  const who = person('reset');
  const newPassword = 'the reset passphrase';
  await registerQuickly(page, who);

  await page.goto('/login');
  await page.getByRole('link', { name: text('az', 'auth.forgot') }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByRole('main').getByLabel(text('az', 'auth.email'), { exact: true }).fill(who.email);
  await page.getByRole('button', { name: text('az', 'auth.send_link') }).click();
  await expect(page.getByRole('status')).toContainText(text('az', 'auth.reset_sent', { email: who.email }));

  const mail = await waitForMail(who.email, text('az', 'emails.reset_password.subject'));
  const link = resetLink(mail.body);
  await page.goto(link);
  await expect(page.getByText(text('az', 'auth.reset_new_intro'))).toBeVisible();
  await page.locator('#new_password').fill('short');
  await page.getByRole('button', { name: text('az', 'auth.reset_button') }).click();
  await expectFieldError(page, 'new_password', text('az', 'field_errors.too_short'));
  await page.locator('#new_password').fill(newPassword);
  await page.getByRole('button', { name: text('az', 'auth.reset_button') }).click();
  await expect(page.getByRole('status')).toHaveText(text('az', 'auth.reset_done'));

  // Used once, the link is spent, and the page offers a new one.
  await page.goto(link);
  await page.locator('#new_password').fill('yet another passphrase');
  await page.getByRole('button', { name: text('az', 'auth.reset_button') }).click();
  await expect(page.getByRole('alert')).toContainText(text('az', 'auth.reset_used'));
  await page.getByRole('alert').getByRole('link', { name: text('az', 'auth.reset_again') }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await expect(page.getByRole('main').getByLabel(text('az', 'auth.email'), { exact: true })).toBeVisible();

  await signIn(page, who.email, newPassword);
  await expect(page).toHaveURL(/\/account$/);
});

test('asking to reset the password of an unknown address answers the same and sends nothing', async ({ page }) => {
  const nobody = person('nobody').email;
  await page.goto('/reset-password');
  await page.getByRole('main').getByLabel(text('az', 'auth.email'), { exact: true }).fill(nobody);
  await page.getByRole('button', { name: text('az', 'auth.send_link') }).click();
  await expect(page.getByRole('status')).toContainText(text('az', 'auth.reset_sent', { email: nobody }));
  await expect(waitForMail(nobody, { timeoutMs: 1_500 })).rejects.toThrow(/No mail/);
});

test('an API token is shown once, works with Bearer, and stops working when revoked', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const who = person('tokens', { name: 'Leyla Quliyeva' });
  await registerConfirmed(page, who);

  await page.goto('/account/tokens');
  await expect(page).toHaveURL('/login?next=%2Faccount%2Ftokens');
  await signIn(page, who.email, who.password, 'az', true);
  await expect(page).toHaveURL(/\/account\/tokens$/);
  await expect(page.getByText(text('az', 'tokens.none'))).toBeVisible();

  await page.getByRole('button', { name: text('az', 'tokens.create') }).click();
  await expectFieldError(page, 'token_name', text('az', 'field_errors.required'));
  await page.getByLabel(text('az', 'tokens.name')).fill('reports');
  await page.getByRole('button', { name: text('az', 'tokens.create') }).click();

  const panel = page.getByRole('region', { name: text('az', 'tokens.created_title', { name: 'reports' }) });
  await expect(panel).toBeVisible();
  await expect(panel.getByText(text('az', 'tokens.once'))).toBeVisible();
  const token = await page.getByTestId('new-token').inputValue();
  expect(token).toMatch(/^cht_/);
  await panel.getByRole('button', { name: text('az', 'tokens.copy'), exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(text('az', 'tokens.copied'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // Only the token counts (no cookie): it works, as the person it belongs to.
  const call = (bearer: string) =>
    page.evaluate(async (value) => {
      const response = await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${value}` }, credentials: 'omit' });
      return { status: response.status, body: await response.text() };
    }, bearer);
  const ok = await call(token);
  expect(ok.status).toBe(200);
  expect(ok.body).toContain(who.email);

  // Shown once: after a reload only its name is left.
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await expect(page.getByText('reports', { exact: true })).toBeVisible();
  await expect(page.getByText(text('az', 'tokens.never_used')).or(page.getByText(/son istifadə/))).toBeVisible();

  // Revoking asks first; cancelling keeps the token.
  const revoke = page.getByRole('button', { name: `${text('az', 'tokens.revoke')} “reports”` });
  await revoke.click();
  const confirm = page.getByRole('group', { name: text('az', 'tokens.confirm_revoke', { name: 'reports' }) });
  await expect(confirm.getByRole('button', { name: text('az', 'tokens.confirm_button') })).toBeFocused();
  await confirm.getByRole('button', { name: text('az', 'common.cancel') }).click();
  await expect(revoke).toBeFocused();
  expect((await call(token)).status).toBe(200);

  await revoke.click();
  await confirm.getByRole('button', { name: text('az', 'tokens.confirm_button') }).click();
  await expect(page.getByRole('status').filter({ hasText: text('az', 'tokens.revoked', { name: 'reports' }) })).toBeVisible();
  await expect(page.getByText(text('az', 'tokens.none'))).toBeVisible();
  expect((await call(token)).status).toBe(401);

  // A new password revokes every token.
  await page.getByLabel(text('az', 'tokens.name')).fill('second');
  await page.getByRole('button', { name: text('az', 'tokens.create') }).click();
  const second = await page.getByTestId('new-token').inputValue();
  expect((await call(second)).status).toBe(200);
  await page.goto('/account');
  await page.locator('#current_password').fill(who.password);
  await page.locator('#new_password').fill('a different passphrase');
  await page.getByRole('button', { name: text('az', 'account.change_password') }).click();
  await expect(page.getByRole('status').filter({ hasText: text('az', 'account.password_changed') })).toBeVisible();
  expect((await call(second)).status).toBe(401);
});

test('an unconfirmed address cannot create API tokens until the e-mailed link is opened', async ({ page }) => {
  const who = person('unconfirmed');
  await registerQuickly(page, who);
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/account/tokens');
  await expect(page.getByText(text('az', 'tokens.confirm_first', { email: who.email }))).toBeVisible();
  await expect(page.getByLabel(text('az', 'tokens.name'))).toHaveCount(0);

  // Opened while signed in: the request waits for the session's CSRF token.
  const mail = await waitForMail(who.email, text('az', 'emails.verify_email.subject'));
  await page.goto(verifyLink(mail.body));
  await expect(page.getByRole('status')).toHaveText(text('az', 'auth.verified'));
  await page.getByRole('link', { name: text('az', 'auth.go_to_account') }).click();
  await expect(page.getByTestId('email-state')).toHaveText(text('az', 'account.email_verified'));
  await page.goto('/account/tokens');
  await expect(page.getByLabel(text('az', 'tokens.name'))).toBeVisible();
});

test('two-step sign-in: turned on from the account page, then signing in asks for the code', async ({ page }) => {
  const who = person('totp', { name: 'Tural Hüseynov' });
  await registerQuickly(page, who);
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('button', { name: text('az', 'account.totp_setup') }).click();
  const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await page.locator('#code').fill(totpCode(secret));
  await page.getByRole('button', { name: text('az', 'account.totp_enable') }).click();
  await expect(page.getByText(text('az', 'account.totp_on'))).toBeVisible();

  await signOut(page, who.name);
  await signIn(page, who.email, who.password);
  // The password was right: the page now asks for the code, without an error.
  const code = page.locator('#totp_code');
  await expect(code).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('#password')).toHaveValue(who.password);
  const valid = new Set([-1, 0, 1, 2].map((offset) => totpCode(secret, offset)));
  const wrong = [10, 11, 12].map((offset) => totpCode(secret, offset)).find((c) => !valid.has(c)) ?? '000000';
  await code.fill(wrong);
  await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
  await expect(page.locator('#totp_code-error')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  // The step after the one used to turn it on (a used step is refused).
  await code.fill(totpCode(secret, 1));
  await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
  await expect(page).toHaveURL(/\/account$/);
});

test('when the server ends the session, the next action asks to sign in again and comes back', async ({ page, context }) => {
  const who = person('expired');
  await registerQuickly(page, who);
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/account$/);
  // As if the session timed out: the cookie no longer opens a session.
  await context.clearCookies();
  await page.getByRole('button', { name: text('az', 'account.save') }).click();
  await expect(page).toHaveURL('/login?next=%2Faccount');
  await expect(page.getByText(text('az', 'auth.session_expired'))).toBeVisible();
  await signIn(page, who.email, who.password, 'az', true);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(text('az', 'auth.session_expired'))).toHaveCount(0);
});
