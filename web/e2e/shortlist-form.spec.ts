// The short-list form. Through the HTTP API: a call whose form has a
// stage-1 question and two stage-2 questions (a required long text and a
// required PDF), one submitted application, admitted into the review stage
// and short-listed from it by id — which opens the short-list form and
// e-mails the link. In the browser, on a phone, the applicant follows the
// link (signing in on the way), sees the due date in the call's time zone,
// submits the empty form (errors at both questions), types (autosave),
// uploads a PDF, submits, and sees the answers read-only with the time;
// the timeline names both new events. A second test: in the form builder a
// coordinator puts a question on the short-list form and sets the days to
// answer it, which are refused out of range and kept after a reload.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { adminApi, applyThroughApi, openCall } from './calls-setup';
import { waitForMail } from './mail';
import { PASSWORD, person, signIn } from './people';

const MOTIVATION = 'Niyə Diplomatiya Könüllüləri proqramına qoşulmaq istəyirsiniz?';
const ESSAY = 'Son iki ildə həll etdiyiniz bir çətinliyi təsvir edin';
const PORTFOLIO = 'Yazı nümunəsi (PDF)';
const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: MOTIVATION, en: 'Why this programme?' }, required: true, stage: 1 },
  {
    key: 'essay',
    type: 'long_text',
    label: { az: ESSAY, en: 'Describe a challenge you solved in the last two years', ru: 'Опишите трудность, которую вы преодолели' },
    help: { az: 'Ən çoxu 200 söz.' },
    required: true,
    max_words: 200,
    stage: 2,
  },
  {
    key: 'portfolio',
    type: 'file',
    label: { az: PORTFOLIO, en: 'Writing sample (PDF)' },
    required: true,
    accept: ['pdf'],
    max_bytes: 5 * 1024 * 1024,
    stage: 2,
  },
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const BAKU = 'Asia/Baku, UTC+04:00';

// Submitting the empty short-list form is refused on purpose (422).
test.use({ allowedConsoleErrors: [/status of 422/] });

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** "12 dekabr 2026, saat 18:05 (Asia/Baku, UTC+04:00)": a moment as the page shows it in the call's zone. */
function bakuText(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 4 * 3_600_000);
  const date = text('az', 'format.date', {
    day: String(local.getUTCDate()),
    month: text('az', `format.months.${local.getUTCMonth() + 1}`),
    year: String(local.getUTCFullYear()),
  });
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return text('az', 'calls.in_zone', { time: text('az', 'format.date_time', { date, time }), zone: BAKU });
}

async function send(api: APIRequestContext, method: 'get' | 'post', path: string, status: number, data?: unknown) {
  const response = await api[method](path, data === undefined ? {} : { data });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

interface SecondStage {
  state: string;
  due_at: string | null;
  submitted_at: string | null;
}

test('a short-listed applicant answers the short-list form on a phone', async ({ page, baseURL }) => {
  test.slow();
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const call = await openCall(page.request, FIELDS);
  const { person: applicant, applicationId } = await applyThroughApi(
    base,
    call.id,
    { motivation: 'Dövlət qulluğunda təcrübə qazanmaq istəyirəm.' },
    person('shortlisted', { name: 'Leyla Quliyeva' }),
  );

  // ---- through the API: admitted into review, short-listed by id ----
  const admin = await adminApi(base, call);
  let dueAt = '';
  try {
    const stages = ((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}/stages`, 200)).items ?? []) as { id: string; kind: string }[];
    const review = stages.find((s) => s.kind === 'review');
    if (!review) throw new Error('a review stage expected');
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/admit`, 200)).admitted).toBe(1);
    const listed = await send(admin, 'post', `/api/v1/stages/${review.id}/shortlist`, 200, { application_ids: [applicationId] });
    expect(listed.moved).toBe(1);
    expect(listed.second_stage_opened).toBe(1);
    const seen = await send(admin, 'get', `/api/v1/applications/${applicationId}`, 200);
    const stage = seen.second_stage as SecondStage;
    expect(stage.state).toBe('open');
    dueAt = stage.due_at ?? '';
    // Fourteen days on, the form's default.
    expect(Math.round((Date.parse(dueAt) - Date.now()) / 86_400_000)).toBe(14);
  } finally {
    await admin.dispose();
  }

  // ---- the e-mail: the link to the application ----
  const mail = await waitForMail(applicant.email, text('az', 'emails.application_second_stage.subject', { call: call.title }));
  const url = /https?:\/\/\S+\/application\?id=\S+/.exec(mail.body)?.[0];
  expect(url, mail.body).toBeTruthy();
  const link = new URL(url ?? '');
  expect(link.searchParams.get('id')).toBe(applicationId);

  // ---- the applicant, on a phone: the link, then signing in on the way ----
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(link.pathname + link.search);
  await expect(page).toHaveURL(/\/login\?next=/);
  await signIn(page, applicant.email, PASSWORD, 'az', true);
  await expect(page).toHaveURL(`/application?id=${applicationId}`);

  const section = page.getByRole('region', { name: text('az', 'application.short_list.heading') });
  await expect(section).toBeVisible();
  await expect(section.getByText(text('az', 'application.short_list.open_intro'))).toBeVisible();
  await expect(section.getByTestId('short-list-due')).toHaveText(bakuText(dueAt));
  // The application form's answers stay read-only.
  const stageOne = page.getByRole('region', { name: text('az', 'application.your_answers'), exact: true });
  await expect(stageOne.getByText('Dövlət qulluğunda təcrübə qazanmaq istəyirəm.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: MOTIVATION })).toHaveCount(0);
  // The short-list form is above the rest of the page: the first thing after the state.
  const essay = section.getByRole('textbox', { name: ESSAY });
  await expect(essay).toBeVisible();
  await axe(page, '/application short-list form (open)');
  await page.screenshot({ path: '/tmp/sl-applicant-open-375.png', fullPage: true });
  await section.screenshot({ path: '/tmp/sl-section-open-375.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/sl-applicant-open-desktop.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });

  // ---- submitted empty: an error at each question, listed on top ----
  const submit = section.getByRole('button', { name: text('az', 'application.short_list.submit') });
  await submit.click();
  const summary = page.getByRole('alert').filter({ hasText: text('az', 'application.short_list.errors_title') });
  await expect(summary).toBeVisible();
  await expect(page.locator('#error-summary-heading')).toBeFocused();
  await expect(byId(page, 'answers.essay-error')).toHaveText(text('az', 'field_errors.required'));
  await expect(essay).toHaveAttribute('aria-invalid', 'true');
  await expect(byId(page, 'answers.portfolio-error')).toBeVisible();
  await expect(summary.getByRole('link', { name: new RegExp(ESSAY) })).toBeVisible();
  await axe(page, '/application short-list form (errors)');
  await page.screenshot({ path: '/tmp/sl-applicant-errors-375.png', fullPage: true });
  await section.screenshot({ path: '/tmp/sl-section-errors-375.png' });
  await summary.getByRole('link', { name: new RegExp(ESSAY) }).click();
  await expect(essay).toBeFocused();

  // ---- typed: saved as the person types ----
  const answer = 'Könüllü layihəmizdə on nəfərlik komandanı iki dildə işləməyə öyrətdim və tədbiri vaxtında başa çatdırdıq.';
  await essay.fill(answer);
  const status = section.getByTestId('save-status');
  await expect(status).toHaveText(new RegExp(`^${text('az', 'application.saved_at', { time: '\\d\\d:\\d\\d' })}$`), { timeout: 10_000 });
  const stored = await page.request.get(`/api/v1/applications/${applicationId}`);
  expect(((await stored.json()) as { answers: Record<string, unknown> }).answers.essay).toBe(answer);

  // ---- the PDF: uploaded at once, named ----
  await byId(page, 'answers.portfolio').setInputFiles({ name: 'numune.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByTestId('upload-status-portfolio')).toHaveText(text('az', 'documents.uploaded', { name: 'numune.pdf' }));
  await expect(byId(page, 'answers.portfolio-error')).toHaveCount(0);
  await expect(section.getByRole('group', { name: PORTFOLIO }).getByRole('link', { name: 'numune.pdf' })).toBeVisible();

  // ---- submitted: the answers read-only, with the time ----
  await submit.click();
  await expect(section.getByText(text('az', 'application.short_list.submitted_title'))).toBeVisible();
  await expect(page.locator('#short-list-heading')).toBeFocused();
  await expect(section.getByRole('textbox')).toHaveCount(0);
  await expect(section.getByRole('button', { name: text('az', 'application.short_list.submit') })).toHaveCount(0);
  const after = (await (await page.request.get(`/api/v1/applications/${applicationId}`)).json()) as { second_stage: SecondStage };
  expect(after.second_stage.state).toBe('submitted');
  await expect(section.getByTestId('short-list-submitted')).toHaveText(bakuText(after.second_stage.submitted_at ?? ''));
  await expect(section.getByRole('heading', { name: text('az', 'application.short_list.your_answers') })).toBeVisible();
  await expect(section.getByText(answer)).toBeVisible();
  await expect(section.getByRole('link', { name: 'numune.pdf' })).toBeVisible();
  const timeline = page.getByRole('region', { name: text('az', 'application.timeline') });
  await expect(timeline).toContainText(text('az', 'application.events.second_stage_opened'));
  await expect(timeline).toContainText(text('az', 'application.short_list.due_note', { time: bakuText(dueAt) }));
  await expect(timeline).toContainText(text('az', 'application.events.second_stage_submitted'));
  await axe(page, '/application short-list form (submitted)');
  await page.screenshot({ path: '/tmp/sl-applicant-submitted-375.png', fullPage: true });
  await section.screenshot({ path: '/tmp/sl-section-submitted-375.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);

  // After a reload: still read-only, in the same place.
  await page.reload();
  await expect(section.getByTestId('short-list-submitted')).toBeVisible();
  await expect(section.getByText(answer)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/sl-applicant-submitted-desktop.png', fullPage: true });
  await section.screenshot({ path: '/tmp/sl-section-submitted-desktop.png' });
});

test('a coordinator puts a question on the short-list form and sets the days to answer it', async ({ page }) => {
  test.setTimeout(120_000);
  const call = await openCall(page.request, [FIELDS[0]]);
  await signIn(page, call.admin, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/intake?id=${call.intakeId}`);
  await expect(byId(page, 'form.fields[0].key')).toHaveValue('motivation');
  // No question on the short-list form yet: its days are not asked.
  await expect(page.getByTestId('second-stage-settings')).toHaveCount(0);

  await page.locator('#add_field_type').selectOption('long_text');
  await page.getByRole('button', { name: text('az', 'call_editor.add_field') }).click();
  await expect(byId(page, 'form.fields[1].key')).toBeFocused();
  await byId(page, 'form.fields[1].key').fill('essay');
  await byId(page, 'form.fields[1].label.az').fill(ESSAY);
  const card = byId(page, 'form.fields[1]');
  await card.getByText(text('az', 'call_editor.more_settings')).click();
  await byId(page, 'form.fields[1].stage').selectOption('2');
  await expect(card.getByTestId('stage-2-badge')).toHaveText(text('az', 'call_editor.stage_2_badge'));
  await card.screenshot({ path: '/tmp/sl-builder-card-desktop.png' });

  const settings = page.getByTestId('second-stage-settings');
  await expect(settings).toBeVisible();
  const days = byId(page, 'form.second_stage_days');
  await expect(days).toHaveValue('14');
  await days.fill('61');
  const save = page.getByRole('button', { name: text('az', 'call_editor.save') });
  await save.click();
  await expect(byId(page, 'form.second_stage_days-error')).toBeVisible();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(days).toBeFocused();
  await days.fill('21');
  await save.click();
  await expect(page.getByText(text('az', 'call_editor.saved'))).toBeVisible();
  await expect(byId(page, 'form.second_stage_days-error')).toHaveCount(0);
  await axe(page, '/intake form builder with a short-list question');
  await settings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/sl-builder-desktop.png' });

  // Kept after a reload, and after saving again without touching it.
  await page.reload();
  await expect(byId(page, 'form.fields[1].stage')).toHaveValue('2');
  await expect(byId(page, 'form.second_stage_days')).toHaveValue('21');
  await byId(page, 'title.az').fill(`${call.title} (yenilənib)`);
  await save.click();
  await expect(page.getByText(text('az', 'call_editor.saved'))).toBeVisible();
  const stored = (await (await page.request.get(`/api/v1/intakes/${call.intakeId}/call`)).json()) as {
    form: { second_stage_days: number; fields: { key: string; stage: number }[] };
  };
  expect(stored.form.second_stage_days).toBe(21);
  expect(stored.form.fields.map((f) => [f.key, f.stage])).toEqual([
    ['motivation', 1],
    ['essay', 2],
  ]);
  await page.setViewportSize({ width: 375, height: 812 });
  await byId(page, 'form.second_stage_days').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/sl-builder-375.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
});
