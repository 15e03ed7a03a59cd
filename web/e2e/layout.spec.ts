import { join } from 'node:path';
import { expect, LOCALES, test, useLocale } from './fixtures';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
] as const;

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'status', path: '/status' },
] as const;

for (const size of SIZES) {
  for (const { name, path } of PAGES) {
    test(`screenshot of ${name} at ${size.width}×${size.height}`, async ({ page }, testInfo) => {
      await page.setViewportSize(size);
      await page.goto(path);
      if (path === '/status') await expect(page.getByTestId('status-version')).toBeVisible();
      await expect(page.getByTestId('footer-version')).not.toBeEmpty();
      await page.screenshot({
        path: join(testInfo.project.outputDir, 'screenshots', `${name}-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    });
  }
}

for (const locale of LOCALES) {
  test(`no horizontal scroll at 360 px in ${locale}`, async ({ page }) => {
    await useLocale(page, locale);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of [
      '/',
      '/status',
      '/calls',
      '/applications',
      '/staff',
      '/my-programme',
      '/interns',
      '/certificates',
      '/verify',
      '/statistics',
      '/check-in-screen',
      '/register',
      '/login',
      '/reset-password',
      '/privacy',
      '/a/rather/long/unknown/address/that/keeps/going',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (path === '/status') await expect(page.getByTestId('status-version')).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `scroll width of ${path}`).toBeLessThanOrEqual(360);
    }
  });
}
