import { expect, test, text } from './fixtures';

test('an unknown client path shows the not-found view', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(200); // the server falls back to index.html
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'not_found.title'));
  await expect(page.getByText(text('az', 'not_found.body', { path: '/no/such/page' }))).toBeVisible();
  await expect(page).toHaveTitle(`${text('az', 'not_found.title')} — Cohort`);

  await page.getByRole('link', { name: text('az', 'not_found.home') }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'home.title'));
});

test('header and footer links navigate without reloading the page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'home.title'));
  // A marker on window survives client-side navigation but not a full page load.
  await page.evaluate(() => Object.assign(window, { cohortNoReload: true }));

  const nav = page.getByRole('navigation', { name: text('az', 'nav.label') });
  const calls = nav.getByRole('link', { name: text('az', 'nav.calls'), exact: true });
  await calls.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'nav.calls'));
  await expect(calls).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // One's own applications need a session: signed out, it asks to sign in first.
  await nav.getByRole('link', { name: text('az', 'nav.applications'), exact: true }).click();
  await expect(page).toHaveURL('/login?next=%2Fapplications');
  // The staff area needs a session: signed out, it asks to sign in first.
  await nav.getByRole('link', { name: text('az', 'nav.staff') }).click();
  await expect(page).toHaveURL('/login?next=%2Fstaff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'auth.login_title'));

  await page.getByRole('contentinfo').getByRole('link', { name: text('az', 'footer.status') }).click();
  await expect(page).toHaveURL('/status');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'status.title'));

  await page.goBack();
  await expect(page).toHaveURL('/login?next=%2Fstaff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'auth.login_title'));

  await page.getByRole('link', { name: 'Cohort', exact: true }).click();
  await expect(page).toHaveURL('/');
  expect(await page.evaluate(() => (window as unknown as { cohortNoReload?: boolean }).cohortNoReload)).toBe(true);
});
