import AxeBuilder from '@axe-core/playwright';
import { expect, LOCALES, test, useLocale } from './fixtures';

const PAGES = ['/', '/status', '/calls', '/register', '/login', '/reset-password', '/privacy', '/verify', '/statistics', '/no-such-page'] as const;

for (const locale of LOCALES) {
  for (const path of PAGES) {
    test(`axe finds no violations on ${path} in ${locale}`, async ({ page }) => {
      await useLocale(page, locale);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      if (path === '/status') await expect(page.getByTestId('status-version')).toBeVisible();
      await expect(page.getByTestId('footer-version')).not.toBeEmpty();

      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  }
}
