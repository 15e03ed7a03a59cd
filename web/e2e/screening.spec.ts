// Staff screen applications: the intake's table marks two applicants with
// the same phone as possible duplicates (and filters them), downloads what
// the filters match as CSV and XLSX, evaluates the rules again, and an
// administrator records a decision with a reason on a submitted application.
// The calls page links its Atom feed and names the embeddable JSON.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { applyThroughApi, openCall } from './calls-setup';
import { PASSWORD, person, signIn } from './people';

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

const FIELDS = [
  { key: 'phone', type: 'phone', label: { az: 'Mobil telefon nömrəniz', en: 'Mobile phone' }, required: true },
  {
    key: 'volunteer_years',
    type: 'number',
    label: { az: 'Neçə il könüllü iş təcrübəniz var?', en: 'Years of volunteering' },
    required: true,
    min: 0,
    max: 50,
    integer: true,
  },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];
// Not a knock-out: a failing applicant goes to the screening queue.
const RULES = [{ id: 'experience', kind: 'answer', field: 'volunteer_years', op: 'ge', value: 1, knock_out: false }];

// Refused on purpose: a screening decision without a reason.
test.use({ allowedConsoleErrors: [/status of 422/] });

test('staff see possible duplicates, download the list, evaluate again and screen an application', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const call = await openCall(page.request, FIELDS, RULES);
  const base = baseURL ?? '';
  // Two people with the same phone, written differently; a third with another.
  const first = await applyThroughApi(base, call.id, { phone: '+994 50 123 45 67', volunteer_years: 0, consent: true }, person('dup-a', { name: 'Leyla Quliyeva' }));
  const second = await applyThroughApi(base, call.id, { phone: '+994501234567', volunteer_years: 3, consent: true }, person('dup-b', { name: 'Rəşad Əliyev' }));
  const third = await applyThroughApi(base, call.id, { phone: '+994 55 765 43 21', volunteer_years: 2, consent: true }, person('other', { name: 'Aysel Məmmədova' }));

  await signIn(page, call.admin, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/intake?id=${call.intakeId}`);
  const applications = page.getByRole('region', { name: text('az', 'intake.applications'), exact: true });
  await expect(applications.getByText(text('az', 'intake.total_other', { count: '3' }))).toBeVisible();
  const rowOf = (email: string) => applications.getByRole('row').filter({ hasText: email });
  await expect(rowOf(first.person.email).getByTestId('duplicate-badge')).toHaveText(text('az', 'intake.duplicate_badge'));
  await expect(rowOf(second.person.email).getByTestId('duplicate-badge')).toBeVisible();
  await expect(rowOf(third.person.email).getByTestId('duplicate-badge')).toHaveCount(0);
  await expect(rowOf(first.person.email)).toContainText(text('az', 'intake.outcomes.review'));
  await axe(page, '/intake');

  // Only the possible duplicates; the downloads follow the filters shown.
  await applications.getByLabel(text('az', 'intake.duplicates_only')).check();
  await applications.getByRole('button', { name: text('az', 'intake.apply_filters') }).click();
  await expect(applications.getByText(text('az', 'intake.total_other', { count: '2' }))).toBeVisible();
  await expect(rowOf(third.person.email)).toHaveCount(0);
  const csvLink = applications.getByRole('link', { name: text('az', 'intake.download_csv') });
  const csvHref = (await csvLink.getAttribute('href')) ?? '';
  expect(csvHref).toContain('format=csv');
  expect(csvHref).toContain('duplicates=true');
  const csv = await page.request.get(csvHref);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment/);
  const body = await csv.text();
  expect(body).toContain(first.person.email);
  expect(body).toContain(second.person.email);
  expect(body).not.toContain(third.person.email);
  const xlsxHref = (await applications.getByRole('link', { name: text('az', 'intake.download_xlsx') }).getAttribute('href')) ?? '';
  const xlsx = await page.request.get(xlsxHref);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toMatch(/spreadsheetml/);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

  // Screening the first one: a reason is required, the error at its input.
  await rowOf(first.person.email).getByRole('link').click();
  await expect(page).toHaveURL(`/application?id=${first.applicationId}`);
  const screening = page.getByRole('region', { name: text('az', 'screening.heading') });
  await expect(screening.getByTestId('rules-outcome')).toHaveText(text('az', 'application.outcomes.review'));
  await expect(screening.getByText(text('az', 'screening.none'))).toBeVisible();
  await axe(page, '/application (staff)');
  await screening.getByRole('radio', { name: text('az', 'screening.decisions.ineligible') }).check();
  await screening.getByRole('button', { name: text('az', 'screening.save') }).click();
  await expect(page.locator('#screening_reason-error')).toBeVisible();
  await expect(page.locator('#screening_reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#screening_reason')).toBeFocused();
  await page.locator('#screening_reason').fill('Könüllü iş təcrübəsi yoxdur; telefon nömrəsi başqa müraciətlə eynidir.');
  await screening.getByRole('button', { name: text('az', 'screening.save') }).click();

  const decided = screening.getByTestId('screening-decision');
  await expect(page.getByRole('heading', { name: text('az', 'screening.decided_heading') })).toBeFocused();
  await expect(decided).toContainText(text('az', 'screening.decisions.ineligible'));
  await expect(decided.getByTestId('screening-reason')).toHaveText('Könüllü iş təcrübəsi yoxdur; telefon nömrəsi başqa müraciətlə eynidir.');
  await expect(decided.getByTestId('screening-by')).toContainText(text('az', 'screening.you', { name: '' }).trim());
  await expect(decided.getByTestId('screening-at')).toContainText('Asia/Baku, UTC+04:00');
  await expect(screening.getByTestId('rules-outcome')).toHaveText(text('az', 'application.outcomes.review'));
  await expect(screening.getByTestId('effective-outcome')).toHaveText(text('az', 'application.outcomes.ineligible'));
  await expect(page.locator('#screening_reason-error')).toHaveCount(0);
  await expect(page.getByRole('region', { name: text('az', 'application.timeline') })).toContainText(text('az', 'application.events.screened'));
  await axe(page, '/application (screened)');
  // A reload shows the same decision.
  await page.reload();
  await expect(page.getByRole('region', { name: text('az', 'screening.heading') }).getByTestId('screening-reason')).toHaveText(
    'Könüllü iş təcrübəsi yoxdur; telefon nömrəsi başqa müraciətlə eynidir.',
  );

  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('region', { name: text('az', 'screening.heading') }).screenshot({ path: 'test-results/screenshots/screening-375.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back in the table: marked as screened; evaluating the rules again keeps the decision.
  await page.goto(`/intake?id=${call.intakeId}`);
  await expect(rowOf(first.person.email).getByTestId('screened-badge')).toHaveText(text('az', 'intake.screened_badge'));
  await expect(rowOf(first.person.email)).toContainText(text('az', 'intake.outcomes.ineligible'));
  await expect(rowOf(second.person.email).getByTestId('screened-badge')).toHaveCount(0);
  await applications.getByRole('button', { name: text('az', 'intake.evaluate') }).click();
  await expect(applications.getByTestId('evaluation')).toContainText(
    text('az', 'intake.evaluated', { evaluated: '3', changed: '0', eligible: '2', ineligible: '0', review: '1' }).split('.')[0] ?? '',
  );
  await expect(applications.getByText(text('az', 'intake.total_other', { count: '3' }))).toBeVisible();
  await expect(rowOf(first.person.email)).toContainText(text('az', 'intake.outcomes.ineligible'));
  await axe(page, '/intake after evaluating');

  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: 'test-results/screenshots/intake-screening-375x812.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
});

test('the calls page links the Atom feed and names the embeddable JSON', async ({ page }) => {
  await page.goto('/calls');
  const feeds = page.getByRole('region', { name: text('az', 'calls.feeds_heading') });
  const link = feeds.getByRole('link', { name: text('az', 'calls.feed_link') });
  await expect(link).toHaveAttribute('href', '/api/v1/calls.atom');
  await expect(feeds.getByText('/api/v1/calls', { exact: true })).toBeVisible();
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', '/api/v1/calls.atom');
  const atom = await page.request.get('/api/v1/calls.atom');
  expect(atom.status()).toBe(200);
  expect(atom.headers()['content-type']).toMatch(/^application\/atom\+xml/);
  expect(atom.headers()['access-control-allow-origin']).toBe('*');
  expect(await atom.text()).toContain('<feed');
  const json = await page.request.get('/api/v1/calls');
  expect(json.status()).toBe(200);
  expect(json.headers()['access-control-allow-origin']).toBe('*');
  await axe(page, '/calls');
});
