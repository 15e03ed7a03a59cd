// Evaluations, activity feedback and a participant's own attendance, end to
// end. Through the HTTP API: three applicants who accepted their offers, a
// unit supervisor and a trainer on the staff, two host units (the
// supervisor's takes two interns in the first period, one in the second),
// two periods (the first began a month ago, the second begins in a month),
// a published rotation plan, two activities held in the last days (one
// trained by the trainer's account) with attendance, one to come, and one
// participant's rating. In the browser:
// - the coordinator adds two evaluation criteria to the set-up; a third
//   named "overall" is refused at its input, then the set-up is saved;
// - the supervisor, on a phone, sees her interns of the period that has
//   begun as not evaluated (the second period's intern: when it opens),
//   evaluates one: a missing score is refused at its criterion, then the
//   evaluation is saved, shown, and changed;
// - the coordinator sees the evaluations tab: the score, the rest marked
//   missing, the scores and comment unfolded; sets the least evaluation as a
//   completion rule (a score above 5 is refused at its input);
// - a participant, on a phone, sees her attendance (share, held activities
//   with their status) and rates an activity: without a rating it is refused
//   at the rating, then sent, then changed;
// - the trainer sees the activities tab alone and the feedback summary of
//   the activity she trains: count, average and comments without names.
// Screenshots at 375 and 1280 px land in /tmp/shots-eval.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { request as newRequest } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expect, test, text } from './fixtures';
import { adminApi, signInThroughApi, staffMember } from './calls-setup';
import { acceptedParticipants } from './participants-setup';
import { PASSWORD, person, signIn } from './people';
import type { Plan } from '../src/lib/api/participants';

// Refused on purpose: a criterion named "overall", a missing score, a least evaluation above 5, a missing rating (422).
test.use({ allowedConsoleErrors: [/status of 422/] });

const PHONE = { width: 375, height: 812 };
const DESK = { width: 1280, height: 800 };
const SHOTS = '/tmp/shots-eval';

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** No catalogue key shows instead of its text. */
async function noKeys(page: Page, where: string): Promise<void> {
  const shown = await page.locator('main').innerText();
  expect(
    shown.match(/\b(evaluations|feedback|my_attendance|completion|programme_run|rotation_setup|activities|field_errors|my_programme|interns)\.[a-z_.]+/g),
    `catalogue keys on ${where}`,
  ).toBeNull();
}

async function noSideScroll(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where}`).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await noKeys(page, name);
}

/** Screenshots at both widths, checking the phone one does not scroll sideways; back to `back` after. */
async function shotsAtBoth(page: Page, name: string, back = DESK): Promise<void> {
  await page.setViewportSize(DESK);
  await shot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await shot(page, `${name}-375`);
  await noSideScroll(page, name);
  await page.setViewportSize(back);
}

/** A browser of another person's own (their own cookies), watched like the test's page. */
async function otherBrowser(browser: Browser, baseURL: string, viewport = DESK) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Baku' });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (message) => {
    if ((message.type() === 'error' && !/status of 422/.test(message.text())) || /Content Security Policy/i.test(message.text())) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/** YYYY-MM-DD in UTC, `days` from today. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** An RFC 3339 time `hours` from now, on the minute. */
const at = (hours: number) => new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString();

/** An element by its id (ids here hold dots and brackets, as the API's paths do). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

const UNITS = { consular: 'Konsulluq idarəsi', protocol: 'Protokol idarəsi' } as const;
const CRITERIA = ['Peşəkar bilik', 'Komanda işi'] as const;

test('criteria, a supervisor evaluating on a phone, the overview, a participant’s attendance and feedback, the trainer’s feedback summary', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  test.setTimeout(360_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });

  // ---- through the API ----
  const names = ['Leyla Quliyeva', 'Rəşad Əliyev', 'Nərmin Hüseynova'];
  const { call, participants } = await acceptedParticipants(
    base,
    page.request,
    names.map((name, i) => person(`eval${i}`, { name })),
  );
  const [leyla, resad, narmin] = participants;
  if (!leyla || !resad || !narmin) throw new Error('three participants expected');
  const supervisor = await staffMember(base, call, 'unit_supervisor', person('evalsupervisor', { name: 'Kamalə Nəsibova' }));
  const trainer = await staffMember(base, call, 'trainer', person('evaltrainer', { name: 'Anar Məmmədov' }));
  const admin = await adminApi(base, call);
  const send = async (method: 'get' | 'post' | 'put', path: string, data?: unknown, status = 200) => {
    const response = await admin[method](path, data === undefined ? {} : { data });
    expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  const unitIds: Record<string, string> = {};
  for (const [key, name] of Object.entries(UNITS)) {
    unitIds[key] = ((await send('post', `/api/v1/organisations/${call.organisationId}/units`, { name }, 201)) as { id: string }).id;
  }
  await send('put', `/api/v1/intakes/${call.intakeId}/rotation-setup`, {
    periods: [
      { name: 'Birinci dövr', starts_on: day(-30), ends_on: day(29) },
      { name: 'İkinci dövr', starts_on: day(30), ends_on: day(89) },
    ],
    units: [
      { unit_id: unitIds.consular, type: 'konsulluq', supervisor_id: supervisor.accountId, languages: [], places: [2, 1] },
      { unit_id: unitIds.protocol, type: 'protokol', supervisor_id: null, languages: [], places: [1, 2] },
    ],
    required: [],
    version: 0,
  });
  await send('post', `/api/v1/intakes/${call.intakeId}/rotations/plan`, { keep_manual: true });
  const plan = (await send('post', `/api/v1/intakes/${call.intakeId}/rotations/publish`)) as Plan;
  const [first, second] = plan.periods;
  if (!first?.id || !second?.id) throw new Error('two periods expected');
  const inUnit = (periodIndex: number, unit: string) =>
    plan.participants.filter((p) => p.rotations[periodIndex]?.unit_id === unit).sort((a, b) => a.name.localeCompare(b.name));
  const consularFirst = inUnit(0, unitIds.consular ?? '');
  const consularSecond = inUnit(1, unitIds.consular ?? '');
  expect(consularFirst).toHaveLength(2);
  expect(consularSecond).toHaveLength(1);
  const [evaluatee, other] = consularFirst;
  if (!evaluatee || !other) throw new Error('two interns in the consular unit in the first period');

  // Two activities held in the last days (one trained by the trainer's account), one to come.
  const training = ((await send('post', `/api/v1/intakes/${call.intakeId}/activities`, {
    kind: 'training', title: 'Diplomatik protokol', topic: 'Rəsmi qəbullarda etiket', trainer_name: 'Anar Məmmədov', trainer_kind: 'staff',
    trainer_id: trainer.accountId, place: 'Nazirlik, 3-cü zal', online_url: '', starts_at: at(-50), ends_at: at(-48),
  }, 201)) as { items: { id: string }[] }).items[0]?.id ?? '';
  const lecture = ((await send('post', `/api/v1/intakes/${call.intakeId}/activities`, {
    kind: 'lecture', title: 'Konsulluq işinə giriş', topic: '', trainer_name: 'Səbinə Hacıyeva', trainer_kind: 'partner',
    trainer_id: null, place: 'Nazirlik, 1-ci zal', online_url: '', starts_at: at(-26), ends_at: at(-24.5),
  }, 201)) as { items: { id: string }[] }).items[0]?.id ?? '';
  await send('post', `/api/v1/intakes/${call.intakeId}/activities`, {
    kind: 'cultural', title: 'İçərişəhərə ekskursiya', topic: '', trainer_name: '', trainer_kind: 'staff',
    trainer_id: null, place: 'İçərişəhər', online_url: '', starts_at: at(70), ends_at: at(73),
  }, 201);
  const roster = (await send('get', `/api/v1/activities/${training}/attendance`)) as { items: { participant_id: string; name: string }[] };
  const idOf = (name: string) => roster.items.find((r) => r.name === name)?.participant_id ?? '';
  await send('put', `/api/v1/activities/${training}/attendance`, {
    items: [
      { participant_id: idOf('Leyla Quliyeva'), status: 'present', reason: '' },
      { participant_id: idOf('Rəşad Əliyev'), status: 'excused', reason: 'Xəstəlik səbəbindən' },
      { participant_id: idOf('Nərmin Hüseynova'), status: 'present', reason: '' },
    ],
  });
  expect(lecture).not.toBe('');
  // Nərmin has rated the training already.
  {
    const api = await newRequest.newContext({ baseURL: base });
    try {
      const { headers } = await signInThroughApi(api, narmin.person.email, narmin.person.password);
      const rated = await api.put(`/api/v1/activities/${training}/feedback`, { headers, data: { rating: 3, comment: 'Daha çox praktiki tapşırıq olsun.' } });
      expect(rated.status(), await rated.text()).toBe(200);
    } finally {
      await api.dispose();
    }
  }

  const boss = await otherBrowser(browser, base, PHONE);
  const phone = await otherBrowser(browser, base, PHONE);
  const coach = await otherBrowser(browser, base);
  try {
    // ---- the coordinator: evaluation criteria in the set-up ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/intake/programme?id=${call.intakeId}#setup`);
    const criteria = page.getByTestId('criteria-section');
    await expect(criteria).toContainText(text('az', 'evaluations.no_criteria'));
    const addCriterion = page.getByRole('button', { name: text('az', 'evaluations.add_criterion') });
    for (const [i, name] of [...CRITERIA, 'overall'].entries()) {
      await addCriterion.click();
      await expect(byId(page, `evaluation_criteria[${i}]`)).toBeFocused();
      await byId(page, `evaluation_criteria[${i}]`).fill(name);
    }
    const saveSetup = page.getByRole('button', { name: text('az', 'rotation_setup.save') });
    await saveSetup.click();
    await expect(byId(page, 'evaluation_criteria[2]-error')).toHaveText(text('az', 'evaluations.criterion_reserved', { name: 'overall' }));
    await expect(byId(page, 'evaluation_criteria[2]')).toHaveAttribute('aria-invalid', 'true');
    await expect(byId(page, 'evaluation_criteria[2]')).toBeFocused();
    await shotsAtBoth(page, 'setup-criteria-error');
    await criteria.getByRole('button', { name: `${text('az', 'rotation_setup.remove')} — overall` }).click();
    await expect(page.getByTestId('criterion-row')).toHaveCount(2);
    await saveSetup.click();
    await expect(page.getByText(text('az', 'rotation_setup.saved'))).toBeVisible();
    await expect(byId(page, 'evaluation_criteria[1]')).toHaveValue(CRITERIA[1]);
    const stored = (await send('get', `/api/v1/intakes/${call.intakeId}/rotation-setup`)) as { evaluation_criteria: string[]; units: unknown[] };
    expect(stored.evaluation_criteria).toEqual([...CRITERIA]);
    expect(stored.units).toHaveLength(2);
    await axe(page, 'set-up with criteria');
    await shotsAtBoth(page, 'setup-criteria');

    // ---- the supervisor, on a phone: her interns, one evaluated ----
    await signIn(boss.page, supervisor.person.email, PASSWORD);
    await expect(boss.page).toHaveURL(/\/account$/);
    await boss.page.goto('/interns');
    const periods = boss.page.getByTestId('intern-period');
    await expect(periods).toHaveCount(2);
    const begun = periods.filter({ has: boss.page.getByRole('heading', { level: 2, name: /^Birinci dövr/ }) });
    const later = periods.filter({ has: boss.page.getByRole('heading', { level: 2, name: /^İkinci dövr/ }) });
    await expect(begun.getByTestId('evaluation-progress')).toHaveText(text('az', 'evaluations.progress', { done: '0', total: '2' }));
    await expect(begun.getByTestId('evaluation-state')).toHaveText([text('az', 'evaluations.not_evaluated'), text('az', 'evaluations.not_evaluated')]);
    await expect(later.getByTestId('evaluation-opens')).toHaveText(text('az', 'evaluations.opens_on', { date: await later.locator('.dates').innerText().then((d) => d.split(' – ')[0] ?? '') }));
    await axe(boss.page, '/interns');
    await shot(boss.page, 'interns-375');
    await noSideScroll(boss.page, '/interns');

    const intern = begun.locator(`[data-testid="intern"][data-name="${evaluatee.name}"]`);
    await intern.getByRole('button', { name: `${text('az', 'evaluations.evaluate')} — ${evaluatee.name}` }).click();
    const form = intern.getByTestId('evaluation-form');
    await expect(form).toBeVisible();
    const scale = (criterion: string) => form.getByRole('radiogroup', { name: criterion });
    await scale(CRITERIA[0]).getByLabel('4', { exact: true }).check();
    await form.getByRole('button', { name: `${text('az', 'evaluations.save')} — ${evaluatee.name}` }).click();
    // No score for teamwork: refused at that criterion, with the keyboard on its first button.
    const base2 = `ev-${evaluatee.participant_id}-${first.id}`;
    await expect(byId(boss.page, `${base2}-s1-error`)).toHaveText(text('az', 'evaluations.score_missing'));
    await expect(scale(CRITERIA[1])).toHaveAttribute('aria-invalid', 'true');
    await expect(byId(boss.page, `${base2}-s1-1`)).toBeFocused();
    await expect(byId(boss.page, `${base2}-s0-error`)).toHaveCount(0);
    await axe(boss.page, '/interns evaluation error');
    await shot(boss.page, 'evaluation-error-375');
    await noSideScroll(boss.page, '/interns evaluation error');
    await scale(CRITERIA[1]).getByLabel('5', { exact: true }).check();
    await expect(form.getByTestId('evaluation-preview')).toHaveText(text('az', 'evaluations.overall_line', { score: '4,5' }));
    await form.getByLabel(text('az', 'evaluations.comment')).fill('Konsulluq sənədləri ilə diqqətli işləyir, komandada fəaldır.');
    await form.getByRole('button', { name: `${text('az', 'evaluations.save')} — ${evaluatee.name}` }).click();
    await expect(intern.getByTestId('evaluation-note')).toHaveText(text('az', 'evaluations.saved', { name: evaluatee.name }));
    await expect(intern.getByTestId('evaluation-note')).toBeFocused();
    await expect(intern.getByTestId('evaluation-state')).toHaveText(text('az', 'evaluations.evaluated', { score: '4,5' }));
    await expect(intern.getByTestId('evaluation-scores')).toContainText(new RegExp(`${CRITERIA[0]}\\s*4`));
    await expect(intern.getByTestId('evaluation-comment')).toHaveText('Konsulluq sənədləri ilə diqqətli işləyir, komandada fəaldır.');
    await expect(begun.getByTestId('evaluation-progress')).toHaveText(text('az', 'evaluations.progress', { done: '1', total: '2' }));
    await shot(boss.page, 'interns-evaluated-375');
    // Changed: the form opens with what was submitted.
    await intern.getByRole('button', { name: `${text('az', 'evaluations.change')} — ${evaluatee.name}` }).click();
    await expect(scale(CRITERIA[0]).getByLabel('4', { exact: true })).toBeChecked();
    await expect(scale(CRITERIA[1]).getByLabel('5', { exact: true })).toBeChecked();
    await expect(form.getByLabel(text('az', 'evaluations.comment'))).toHaveValue(/diqqətli/);
    await shot(boss.page, 'evaluation-change-375');
    await scale(CRITERIA[0]).getByLabel('5', { exact: true }).check();
    await form.getByRole('button', { name: `${text('az', 'evaluations.save')} — ${evaluatee.name}` }).click();
    await expect(intern.getByTestId('evaluation-state')).toHaveText(text('az', 'evaluations.evaluated', { score: '5,0' }));
    await boss.page.reload();
    await expect(begun.locator(`[data-testid="intern"][data-name="${evaluatee.name}"]`).getByTestId('evaluation-state')).toHaveText(
      text('az', 'evaluations.evaluated', { score: '5,0' }),
    );
    await axe(boss.page, '/interns evaluated');
    await shotsAtBoth(boss.page, 'interns-evaluated', PHONE);

    // ---- the coordinator: the evaluations overview ----
    await page.goto(`/intake/programme?id=${call.intakeId}`);
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.evaluations') }).click();
    await expect(page.getByTestId('evaluations-criteria')).toHaveText(text('az', 'evaluations.criteria_are', { criteria: CRITERIA.join(', ') }));
    await expect(page.getByTestId('evaluations-summary')).toContainText(text('az', 'evaluations.summary', { done: '1', total: '3' }));
    await expect(page.getByTestId('evaluations-summary')).toContainText(text('az', 'evaluations.missing_count', { count: '2' }));
    const cell = (name: string, periodId: string) =>
      page.locator(`[data-testid="evaluation-row"][data-name="${name}"] [data-testid="evaluation-cell"][data-period="${periodId}"]`);
    await expect(cell(evaluatee.name, first.id)).toHaveAttribute('data-state', 'done');
    await expect(cell(evaluatee.name, first.id).getByTestId('evaluation-overall')).toHaveText('5,0');
    await expect(cell(evaluatee.name, first.id).getByTestId('evaluation-supervisor')).toHaveText(text('az', 'evaluations.supervisor', { name: 'Kamalə Nəsibova' }));
    await expect(cell(other.name, first.id)).toHaveAttribute('data-state', 'missing');
    await expect(cell(other.name, first.id).getByTestId('evaluation-missing')).toHaveText(text('az', 'evaluations.missing'));
    const protocolFirst = inUnit(0, unitIds.protocol ?? '')[0];
    if (!protocolFirst) throw new Error('one intern in the protocol unit in the first period');
    await expect(cell(protocolFirst.name, first.id)).toHaveAttribute('data-state', 'missing');
    await expect(cell(protocolFirst.name, first.id)).toContainText(text('az', 'evaluations.no_supervisor'));
    await expect(cell(evaluatee.name, second.id)).toHaveAttribute('data-state', 'later');
    await cell(evaluatee.name, first.id).locator('summary').click();
    await expect(cell(evaluatee.name, first.id).getByTestId('evaluation-comment')).toHaveText(/diqqətli işləyir/);
    await expect(cell(evaluatee.name, first.id).locator('dl')).toContainText(new RegExp(`${CRITERIA[1]}\\s*5`));
    await expect(page.locator(`[data-testid="evaluation-row"][data-name="${evaluatee.name}"] [data-testid="evaluation-mean"]`)).toHaveText('5,0');
    await axe(page, 'evaluations tab');
    await shotsAtBoth(page, 'evaluations-overview');
    // In Russian too (longer words).
    await page.getByRole('banner').getByLabel(text('az', 'language.label')).selectOption('ru');
    await expect(page.getByTestId('evaluations-summary')).toContainText(text('ru', 'evaluations.summary', { done: '1', total: '3' }));
    await shot(page, 'evaluations-overview-ru-1280');
    await page.getByRole('banner').getByLabel(text('ru', 'language.label')).selectOption('az');

    // The completion rule: a score above 5 is refused at its input; 4 is kept.
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.completion') }).click();
    const least = page.getByLabel(text('az', 'evaluations.min_evaluation'));
    await expect(least).toHaveValue('0');
    await least.fill('7');
    await page.getByRole('button', { name: text('az', 'completion.save_rules') }).click();
    await expect(byId(page, 'rules-min-evaluation-error')).toHaveText(text('az', 'field_errors.out_of_range'));
    await expect(least).toBeFocused();
    await least.fill('4');
    await page.getByRole('button', { name: text('az', 'completion.save_rules') }).click();
    await expect(page.getByText(text('az', 'completion.rules_saved'))).toBeVisible();
    expect(((await send('get', `/api/v1/intakes/${call.intakeId}/completion-rules`)) as { min_evaluation: number }).min_evaluation).toBe(4);
    const completionRow = page.locator(`[data-testid="completion-row"][data-name="${evaluatee.name}"]`);
    await expect(completionRow.getByTestId('completion-evaluated')).toHaveText(text('az', 'evaluations.rotations_evaluated', { evaluated: '1', rotations: '2' }));
    await expect(completionRow.getByTestId('completion-unmet')).toContainText(text('az', 'completion.unmet_items.evaluations'));
    await shotsAtBoth(page, 'completion-min-evaluation');

    // ---- the participant, on a phone: her attendance and feedback ----
    await signIn(phone.page, leyla.person.email, PASSWORD);
    await expect(phone.page).toHaveURL(/\/account$/);
    await phone.page.goto('/my-programme');
    const mine = phone.page.getByTestId('my-attendance');
    await expect(mine.getByTestId('my-attendance-share')).toHaveText('50 %');
    await expect(mine.getByTestId('my-attendance-counts')).toHaveText(
      text('az', 'my_attendance.counts', { present: '1', held: '2', absent: '1', excused: '0' }),
    );
    const held = mine.getByTestId('my-attendance-item');
    await expect(held).toHaveCount(2);
    await expect(held.nth(0)).toContainText('Konsulluq işinə giriş');
    await expect(held.nth(0).getByTestId('my-attendance-status')).toHaveText(text('az', 'my_attendance.status.not_recorded'));
    await expect(held.nth(1)).toContainText('Diplomatik protokol');
    await expect(held.nth(1).getByTestId('my-attendance-status')).toHaveText(text('az', 'my_attendance.status.present'));
    await axe(phone.page, '/my-programme attendance');
    await shot(phone.page, 'my-attendance-375');
    await noSideScroll(phone.page, '/my-programme');

    const feedback = phone.page.getByTestId('my-feedback');
    const rated = feedback.locator(`[data-testid="feedback-activity"][data-id="${training}"]`);
    await expect(feedback.getByTestId('feedback-activity')).toHaveCount(2);
    await rated.getByRole('button', { name: `${text('az', 'feedback.rate')} — Diplomatik protokol` }).click();
    const fbForm = rated.getByTestId('feedback-form');
    await fbForm.getByLabel(text('az', 'feedback.comment')).fill('Çox faydalı idi, nümunələr real idi.');
    await fbForm.getByRole('button', { name: `${text('az', 'feedback.send')} — Diplomatik protokol` }).click();
    // No rating chosen: refused at the rating.
    await expect(byId(phone.page, `fb-${training}-rating-error`)).toHaveText(text('az', 'feedback.rating_missing'));
    await expect(fbForm.getByRole('radiogroup', { name: text('az', 'feedback.rating') })).toHaveAttribute('aria-invalid', 'true');
    await expect(byId(phone.page, `fb-${training}-rating-1`)).toBeFocused();
    await axe(phone.page, '/my-programme feedback error');
    await shot(phone.page, 'feedback-error-375');
    await noSideScroll(phone.page, '/my-programme feedback error');
    await fbForm.getByRole('radiogroup', { name: text('az', 'feedback.rating') }).getByLabel('4', { exact: true }).check();
    await fbForm.getByRole('button', { name: `${text('az', 'feedback.send')} — Diplomatik protokol` }).click();
    await expect(fbForm.getByTestId('feedback-sent')).toHaveText(text('az', 'feedback.sent', { rating: '4' }));
    // Changed: sent again with another rating.
    await fbForm.getByRole('radiogroup', { name: text('az', 'feedback.rating') }).getByLabel('5', { exact: true }).check();
    await fbForm.getByRole('button', { name: `${text('az', 'feedback.send')} — Diplomatik protokol` }).click();
    await expect(fbForm.getByTestId('feedback-sent')).toHaveText(text('az', 'feedback.sent', { rating: '5' }));
    await rated.getByRole('button', { name: `${text('az', 'feedback.change')} — Diplomatik protokol` }).click();
    await expect(rated.getByTestId('feedback-given')).toHaveText(text('az', 'feedback.given', { rating: '5' }));
    await axe(phone.page, '/my-programme feedback sent');
    await shotsAtBoth(phone.page, 'my-programme-feedback', PHONE);

    // ---- the trainer: the activities tab alone, the feedback summary ----
    await signIn(coach.page, trainer.person.email, PASSWORD);
    await expect(coach.page).toHaveURL(/\/account$/);
    await coach.page.goto(`/intake/programme?id=${call.intakeId}`);
    await expect(coach.page.getByRole('tab')).toHaveText([text('az', 'programme_run.tab.activities')]);
    const trained = coach.page.locator(`[data-testid="activity"][data-id="${training}"]`);
    // Only the activity she trains has its feedback, attendance and check-in code.
    const notHers = coach.page.locator(`[data-testid="activity"][data-id="${lecture}"]`);
    await expect(notHers).toContainText('Konsulluq işinə giriş');
    await expect(notHers.getByRole('button')).toHaveCount(0);
    await expect(notHers.getByTestId('check-in-screen-link')).toHaveCount(0);
    await expect(trained.getByTestId('check-in-screen-link')).toHaveCount(1);
    await trained.getByRole('button', { name: `${text('az', 'feedback.show')} — Diplomatik protokol` }).click();
    const summary = trained.getByTestId('feedback-summary');
    await expect(summary.getByTestId('feedback-count')).toHaveText(text('az', 'feedback.count', { count: '2' }));
    await expect(summary.getByTestId('feedback-average')).toHaveText(text('az', 'feedback.average', { average: '4,0' }));
    await expect(summary.getByTestId('feedback-comment')).toHaveCount(2);
    await expect(summary).toContainText('Çox faydalı idi, nümunələr real idi.');
    await expect(summary).toContainText('Daha çox praktiki tapşırıq olsun.');
    for (const name of names) await expect(summary).not.toContainText(name);
    await axe(coach.page, 'trainer feedback summary');
    await shotsAtBoth(coach.page, 'trainer-feedback');

    // The coordinator sees the same summary in the activities tab.
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.activities') }).click();
    const coordinatorView = page.locator(`[data-testid="activity"][data-id="${training}"]`);
    await coordinatorView.getByRole('button', { name: `${text('az', 'feedback.show')} — Diplomatik protokol` }).click();
    await expect(coordinatorView.getByTestId('feedback-average')).toHaveText(text('az', 'feedback.average', { average: '4,0' }));

    expect(boss.problems, 'console errors in the supervisor’s browser').toEqual([]);
    expect(phone.problems, 'console errors on the participant’s phone').toEqual([]);
    expect(coach.problems, 'console errors in the trainer’s browser').toEqual([]);
  } finally {
    await boss.close();
    await phone.close();
    await coach.close();
    await admin.dispose();
  }
});
