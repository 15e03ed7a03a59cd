import { expect, test, text } from './fixtures';

test('home page is in Azerbaijani by default and remembers a switch to English or Russian', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'az');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'home.title'));
  await expect(page.getByText(text('az', 'home.lead'))).toBeVisible();
  await expect(page).toHaveTitle('Cohort');

  await page.getByLabel(text('az', 'language.label')).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Cohort');
  await expect(page.getByRole('link', { name: /^Open calls/ })).toBeVisible();

  await page.getByLabel('Language').selectOption('ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Добро пожаловать в Cohort');
  await expect(page.getByRole('link', { name: /^Открытые конкурсы/ })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('ru', 'home.title'));
  await expect(page.getByLabel('Язык')).toHaveValue('ru');
  expect(await page.evaluate(() => window.localStorage.getItem('cohort.locale'))).toBe('ru');
});

test('API requests carry the chosen language in Accept-Language', async ({ page }) => {
  await page.goto('/status');
  await expect(page.getByTestId('status-version')).toBeVisible();

  await page.getByLabel(text('az', 'language.label')).selectOption('ru');
  const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/status'));
  await page.getByRole('button', { name: text('ru', 'status.refresh') }).click();
  expect((await request).headers()['accept-language']).toBe('ru');
});
