// Every test fails if the page logs an error, throws, or breaks the server's
// Content-Security-Policy (Chromium reports those on the console too).
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

export { expect };

export const LOCALES = ['az', 'en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalogue = { [key: string]: string | Catalogue };

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(new URL(`../src/locales/${locale}.json`, import.meta.url), 'utf8')) as Catalogue,
  ]),
) as Record<Locale, Catalogue>;

/** The catalogue text for a dotted key, with {{name}} placeholders filled in. */
export function text(locale: Locale, key: string, values: Record<string, string> = {}): string {
  let node: string | Catalogue | undefined = catalogues[locale];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${locale}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

interface Options {
  /** Console errors a test provokes on purpose (e.g. a simulated 503). */
  allowedConsoleErrors: RegExp[];
}

export const test = base.extend<Options & { consoleGuard: void }>({
  allowedConsoleErrors: [[], { option: true }],
  consoleGuard: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
        });
      });
      page.on('console', (message) => {
        const body = message.text();
        const isProblem = message.type() === 'error' || /Content Security Policy/i.test(body);
        if (isProblem && !allowedConsoleErrors.some((allowed) => allowed.test(body))) {
          problems.push(`${message.type()}: ${body}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await use();
      expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens a page with a language already chosen, as a returning visitor would. */
export async function useLocale(page: import('@playwright/test').Page, locale: Locale): Promise<void> {
  await page.addInitScript((value) => window.localStorage.setItem('cohort.locale', value), locale);
}
