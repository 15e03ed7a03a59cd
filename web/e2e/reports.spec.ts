// Reports, end to end (docs/api/reports.md). Through the HTTP API: a programme
// with two intakes. "2027" (capacity 3) has a call whose form asks for the
// region (a single choice, optional) and the date of birth; ten people start
// an application and eight submit it; a reviewer scores them, the best six are
// short-listed into the decision stage, the best three are offered a place,
// two accept and one of them completes the programme. The older "2025–2026"
// has six started and five submitted. In the browser:
// - staff open the intake's reports: the funnel table (counts and conversion,
//   no "interviewed" step without an interview stage), the chart beside it,
//   the breakdown by region and then by age band, CSV and XLSX downloads;
// - staff open the programme's year over year, and its public statistics link;
// - a visitor, signed out, opens the programme's statistics from the call's
//   public page: counts under five show as "fewer than 5", and no name of any
//   applicant appears.
// Screenshots at 375 and 1280 px land in /tmp/shots-reports.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import {
  adminApi,
  applyThroughApi,
  bakuLocal,
  openCall,
  ORG_NAME,
  registerThroughApi,
  signInThroughApi,
  staffMember,
  submitReviews,
  type OpenCall,
} from './calls-setup';
import { expect, test, text } from './fixtures';
import { PASSWORD, person, signIn, type Person } from './people';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = '/tmp/shots-reports';

const REGION = {
  key: 'region',
  type: 'single_choice',
  label: { az: 'Hansı regiondan müraciət edirsiniz?', en: 'Which region are you applying from?', ru: 'Из какого вы региона?' },
  options: [
    { value: 'baki', label: { az: 'Bakı', en: 'Baku', ru: 'Баку' } },
    { value: 'gence', label: { az: 'Gəncə', en: 'Ganja', ru: 'Гянджа' } },
    { value: 'sumqayit', label: { az: 'Sumqayıt', en: 'Sumgait', ru: 'Сумгаит' } },
  ],
};
const FIELDS = [
  REGION,
  { key: 'birth_date', type: 'date', label: { az: 'Doğum tarixi', en: 'Date of birth', ru: 'Дата рождения' } },
  { key: 'motivation', type: 'long_text', label: { az: 'Niyə bu proqram?', en: 'Why this programme?' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];

/** The 2027 applicants, best score first: region ("" not answered) and date of birth ("" not answered). */
const APPLICANTS: { name: string; region: string; born: string }[] = [
  { name: 'Leyla Quliyeva', region: 'baki', born: '2004-05-10' }, // 22 on 2027-03-01
  { name: 'Rəşad Əliyev', region: 'baki', born: '2005-09-01' }, // 21
  { name: 'Nərmin Hüseynova', region: 'gence', born: '2003-01-15' }, // 24
  { name: 'Elvin Həsənov', region: 'baki', born: '2006-02-01' }, // 21
  { name: 'Aysel Məmmədova', region: 'baki', born: '2001-12-12' }, // 25
  { name: 'Murad Kərimov', region: 'gence', born: '1998-04-04' }, // 28
  { name: 'Günay Rzayeva', region: 'baki', born: '' },
  { name: 'Tural Nağıyev', region: '', born: '2004-06-06' }, // 22
];
const DRAFTS = ['Kamran Bağırov', 'Səbinə Abbasova'];
const EARLIER = ['Orxan Cəfərov', 'Lalə Səfərova', 'Fərid Qasımov', 'Ülviyyə Nəbiyeva', 'Samir Vəliyev'];
const EARLIER_DRAFT = 'Nigar Əhmədova';
const EVERYONE = [...APPLICANTS.map((a) => a.name), ...DRAFTS, ...EARLIER, EARLIER_DRAFT, 'Günel Abbasova'];

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** No catalogue key shows instead of its text. */
async function noKeys(page: Page, where: string): Promise<void> {
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(reports|statistics|intake|programmes|common)\.[a-z_.]+/g), `catalogue keys on ${where}`).toBeNull();
}

async function noSideScroll(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where}`).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string, element?: string): Promise<void> {
  if (element) await page.locator(element).screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await noKeys(page, name);
  await noSideScroll(page, name);
}

/** Every chart on the page has been drawn (Chart.js sized its canvas). */
async function chartsDrawn(page: Page): Promise<void> {
  const canvases = page.locator('main canvas');
  const count = await canvases.count();
  expect(count, 'charts on the page').toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(canvases.nth(i)).toHaveAttribute('width', /^[1-9]\d*$/);
}

async function send(api: APIRequestContext, method: 'get' | 'post' | 'put' | 'delete', path: string, status: number, data?: unknown) {
  const response = await api[method](path, data === undefined ? {} : { data });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

/** Registers and starts an application to the call, without submitting it (a draft). */
async function startOnly(baseURL: string, callId: string, who: Person): Promise<void> {
  const api = await newRequest.newContext({ baseURL });
  try {
    await registerThroughApi(api, who);
    const { headers } = await signInThroughApi(api, who.email, who.password);
    const started = await api.post(`/api/v1/calls/${callId}/applications`, { headers, data: {} });
    expect(started.status(), await started.text()).toBe(201);
  } finally {
    await api.dispose();
  }
}

function answers(a: { region: string; born: string }): Record<string, unknown> {
  return {
    ...(a.region ? { region: a.region } : {}),
    ...(a.born ? { birth_date: a.born } : {}),
    motivation: 'Dövlət qulluğunda təcrübə qazanmaq istəyirəm.',
    consent: true,
  };
}

/** The 2027 intake through selection: eight submitted, six short-listed, three offered, two accepted, one completed. */
async function seed2027(base: string, request: APIRequestContext): Promise<{ call: OpenCall; programmeId: string }> {
  const call = await openCall(request, FIELDS, [], undefined, { capacity: 3 });
  const applied = await Promise.all(
    APPLICANTS.map((a, i) => applyThroughApi(base, call.id, answers(a), person(`report${i}`, { name: a.name }))),
  );
  await Promise.all(DRAFTS.map((name, i) => startOnly(base, call.id, person(`draft${i}`, { name }))));
  const reviewer = await staffMember(base, call, 'reviewer', person('reviewer', { name: 'Günel Abbasova' }));
  const admin = await adminApi(base, call);
  let programmeId = '';
  try {
    programmeId = String((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}`, 200)).programme_id);
    const stages = ((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}/stages`, 200)).items ?? []) as { id: string; kind: string; version: number }[];
    const review = stages.find((s) => s.kind === 'review');
    const decision = stages.find((s) => s.kind === 'decision');
    if (!review || !decision) throw new Error('a review and a decision stage expected');
    for (const s of stages.filter((x) => x.kind === 'interview')) await send(admin, 'delete', `/api/v1/stages/${s.id}`, 204);
    await send(admin, 'put', `/api/v1/stages/${review.id}`, 200, {
      settings: {
        rubric: [{ key: 'overall', label: { az: 'Ümumi qiymət', en: 'Overall' }, weight: 1, min: 0, max: 10 }],
        reviewers_per_application: 1,
      },
      version: review.version,
    });
    await send(admin, 'post', `/api/v1/stages/${review.id}/reviewers`, 201, { account_id: reviewer.accountId });
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/admit`, 200)).admitted).toBe(APPLICANTS.length);
    await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/review-assignments`, 200, { stage_id: review.id, mode: 'automatic' });
    const scores = new Map(applied.map((a, i) => [a.applicationId, 10 - i]));
    await submitReviews(base, reviewer.person.email, (applicationId) => ({ overall: scores.get(applicationId) ?? 0 }));
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/shortlist`, 200, { top: 6 })).moved).toBe(6);
    const board = (await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/decisions`, 200, { stage_id: decision.id })) as { counts: { accept: number } };
    expect(board.counts.accept).toBe(3);
    await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/decisions/publish`, 200, { stage_id: decision.id });
  } finally {
    await admin.dispose();
  }

  // The best two accept their offers; the third leaves hers open.
  for (const a of applied.slice(0, 2)) {
    const api = await newRequest.newContext({ baseURL: base });
    try {
      const { headers } = await signInThroughApi(api, a.person.email, a.person.password);
      const offers = (await send(api, 'get', '/api/v1/me/offers', 200)).items as { id: string; application_id: string; state: string }[];
      const offer = offers.find((o) => o.application_id === a.applicationId);
      expect(offer?.state, `the offer of ${a.reference}`).toBe('open');
      const accepted = await api.post(`/api/v1/offers/${offer?.id ?? ''}/accept`, { headers });
      expect(accepted.status(), await accepted.text()).toBe(200);
    } finally {
      await api.dispose();
    }
  }

  // The best one completes the programme (no rules to meet).
  const admin2 = await adminApi(base, call);
  try {
    await send(admin2, 'put', `/api/v1/intakes/${call.intakeId}/completion-rules`, 200, { min_attendance: 0, final_work_required: false, min_evaluation: 0, hours: 0 });
    const people = (await send(admin2, 'get', `/api/v1/intakes/${call.intakeId}/participants`, 200)).items as { id: string; name: string }[];
    expect(people).toHaveLength(2);
    const leyla = people.find((p) => p.name === 'Leyla Quliyeva');
    await send(admin2, 'post', `/api/v1/intakes/${call.intakeId}/completion/confirm`, 200, { participant_ids: [leyla?.id ?? 'missing'] });
  } finally {
    await admin2.dispose();
  }
  return { call, programmeId };
}

/** The earlier intake, "2025–2026": six started, five submitted, nobody selected yet. */
async function seedEarlier(base: string, call: OpenCall, programmeId: string): Promise<string> {
  const admin = await adminApi(base, call);
  let callId = '';
  try {
    const intake = await send(admin, 'post', `/api/v1/programmes/${programmeId}/intakes`, 201, {
      name: '2025–2026',
      starts_on: '2025-09-01',
      ends_on: '2026-06-30',
      capacity: 20,
      time_zone: 'Asia/Baku',
    });
    const earlier = await send(admin, 'put', `/api/v1/intakes/${String(intake.id)}/call`, 200, {
      title: { az: 'Diplomatiya Könüllüləri 2025–2026', en: 'Diplomacy Volunteers 2025–2026', ru: 'Волонтёры дипломатии 2025–2026' },
      description: { az: 'Nazirliyin altı aylıq təcrübə proqramı.' },
      opens_at_local: bakuLocal(-1),
      closes_at_local: bakuLocal(30),
      time_zone: 'Asia/Baku',
      published: true,
      form: { fields: FIELDS },
      eligibility: { rules: [] },
    });
    callId = String(earlier.id);
  } finally {
    await admin.dispose();
  }
  await Promise.all(
    EARLIER.map((name, i) => applyThroughApi(base, callId, answers({ region: i % 2 ? 'gence' : 'baki', born: '2003-03-03' }), person(`earlier${i}`, { name }))),
  );
  await startOnly(base, callId, person('earlierdraft', { name: EARLIER_DRAFT }));
  return callId;
}

test('staff read an intake’s funnel and breakdowns, a programme’s years, and the public sees its statistics with small counts withheld', async ({ page, browser, baseURL }) => {
  test.slow();
  test.setTimeout(360_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });

  // ---- set-up through the API ----
  const { call, programmeId } = await seed2027(base, page.request);
  await seedEarlier(base, call, programmeId);

  // ---- staff: the intake's reports ----
  await signIn(page, call.admin, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/intake?id=${call.intakeId}`);
  await page.getByRole('navigation', { name: text('az', 'intake.on_this_page') }).getByRole('link', { name: text('az', 'reports.heading') }).click();
  const funnel = page.getByTestId('intake-funnel');
  await expect(funnel.getByRole('heading', { name: text('az', 'reports.funnel_heading') })).toBeVisible();
  // No interview stage: no "interviewed" step.
  const expected: [string, string, string][] = [
    ['started', '10', '—'],
    ['submitted', '8', '80%'],
    ['eligible', '8', '100%'],
    ['short_listed', '6', '75%'],
    ['offered', '3', '50%'],
    ['accepted', '2', '66,7%'],
    ['completed', '1', '50%'],
  ];
  await expect(funnel.getByTestId('funnel-row')).toHaveCount(expected.length);
  for (const [i, [step, count, conversion]] of expected.entries()) {
    const row = funnel.getByTestId('funnel-row').nth(i);
    await expect(row).toHaveAttribute('data-step', step);
    await expect(row.getByRole('rowheader')).toHaveText(text('az', `reports.steps.${step}`));
    await expect(row.getByTestId('funnel-count')).toHaveText(count);
    await expect(row.getByTestId('funnel-conversion')).toHaveText(conversion);
  }
  await expect(funnel.getByRole('table', { name: text('az', 'reports.funnel_caption', { intake: '2027' }) })).toBeVisible();
  await expect(funnel.getByRole('img', { name: text('az', 'reports.funnel_chart', { intake: '2027' }) })).toBeVisible();

  // The breakdown: by region first (the form's first choice question).
  const breakdown = page.getByTestId('intake-breakdown');
  const split = breakdown.getByLabel(text('az', 'reports.split_by'), { exact: true });
  await expect(split).toHaveValue('region');
  const group = (value: string) => breakdown.locator(`[data-testid="breakdown-row"][data-value="${value}"]`);
  const cells = (value: string) => group(value).locator('td');
  await expect(breakdown.getByTestId('breakdown-row')).toHaveCount(3);
  await expect(group('baki').getByRole('rowheader')).toHaveText('Bakı');
  await expect(cells('baki')).toHaveText(['5', '5', '2', '2', '1']);
  await expect(group('gence').getByRole('rowheader')).toHaveText('Gəncə');
  await expect(cells('gence')).toHaveText(['2', '2', '1', '0', '0']);
  await expect(group('').getByRole('rowheader')).toHaveText(text('az', 'reports.not_answered'));
  await expect(cells('')).toHaveText(['1', '1', '0', '0', '0']);
  await chartsDrawn(page);
  await axe(page, 'intake reports');
  await shot(page, 'intake-reports-1280', '[data-testid="intake-reports"]');

  // The funnel as CSV: one row per step, conversion to four places.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    funnel.getByRole('link', { name: new RegExp(`^${text('az', 'reports.download_csv')}`) }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('funnel-2027.csv');
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines).toEqual([
    'intake,starts_on,step,count,conversion',
    '2027,2027-03-01,started,10,',
    '2027,2027-03-01,submitted,8,0.8000',
    '2027,2027-03-01,eligible,8,1.0000',
    '2027,2027-03-01,short_listed,6,0.7500',
    '2027,2027-03-01,offered,3,0.5000',
    '2027,2027-03-01,accepted,2,0.6667',
    '2027,2027-03-01,completed,1,0.5000',
    '',
  ]);
  // The XLSX link: the same report as a workbook, with the session cookie of the page.
  const xlsxHref = await funnel.getByRole('link', { name: new RegExp(`^${text('az', 'reports.download_xlsx')}`) }).getAttribute('href');
  expect(xlsxHref).toBe(`/api/v1/intakes/${call.intakeId}/reports/funnel?format=xlsx`);
  const xlsx = await page.request.get(xlsxHref ?? '');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(xlsx.headers()['content-disposition']).toBe("attachment; filename=\"funnel-2027.xlsx\"; filename*=UTF-8''funnel-2027.xlsx");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

  // By age band instead.
  await split.selectOption('age');
  await expect(breakdown.getByRole('table', { name: text('az', 'reports.breakdown_caption', { dimension: text('az', 'reports.dimension_age'), intake: '2027' }) })).toBeVisible();
  await expect(breakdown.getByTestId('breakdown-row')).toHaveCount(4);
  await expect(breakdown.getByTestId('breakdown-row').first()).toHaveAttribute('data-value', '22-25');
  await expect(group('22-25').getByRole('rowheader')).toHaveText(text('az', 'reports.age_bands.22_25'));
  await expect(cells('22-25')).toHaveText(['4', '4', '2', '1', '1']);
  await expect(group('18-21').getByRole('rowheader')).toHaveText(text('az', 'reports.age_bands.18_21'));
  await expect(cells('18-21')).toHaveText(['2', '2', '1', '1', '0']);
  await expect(cells('26-29')).toHaveText(['1', '1', '0', '0', '0']);
  await expect(group('').getByRole('rowheader')).toHaveText(text('az', 'reports.not_answered'));
  const [ages] = await Promise.all([
    page.waitForEvent('download'),
    breakdown.getByRole('link', { name: new RegExp(`^${text('az', 'reports.download_csv')}`) }).click(),
  ]);
  expect(ages.suggestedFilename()).toBe('breakdown-age.csv');
  const ageLines = readFileSync(await ages.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(ageLines[0]).toBe('age,label,submitted,eligible,offered,accepted,completed');
  expect(ageLines[1]).toMatch(/^22-25,[^,]*,4,4,2,1,1$/);
  await chartsDrawn(page);
  await axe(page, 'intake reports by age');
  await shot(page, 'intake-breakdown-age-1280', '[data-testid="intake-reports"]');
  await page.setViewportSize(PHONE);
  await shot(page, 'intake-reports-375', '[data-testid="intake-reports"]');
  await noSideScroll(page, 'intake page at 375');
  // In Russian: the steps' names, and numbers as Russian writes them.
  await page.locator('#language-select').selectOption('ru');
  await expect(funnel.getByTestId('funnel-row').nth(2).getByRole('rowheader')).toHaveText(text('ru', 'reports.steps.eligible'));
  await expect(funnel.getByTestId('funnel-row').nth(5).getByTestId('funnel-conversion')).toHaveText(/^66,7\s%$/);
  await expect(group('22-25').getByRole('rowheader')).toHaveText(text('ru', 'reports.age_bands.22_25'));
  await shot(page, 'intake-reports-ru-375', '[data-testid="intake-reports"]');
  await page.locator('#language-select').selectOption('az');
  await expect(funnel.getByTestId('funnel-row').nth(2).getByRole('rowheader')).toHaveText(text('az', 'reports.steps.eligible'));
  await page.setViewportSize(DESKTOP);

  // ---- staff: the programme, year over year ----
  await page.getByRole('navigation', { name: text('az', 'programmes.breadcrumb') }).getByRole('link', { name: 'Diplomatiya Könüllüləri' }).click();
  await expect(page).toHaveURL(new RegExp(`/programme\\?id=${programmeId}$`));
  const years = page.getByTestId('programme-years');
  const year = (name: string) => years.locator(`[data-testid="years-row"][data-intake="${name}"]`);
  await expect(years.getByTestId('years-row')).toHaveCount(2);
  // Oldest first.
  await expect(years.getByTestId('years-row').first()).toHaveAttribute('data-intake', '2025–2026');
  const counts = async (name: string) =>
    year(name).locator('td').evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-step')}=${td.getAttribute('data-count')}`));
  await expect.poll(() => counts('2027')).toEqual(['started=10', 'submitted=8', 'eligible=8', 'short_listed=6', 'offered=3', 'accepted=2', 'completed=1']);
  await expect.poll(() => counts('2025–2026')).toEqual(['started=6', 'submitted=5', 'eligible=5', 'short_listed=0', 'offered=0', 'accepted=0', 'completed=0']);
  await expect(year('2027').locator('td[data-step="submitted"]')).toHaveText(/8\s*80%/);
  await expect(years.getByRole('img', { name: text('az', 'reports.years_chart', { programme: 'Diplomatiya Könüllüləri' }) })).toBeVisible();
  await expect(years.getByRole('link', { name: new RegExp(`^${text('az', 'reports.download_csv')}`) })).toHaveAttribute(
    'href',
    `/api/v1/programmes/${programmeId}/reports/funnel?format=csv`,
  );
  const byYear = await page.request.get(`/api/v1/programmes/${programmeId}/reports/funnel?format=csv`);
  expect(byYear.headers()['content-disposition']).toBe("attachment; filename=\"funnel-by-year.csv\"; filename*=UTF-8''funnel-by-year.csv");
  expect((await byYear.text()).split('\r\n')).toContain('2025–2026,2025-09-01,submitted,5,0.8333');
  await chartsDrawn(page);
  await axe(page, 'programme year over year');
  await shot(page, 'programme-years-1280');
  await page.setViewportSize(PHONE);
  await shot(page, 'programme-years-375', '[data-testid="programme-years"]');
  await page.setViewportSize(DESKTOP);
  const publicLink = page.getByTestId('public-statistics-link');
  await expect(publicLink).toHaveText(text('az', 'reports.public_link'));
  await expect(publicLink).toHaveAttribute('href', `/statistics?programme=${programmeId}`);

  // ---- the public, signed out, from the call's page ----
  const visitor = await browser.newContext({ baseURL: base, viewport: PHONE, locale: 'en-GB', timezoneId: 'Asia/Baku' });
  const problems: string[] = [];
  try {
    const open = await visitor.newPage();
    open.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    open.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await open.goto(`/call?id=${call.id}`);
    await expect(open.getByTestId('call-statistics-link')).toHaveText(text('az', 'statistics.from_call', { programme: 'Diplomatiya Könüllüləri' }));
    await shot(open, 'call-375');
    await open.getByTestId('call-statistics-link').click();
    await expect(open).toHaveURL(new RegExp(`/statistics\\?programme=${programmeId}$`));
    await expect(open.getByRole('heading', { level: 1 })).toHaveText('Diplomatiya Könüllüləri');
    await expect(open.getByTestId('statistics-organisation')).toHaveText(ORG_NAME);
    await expect(open.getByTestId('statistics-rule')).toHaveText(text('az', 'statistics.small_cells', { n: '5' }));
    const fewer = text('az', 'statistics.fewer_than', { n: '5' });
    const row = (intake: string) => open.locator(`[data-testid="statistics-year"][data-intake="${intake}"] td`);
    await expect(open.getByTestId('statistics-year')).toHaveCount(2);
    await expect(row('2025–2026')).toHaveText(['6', '5', fewer, fewer]);
    await expect(row('2027')).toHaveText(['10', '8', fewer, fewer]);
    await expect(open.getByTestId('statistics-alumni')).toHaveText(text('az', 'statistics.alumni_total', { n: fewer }));
    // The latest intake by region: Bakı's five shown; Gəncə and "not answered" withheld (two, so no complement is needed).
    await expect(open.getByRole('heading', { name: text('az', 'statistics.groups_heading', { intake: '2027' }) })).toBeVisible();
    const region = open.locator('[data-testid="statistics-breakdown"][data-key="region"]');
    const group = (value: string) => region.locator(`[data-testid="statistics-row"][data-value="${value}"]`);
    await expect(group('baki').getByRole('rowheader')).toHaveText('Bakı');
    await expect(group('baki').locator('td')).toHaveText(['5', fewer]);
    await expect(group('gence').locator('td')).toHaveText([fewer, fewer]);
    await expect(group('').getByRole('rowheader')).toHaveText(text('az', 'reports.not_answered'));
    await expect(group('').locator('td')).toHaveText([fewer, fewer]);
    // By age too; nothing free-text (no universities) and no person.
    await expect(open.locator('[data-testid="statistics-breakdown"][data-key="age"] [data-testid="statistics-row"] td')).toHaveText(Array(8).fill(fewer));
    const shown = await open.locator('main').innerText();
    for (const name of EVERYONE) expect(shown, `a name on the public statistics: ${name}`).not.toContain(name);
    expect(shown).not.toContain('@');
    await chartsDrawn(open);
    await axe(open, '/statistics');
    await shot(open, 'statistics-375');
    await open.setViewportSize(DESKTOP);
    await chartsDrawn(open);
    await shot(open, 'statistics-1280');

    // In English.
    await open.locator('#language-select').selectOption('en');
    await expect(row('2027')).toHaveText(['10', '8', 'fewer than 5', 'fewer than 5']);
    await expect(open.getByTestId('statistics-rule')).toHaveText(text('en', 'statistics.small_cells', { n: '5' }));
    await expect(group('baki').getByRole('rowheader')).toHaveText('Baku');
    await shot(open, 'statistics-en-1280');

    // A programme that publishes nothing: "not found" in words, for everyone.
    await open.goto('/statistics?programme=01ARZ3NDEKTSV4RRFFQ69G5FAV');
    await expect(open.getByRole('alert')).toHaveText(text('en', 'statistics.not_published'));
  } finally {
    await visitor.close();
  }
  // The unknown programme's 404 is the one error expected on the console.
  expect(problems.filter((p) => !/status of 404/.test(p)), 'console errors of the visitor').toEqual([]);
});
