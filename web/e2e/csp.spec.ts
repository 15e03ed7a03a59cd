import { expect, test, text } from './fixtures';

// The fixture already fails a test on any console error or CSP violation; these
// tests make sure every page and its interactions are exercised under the policy.

test('the server sends the Content-Security-Policy and the shell has nothing inline', async ({ request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');

  const html = await response.text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/<style\b/i);
  expect(html).not.toMatch(/\sstyle=/i);
});

for (const path of [
  '/',
  '/status',
  '/calls',
  '/applications',
  '/staff',
  '/register',
  '/login',
  '/reset-password',
  '/verify-email',
  '/privacy',
  '/no-such-page',
]) {
  test(`no console errors or CSP violations on ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy']).toBeTruthy();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('footer-version')).toContainText('0.');
    // Re-render everything in another language, as a visitor would.
    await page.getByRole('banner').getByLabel(text('az', 'language.label'), { exact: true }).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    if (path === '/status') {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByRole('status')).toContainText('Updated at');
    }
  });
}
