// An applicant answers a file question: a text file named cv.pdf is refused
// with the error at the question; a real PDF uploads, its name links to the
// download (an attachment), autosave keeps working with the new version, the
// application submits, and the file stays a download link once read-only.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { openCall } from './calls-setup';
import { person, registerConfirmed, signIn } from './people';

const CV = 'Tərcümeyi-hal (CV)';
const MOTIVATION = 'Niyə bu proqrama qoşulmaq istəyirsiniz?';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

// The refused upload is a 422 on purpose.
test.use({ allowedConsoleErrors: [/status of 422/] });

test('an applicant uploads a CV: a wrong file is refused at the question, a PDF is kept and downloads', async ({ page }) => {
  test.setTimeout(120_000);
  const call = await openCall(page.request, [
    {
      key: 'cv',
      type: 'file',
      label: { az: CV, en: 'CV' },
      help: { az: 'Son iki ilin təcrübəsi ilə.' },
      required: true,
      accept: ['pdf'],
      max_bytes: 5 * 1024 * 1024,
    },
    { key: 'motivation', type: 'long_text', label: { az: MOTIVATION, en: 'Why this programme?' }, required: true, max_words: 50 },
  ]);
  const who = person('uploader', { name: 'Nərgiz Həsənova' });
  await registerConfirmed(page, who);
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/call?id=${call.id}`);
  await page.getByRole('button', { name: text('az', 'calls.apply') }).click();
  await expect(page).toHaveURL(/\/application\?id=/);

  const question = page.getByRole('group', { name: CV });
  const input = page.locator('[id="answers.cv"]');
  await expect(question.getByText(text('az', 'documents.limits', { types: 'PDF', size: '5 MB' }))).toBeVisible();
  await expect(input).toHaveAttribute('accept', '.pdf,application/pdf');
  // The file input itself, named in the page's language (not the browser's "Choose File").
  await expect(page.getByRole('button', { name: `${text('az', 'documents.choose')} — ${CV}` })).toBeVisible();

  // Text with a PDF's name: refused by content, the error at the question.
  await input.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Bu PDF deyil, sadəcə mətndir.\n') });
  const error = page.locator('[id="answers.cv-error"]');
  await expect(error).toBeVisible();
  const refused = [text('az', 'field_errors.unsupported_file_type'), text('az', 'field_errors.type_mismatch')];
  expect(refused).toContain((await error.textContent())?.trim());
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', /answers\.cv-error/);
  await expect(page.getByTestId('document-link')).toHaveCount(0);

  // A real PDF: uploaded, named, downloadable.
  await input.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('upload-status-cv')).toHaveText(text('az', 'documents.uploaded', { name: 'cv.pdf' }));
  await expect(error).toHaveCount(0);
  const link = question.getByRole('link', { name: 'cv.pdf' });
  await expect(link).toBeVisible();
  await expect(page.getByRole('button', { name: `${text('az', 'documents.replace')} — ${CV}` })).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/api\/v1\/documents\/[^/]+$/);
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toMatch(/^application\/pdf/);
  expect(download.headers()['content-disposition']).toMatch(/^attachment;.*cv\.pdf/);
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

  // Autosave goes on with the version the upload made.
  await page.getByRole('textbox', { name: MOTIVATION }).fill('Beynəlxalq təcrübə qazanmaq istəyirəm');
  await expect(page.getByTestId('save-status')).toHaveText(new RegExp(`^${text('az', 'application.saved_at', { time: '\\d\\d:\\d\\d' })}$`), {
    timeout: 10_000,
  });
  await axe(page, '/application with an uploaded file');
  await page.setViewportSize({ width: 375, height: 812 });
  await question.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/upload-375x812.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Submitted: read-only, the file a download link.
  await page.getByRole('button', { name: text('az', 'application.submit') }).click();
  await expect(page.getByRole('heading', { name: text('az', 'application.submitted_title') })).toBeFocused();
  const answers = page.getByRole('region', { name: text('az', 'application.your_answers') });
  await expect(answers.getByRole('link', { name: 'cv.pdf' })).toHaveAttribute('href', href);
  await expect(page.locator('[id="answers.cv"]')).toHaveCount(0);

  // After a reload the name is not known (the answers hold the id): a generic link that still downloads.
  await page.reload();
  const generic = page.getByRole('region', { name: text('az', 'application.your_answers') }).getByRole('link', { name: text('az', 'documents.uploaded_file') });
  await expect(generic).toHaveAttribute('href', href);
  expect((await page.request.get(href)).status()).toBe(200);
});
