// Selection by review: a coordinator opens the intake's stages, gives the
// review stage a rubric of two criteria (a zero weight is refused at its
// input; a save over someone else's keeps what was typed), blind review, a
// hidden field and a conflict field, adds two reviewers, admits the eligible
// applications and assigns reviewers automatically. A reviewer scores one
// application (a missing score is named at its criterion) and submits, and
// declares a conflict of interest on another, which goes to the other
// reviewer. The coordinator then reads the ranking and short-lists the top
// one into the interview stage. The organisation, call, applications and
// staff are set up through the HTTP API beforehand.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { applyThroughApi, openCall, signInThroughApi, staffMember } from './calls-setup';
import { createToken } from './cli';
import { PASSWORD, person, signIn, signOut } from './people';

const LABELS = {
  motivation: 'Niyə Diplomatiya Könüllüləri proqramına qoşulmaq istəyirsiniz?',
  university: 'Hansı universitetdə oxumusunuz?',
  years: 'Neçə il könüllü iş təcrübəniz var?',
};

const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: LABELS.motivation, en: 'Why do you want to join?' }, required: true },
  { key: 'university', type: 'short_text', label: { az: LABELS.university, en: 'University' }, required: true },
  {
    key: 'volunteer_years',
    type: 'number',
    label: { az: LABELS.years, en: 'Years of volunteering' },
    required: true,
    min: 0,
    max: 50,
    integer: true,
  },
  { key: 'phone', type: 'phone', label: { az: 'Mobil telefon nömrəniz', en: 'Mobile phone' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
  { key: 'cv', type: 'file', label: { az: 'CV', en: 'CV' }, accept: ['pdf'] },
];
/** A minimal PDF, as the server's content check recognises it. */
const cv = (name: string) => ({
  name: `${name}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
});
// Not a knock-out: an applicant without experience waits for screening by hand.
const RULES = [{ id: 'experience', kind: 'answer', field: 'volunteer_years', op: 'ge', value: 1, knock_out: false }];

// Refused on purpose: a zero weight (422), a save over someone else's (409), a submission with a missing score (422).
test.use({ allowedConsoleErrors: [/status of (409|422)/] });

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** An element by its id (the stage editor's ids are the API's paths, with dots and brackets). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

interface Row {
  id: string;
  application_id: string;
  reference: string;
  reviewer_id: string;
  state: string;
}

test('a coordinator sets up review, reviewers score and declare a conflict, and the top one is short-listed', async ({ page, baseURL }) => {
  test.slow();
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const call = await openCall(page.request, FIELDS, RULES);
  const answers = (university: string, years: number, motivation: string) => ({
    motivation,
    university,
    volunteer_years: years,
    phone: `+99450${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`,
    consent: true,
  });
  const leyla = await applyThroughApi(base, call.id, answers('ADA Universiteti', 3, 'Beynəlxalq münasibətlər mənim ixtisasımdır.'), person('leyla', { name: 'Leyla Quliyeva' }), { cv: cv('CV leyla') });
  const resad = await applyThroughApi(base, call.id, answers('Bakı Dövlət Universiteti', 2, 'Diplomatiyada karyera qurmaq istəyirəm.'), person('resad', { name: 'Rəşad Əliyev' }), { cv: cv('CV resad') });
  const nermin = await applyThroughApi(base, call.id, answers('ADA Universiteti', 4, 'Xarici dilləri yaxşı bilirəm.'), person('nermin', { name: 'Nərmin Hüseynova' }), { cv: cv('CV nermin') });
  await applyThroughApi(base, call.id, answers('Xəzər Universiteti', 0, 'Təcrübəm yoxdur, amma öyrənmək istəyirəm.'), person('orxan', { name: 'Orxan Səfərov' }));
  const applicants = [leyla, resad, nermin];
  const kamran = await staffMember(base, call, 'reviewer', person('kamran', { name: 'Kamran Rzayev' }));
  const gunel = await staffMember(base, call, 'reviewer', person('gunel', { name: 'Günel Abbasova' }));

  const admin: APIRequestContext = await newRequest.newContext({
    baseURL: base,
    extraHTTPHeaders: { Authorization: `Bearer ${createToken(call.admin)}` },
  });
  try {
    // ---- the coordinator: stages, rubric, reviewers, admitting, assigning ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/intake?id=${call.intakeId}`);
    const stages = page.getByRole('region', { name: text('az', 'stages.heading') });
    await expect(stages.getByTestId('stage-row')).toHaveCount(4);
    await expect(stages.getByTestId('stage-row').nth(0)).toContainText(text('az', 'stages.kinds.screening'));
    await expect(stages.getByTestId('stage-row').nth(1)).toContainText(text('az', 'stages.kinds.review'));
    await expect(stages.getByTestId('stage-row').nth(2)).toContainText(text('az', 'stages.kinds.interview'));
    await expect(stages.getByTestId('stage-row').nth(3)).toContainText(text('az', 'stages.kinds.decision'));
    await axe(page, '/intake with stages');
    await stages.getByRole('link', { name: text('az', 'stages.kinds.review') }).click();
    await expect(page).toHaveURL(/\/stage\?id=/);
    const stageId = new URL(page.url()).searchParams.get('id') ?? '';
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'stages.kinds.review'));

    // Two criteria (a new stage may come with one of its own: start afresh); the second one's weight is zero at first.
    const criteria = page.getByTestId('criterion');
    while ((await criteria.count()) > 0) {
      await criteria.first().getByRole('button', { name: text('az', 'stage_settings.remove_criterion') }).click();
    }
    const addCriterion = page.getByRole('button', { name: text('az', 'stage_settings.add_criterion') });
    await addCriterion.click();
    await byId(page, 'settings.rubric[0].key').fill('worldview');
    await byId(page, 'settings.rubric[0].label.az').fill('Dünyagörüşü');
    await byId(page, 'settings.rubric[0].label.en').fill('Worldview');
    await byId(page, 'settings.rubric[0].label.ru').fill('Мировоззрение');
    await byId(page, 'settings.rubric[0].guidance.az').fill('Beynəlxalq münasibətlər və dövlət siyasəti haqqında məlumatlılıq.');
    await byId(page, 'settings.rubric[0].weight').fill('2');
    await addCriterion.click();
    await byId(page, 'settings.rubric[1].key').fill('languages');
    await byId(page, 'settings.rubric[1].label.az').fill('Xarici dillər');
    await byId(page, 'settings.rubric[1].label.en').fill('Foreign languages');
    await byId(page, 'settings.rubric[1].label.ru').fill('Иностранные языки');
    await byId(page, 'settings.rubric[1].weight').fill('0');
    await byId(page, 'settings.rubric[1].max').fill('5');
    await byId(page, 'settings.reviewers_per_application').fill('1');
    await page.getByLabel(text('az', 'stage_settings.blind'), { exact: true }).check();
    await page.getByRole('group', { name: text('az', 'stage_settings.hidden_fields') }).getByRole('checkbox', { name: LABELS.years }).check();
    await page.getByRole('group', { name: text('az', 'stage_settings.conflict_fields') }).getByRole('checkbox', { name: LABELS.university }).check();
    const save = page.getByRole('button', { name: text('az', 'stage_settings.save'), exact: true });
    await save.click();
    await expect(byId(page, 'settings.rubric[1].weight-error')).toHaveText(text('az', 'field_errors.weight_not_positive'));
    await expect(byId(page, 'settings.rubric[1].weight')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(text('az', 'stage_settings.error_summary_one', { count: '1' }))).toBeVisible();
    await expect(byId(page, 'settings.rubric[1].key')).toHaveValue('languages');
    await byId(page, 'settings.rubric[1].weight').fill('1');
    await save.click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();
    await expect(byId(page, 'settings.rubric[1].weight-error')).toHaveCount(0);
    await axe(page, '/stage settings');

    // Someone else saves the stage meanwhile: the page says so and keeps what was typed.
    const stored = (await (await admin.get(`/api/v1/stages/${stageId}`)).json()) as { settings: Record<string, unknown>; version: number };
    const other = await admin.put(`/api/v1/stages/${stageId}`, {
      data: { settings: { ...stored.settings, name: { az: 'Ekspert qiymətləndirməsi' } }, version: stored.version },
    });
    expect(other.status(), await other.text()).toBe(200);
    await byId(page, 'settings.disagreement_threshold').fill('20');
    await save.click();
    const stale = page.getByTestId('stale-version');
    await expect(stale).toContainText(text('az', 'stage_settings.stale_heading'));
    await expect(stale).toContainText('Ekspert qiymətləndirməsi');
    await expect(byId(page, 'settings.disagreement_threshold')).toHaveValue('20');
    await page.getByRole('button', { name: text('az', 'stage_settings.save_mine') }).click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();
    await expect(stale).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'stages.kinds.review'));

    // Two reviewers; the second works at a university one applicant names.
    await page.getByRole('tab', { name: text('az', 'stages.tab.reviewers') }).click();
    const member = page.getByLabel(text('az', 'stage_reviewers.member'), { exact: true });
    await member.selectOption(kamran.accountId);
    await page.getByRole('button', { name: text('az', 'stage_reviewers.add') }).click();
    await expect(page.getByText(text('az', 'stage_reviewers.added', { name: kamran.person.name }))).toBeVisible();
    await member.selectOption(gunel.accountId);
    await page.getByLabel(text('az', 'stage_reviewers.affiliations'), { exact: true }).fill('Bakı Dövlət Universiteti');
    await page.getByRole('button', { name: text('az', 'stage_reviewers.add') }).click();
    await expect(page.getByText(text('az', 'stage_reviewers.added', { name: gunel.person.name }))).toBeVisible();
    const reviewersTable = page.getByTestId('reviewers-table');
    await expect(reviewersTable.getByRole('row')).toHaveCount(3);
    await expect(reviewersTable).toContainText('Bakı Dövlət Universiteti');

    // Admit the eligible three (the fourth waits for screening), then assign.
    await page.getByRole('tab', { name: text('az', 'stages.tab.assignments') }).click();
    await page.getByRole('button', { name: text('az', 'assignments.admit') }).click();
    await expect(page.getByTestId('admit-result')).toHaveText(text('az', 'assignments.admitted', { admitted: '3', already: '0', awaiting: '1' }));
    await page.getByRole('button', { name: text('az', 'assignments.assign') }).click();
    const assigned = page.getByTestId('assign-result');
    await expect(assigned).toContainText(text('az', 'assignments.assigned', { added: '3', applications: '3', reviewers: '2' }));
    await expect(assigned).toContainText(text('az', 'assignments.load', { min: '1', max: '2' }));
    await expect(assigned).toContainText(text('az', 'assignments.no_shortfalls'));
    await expect(page.getByTestId('assignment-row')).toHaveCount(3);
    await expect(page.getByTestId('stage-facts')).toContainText(text('az', 'stages.entries_other', { count: '3' }));
    await axe(page, '/stage assignments');

    // Who got what: the one with two reviews scores one and declares a conflict on the other.
    const listed = await admin.get(`/api/v1/stages/${stageId}/review-assignments`);
    expect(listed.status()).toBe(200);
    const rows = ((await listed.json()) as { items: Row[] }).items;
    expect(rows).toHaveLength(3);
    // Günel's affiliation matches Rəşad's university: never hers.
    expect(rows.find((r) => r.application_id === resad.applicationId)?.reviewer_id).toBe(kamran.accountId);
    const [first, second] = rows.filter((r) => r.reviewer_id === kamran.accountId).length === 2 ? [kamran, gunel] : [gunel, kamran];
    const ownRows = rows.filter((r) => r.reviewer_id === first.accountId);
    expect(ownRows).toHaveLength(2);
    // The conflict goes to the other reviewer, who must be free of conflicts with it (not Rəşad's).
    const conflictRow = ownRows.find((r) => r.application_id !== resad.applicationId) ?? ownRows[0];
    const scoredRow = ownRows.find((r) => r !== conflictRow);
    if (!conflictRow || !scoredRow) throw new Error('two reviews expected');
    const secondOwn = rows.find((r) => r.reviewer_id === second.accountId);
    if (!secondOwn) throw new Error('one review expected');
    const scoredApplicant = applicants.find((a) => a.applicationId === scoredRow.application_id);
    if (!scoredApplicant) throw new Error('unknown application');
    await signOut(page);

    // ---- the first reviewer: the queue, scoring and submitting ----
    await signIn(page, first.person.email, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.reviews') }).click();
    await expect(page).toHaveURL('/reviews');
    await expect(page.getByTestId('count-todo')).toHaveText('2');
    await expect(page.getByTestId('review-item')).toHaveCount(2);
    await page.getByRole('link', { name: scoredRow.reference }).click();
    await expect(page).toHaveURL(`/review?id=${scoredRow.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'review.title_ref', { reference: scoredRow.reference }));
    // Blind: no name or e-mail; the hidden field is left out; the other answers are there.
    const application = page.getByTestId('application-answers');
    await expect(page.getByTestId('blind-note')).toBeVisible();
    await expect(application).toContainText(LABELS.motivation);
    await expect(application).toContainText(LABELS.university);
    await expect(application).not.toContainText(LABELS.years);
    await expect(page.getByRole('main')).not.toContainText(scoredApplicant.person.name);
    await expect(page.getByRole('main')).not.toContainText(scoredApplicant.person.email);
    await expect(page.getByTestId('criterion-worldview')).toContainText('Beynəlxalq münasibətlər və dövlət siyasəti haqqında məlumatlılıq.');
    // The CV downloads through the review (a reviewer may not read the application's files otherwise);
    // in a blind review under a neutral name, since "CV leyla.pdf" would say who applied.
    const link = application.getByTestId('document-link');
    await expect(link).toHaveText('cv.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('cv.pdf');
    expect(await download.failure()).toBeNull();

    // A draft with one score; submitting names the missing one at its criterion.
    await page.getByTestId('criterion-worldview').getByRole('radio', { name: '8', exact: true }).check();
    await page.getByLabel(text('az', 'review.shared_comment')).fill('Motivasiyası aydındır, dünyagörüşü genişdir.');
    await page.getByLabel(text('az', 'review.private_comment')).fill('Müsahibədə dil biliyini yoxlamaq lazımdır.');
    await page.getByRole('button', { name: text('az', 'review.save_draft') }).click();
    await expect(page.getByTestId('save-status')).toContainText(text('az', 'review.draft_saved', { time: '' }).replace(/\s*$/, ''));
    await expect(page.getByTestId('total-preview')).toHaveText(text('az', 'review.total_pending'));
    await page.getByRole('button', { name: text('az', 'review.submit') }).click();
    await expect(byId(page, 'scores.languages-error')).toBeVisible();
    await expect(page.getByTestId('review-state')).toHaveText(text('az', 'review.states.draft'));
    await page.getByTestId('criterion-languages').getByRole('radio', { name: '4', exact: true }).check();
    await expect(page.getByTestId('total-preview')).toHaveText(text('az', 'review.total_preview', { total: '80,0' }));
    await axe(page, '/review (draft)');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: 'test-results/screenshots/review-375x812.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: text('az', 'review.submit') }).click();
    await expect(page.getByRole('heading', { name: text('az', 'review.submitted_heading') })).toBeFocused();
    await expect(page.getByTestId('review-state')).toHaveText(text('az', 'review.states.submitted'));
    await expect(page.getByTestId('review-total')).toHaveText('80,0');
    await axe(page, '/review (submitted)');

    // The other one: a conflict of interest, taken over by the other reviewer.
    await page.getByRole('link', { name: text('az', 'review.back_to_queue') }).click();
    await expect(page.getByTestId('count-todo')).toHaveText('1');
    await expect(page.getByTestId('count-submitted')).toHaveText('1');
    await page.getByRole('link', { name: conflictRow.reference }).click();
    await expect(page).toHaveURL(`/review?id=${conflictRow.id}`);
    await page.getByLabel(text('az', 'review.conflict_reason'), { exact: true }).fill('Müraciət edən mənim keçmiş tələbəmdir.');
    await page.getByRole('button', { name: text('az', 'review.declare_conflict') }).click();
    await expect(page.getByRole('heading', { name: text('az', 'review.conflict_done_heading') })).toBeFocused();
    await expect(page.getByTestId('replacement')).toHaveText(text('az', 'review.replaced_by', { name: second.person.name }));
    await expect(page.getByTestId('review-state')).toHaveText(text('az', 'review.states.conflict'));
    await signOut(page);

    // ---- the second reviewer submits both of theirs (through the API) ----
    const api = await newRequest.newContext({ baseURL: base });
    try {
      const { headers } = await signInThroughApi(api, second.person.email);
      const queue = ((await (await api.get('/api/v1/me/reviews')).json()) as { items: Row[] }).items.filter((r) => r.state !== 'conflict' && r.state !== 'removed');
      expect(queue.map((r) => r.application_id).sort()).toEqual([secondOwn.application_id, conflictRow.application_id].sort());
      for (const row of queue) {
        const view = (await (await api.get(`/api/v1/reviews/${row.id}`)).json()) as { version: number };
        const scores = row.application_id === conflictRow.application_id ? { worldview: 6, languages: 3 } : { worldview: 10, languages: 5 };
        const saved = await api.put(`/api/v1/reviews/${row.id}`, {
          headers,
          data: { scores, private_comment: '', shared_comment: 'Yaxşı hazırlıq.', version: view.version },
        });
        expect(saved.status(), await saved.text()).toBe(200);
        const submitted = await api.post(`/api/v1/reviews/${row.id}/submit`, { headers, data: {} });
        expect(submitted.status(), await submitted.text()).toBe(200);
      }
    } finally {
      await api.dispose();
    }

    // ---- the coordinator: the ranking and the short-list ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/stage?id=${stageId}`);
    await page.getByRole('tab', { name: text('az', 'stages.tab.ranking') }).click();
    const ranked = page.getByTestId('ranking-row');
    await expect(ranked).toHaveCount(3);
    await expect(ranked.nth(0)).toContainText(secondOwn.reference);
    await expect(ranked.nth(0).getByTestId('ranking-score')).toHaveText('100,0');
    await expect(ranked.nth(1)).toContainText(scoredRow.reference);
    await expect(ranked.nth(1).getByTestId('ranking-score')).toHaveText('80,0');
    await expect(ranked.nth(2)).toContainText(conflictRow.reference);
    await expect(ranked.nth(2).getByTestId('ranking-score')).toHaveText('60,0');
    await expect(ranked.nth(1)).toContainText(first.person.name);
    await expect(page.getByTestId('calibration-table').getByRole('row')).toHaveCount(3);

    await page.getByLabel(text('az', 'ranking.top_n')).fill('1');
    await page.getByRole('button', { name: text('az', 'ranking.preview') }).click();
    await expect(page.getByTestId('cutoff')).toContainText(text('az', 'ranking.cutoff_one', { count: '1', score: '100,0' }));
    await expect(ranked.nth(0).getByTestId('above-cutoff')).toBeVisible();
    await expect(ranked.nth(1).getByTestId('above-cutoff')).toHaveCount(0);
    await axe(page, '/stage ranking');
    await page.getByRole('button', { name: text('az', 'ranking.shortlist_one', { count: '1' }) }).click();
    await expect(page.getByText(text('az', 'ranking.confirm_one', { count: '1', next: text('az', 'stages.kinds.interview') }))).toBeVisible();
    await page.getByRole('button', { name: text('az', 'ranking.confirm_yes_one', { count: '1' }) }).click();
    await expect(page.getByTestId('shortlist-result')).toHaveText(
      text('az', 'ranking.shortlisted', { next: text('az', 'stages.kinds.interview'), moved: '1', already: '0', score: '100,0' }),
    );
    await expect(ranked.nth(0).getByTestId('in-next-stage')).toBeVisible();
    await expect(ranked.nth(1).getByTestId('in-next-stage')).toHaveCount(0);

    // The interview stage now holds the short-listed one.
    const after = (await (await admin.get(`/api/v1/intakes/${call.intakeId}/stages`)).json()) as { items: { kind: string; entries: number }[] };
    expect(after.items.map((s) => s.kind)).toEqual(['screening', 'review', 'interview', 'decision']);
    expect(after.items[2]?.entries).toBe(1);
  } finally {
    await admin.dispose();
  }
});
