// Helpers shared by the specs of networks' events and check-in at their
// sessions (event-check-in.spec.ts, network-journey.spec.ts): axe, a phone of
// another person's own, the QR codes of a badges PDF and of a screenshot, and
// times on the clock of Asia/Baku (UTC+4 all year).
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from './fixtures';

export const PHONE = { width: 375, height: 740 };

export async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

export async function noSideScroll(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where}`).toBeLessThanOrEqual(width);
}

/** A browser of another person's own (own cookies and storage), watched like the test's page; refusals (404 unknown pass, 422) are expected. */
export async function otherBrowser(browser: Browser, baseURL: string, viewport = PHONE) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Baku' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if ((message.type() === 'error' && !/status of (404|422)/.test(message.text())) || /Content Security Policy/i.test(message.text())) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/** The text of a QR code in a PNG image. */
export function qrInPng(png: PNG): string {
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!found) throw new Error('no QR code in the image');
  return found.data;
}

/** The text of the QR code on each page of a PDF, in page order (rasterised by poppler's pdftoppm). */
export function qrsInPdf(pdf: Buffer, pages?: { first: number; last: number }): string[] {
  const dir = mkdtempSync(`${tmpdir()}/cohort-badge-`);
  writeFileSync(`${dir}/badges.pdf`, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '150', ...range, `${dir}/badges.pdf`, `${dir}/page`]);
  // page-1.png … page-12.png (zero-padded to the widest number): the name's order is the page order.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  if (files.length === 0) throw new Error('pdftoppm wrote no page');
  return files.map((file) => qrInPng(PNG.sync.read(readFileSync(`${dir}/${file}`))));
}

/** The text of the QR code on the first page of a PDF. */
export function qrInPdf(pdf: Buffer): string {
  const [first] = qrsInPdf(pdf, { first: 1, last: 1 });
  return first ?? '';
}

/** The text of each page of a PDF (poppler's pdftotext), in page order. */
export function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(`${tmpdir()}/cohort-pdf-`);
  writeFileSync(`${dir}/file.pdf`, pdf);
  const all = execFileSync('/usr/bin/pdftotext', ['-layout', `${dir}/file.pdf`, '-'], { encoding: 'utf8' });
  // pdftotext ends every page with a form feed.
  return all.split('\f').slice(0, -1);
}

/** RFC 3339 in UTC without fractions, `minutes` from now. */
export const utcIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** "YYYY-MM-DD" on the clock of Asia/Baku, `days` from now. */
export const bakuDay = (days: number) => new Date(Date.now() + 4 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** "YYYY-MM-DDTHH:MM" (a datetime-local value) on the clock of Asia/Baku, `minutes` from now. */
export const bakuLocalIn = (minutes: number) => new Date(Date.now() + 4 * 3_600_000 + minutes * 60_000).toISOString().slice(0, 16);
