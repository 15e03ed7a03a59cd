// The whole selection path, in the browser, from applications to a
// participant. Only the set-up goes through the HTTP API: an organisation with
// a published call (capacity 1, the default four stages: screening → review →
// interview → decision), four applications, and two staff members who are
// both reviewers and interviewers (plus, to keep the test short, the second
// reviewer's scores and the panel's remaining scorecards).
//
// In the browser: the coordinator gives the review stage a rubric and one
// reviewer per application, adds the two reviewers, admits the applications
// and assigns them automatically; the first reviewer scores and submits hers
// from the queue; the coordinator short-lists the top three from the ranking
// into the interview stage, adds the reviewers there, makes a panel of both,
// makes slots and sends the invitations; one candidate books a time on her
// phone, the coordinator schedules the other two automatically; a panel
// member finds the scorecard under "My reviews" and scores it; the
// coordinator marks attendance, short-lists from the interview stage's
// ranking into the decision stage, sets a waiting list of one, prepares and
// publishes the decisions. The one offered the place declines on /offers; the
// first on the waiting list gets a new offer by e-mail, accepts it on /offers
// and is a participant.
//
// Scores are distinct so every ranking is known in advance. Review (weighted
// total of motivation ×2 on 0–10 and languages on 0–5): Leyla 100, Rəşad 86.7,
// Nərmin 66.7, Orxan 46.7 — the top three go to interviews. Interview (0–10,
// both panel members alike): Rəşad 90, Leyla 80, Nərmin 50 — so Rəşad gets the
// one place, Leyla waits, Nərmin is declined; Rəşad declines and Leyla
// takes the place.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { adminApi, applyThroughApi, bakuLocal, openCall, staffMember, submitReviews } from './calls-setup';
import { waitForMail } from './mail';
import { PASSWORD, person, signIn } from './people';

const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: 'Niyə bu proqram?', en: 'Why this programme?' }, required: true },
  { key: 'languages', type: 'short_text', label: { az: 'Hansı xarici dilləri bilirsiniz?', en: 'Which foreign languages do you speak?' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];
const PHONE = { width: 375, height: 740 };
const BAKU = 'Asia/Baku, UTC+04:00';

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** An element by its id (the stage editor's ids are the API's paths, with dots and brackets). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** "17 yanvar 2027" for "2027-01-17". */
function dayText(day: string): string {
  const [year, month, date] = day.split('-');
  return text('az', 'format.date', { day: String(Number(date)), month: text('az', `format.months.${Number(month)}`), year: year ?? '' });
}

/**
 * A browser of another person's own (their own cookies), watched like the
 * test's page: its console errors, page errors and CSP violations are
 * collected in `problems`, which the test expects to be empty.
 */
async function otherBrowser(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Baku' });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/** The person signs in on /login and lands on their account page. */
async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
}

test('the whole selection path: review, interviews, decisions, a declined offer and a participant from the waiting list', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  test.setTimeout(600_000);
  const base = baseURL ?? '';

  // ---- set-up through the API: the call, four applications, two reviewers who also interview ----
  const call = await openCall(page.request, FIELDS, [], undefined, { capacity: 1 });
  const apply = (label: string, name: string, languages: string) =>
    applyThroughApi(base, call.id, { motivation: 'Diplomatiya sahəsində təcrübə qazanmaq istəyirəm.', languages, consent: true }, person(label, { name }));
  const leyla = await apply('leyla', 'Leyla Quliyeva', 'İngilis, fransız');
  const resad = await apply('resad', 'Rəşad Əliyev', 'İngilis, alman');
  const nermin = await apply('nermin', 'Nərmin Hüseynova', 'Rus');
  const orxan = await apply('orxan', 'Orxan Səfərov', 'İngilis');
  const applicants = [leyla, resad, nermin, orxan];
  const byReference = (reference: string) => applicants.find((a) => a.reference === reference);
  const REVIEW_SCORES = new Map([
    [leyla.applicationId, { motivation: 10, languages: 5 }],
    [resad.applicationId, { motivation: 9, languages: 4 }],
    [nermin.applicationId, { motivation: 7, languages: 3 }],
    [orxan.applicationId, { motivation: 5, languages: 2 }],
  ]);
  const INTERVIEW_SCORES = new Map([
    [resad.applicationId, 9],
    [leyla.applicationId, 8],
    [nermin.applicationId, 5],
  ]);
  const kamila = await staffMember(base, call, 'reviewer', person('kamila', { name: 'Kamilə Rzayeva' }));
  const gunel = await staffMember(base, call, 'reviewer', person('gunel', { name: 'Günel Abbasova' }));
  const admin = await adminApi(base, call);
  for (const who of [kamila, gunel]) {
    const role = await admin.post(`/api/v1/organisations/${call.organisationId}/members/${who.accountId}/roles`, { data: { role: 'interviewer' } });
    expect(role.status(), await role.text()).toBe(200);
  }
  // Interviews a week ahead (Baku time): four half-hour slots, 10:00–12:00.
  const day = bakuLocal(7).slice(0, 10);

  // Each person in a browser of their own: the coordinator in the test's page, the
  // reviewer (later the panel member), the candidate on a phone, and the one who waits.
  const reviewer = await otherBrowser(browser, base);
  const candidate = await otherBrowser(browser, base, PHONE);
  const waiting = await otherBrowser(browser, base);
  try {
    // ---- 1. the coordinator: the review stage's rubric, its reviewers, admitting and assigning ----
    await signInAs(page, call.admin);
    await page.goto(`/intake?id=${call.intakeId}`);
    const stageList = page.getByRole('region', { name: text('az', 'stages.heading') });
    await expect(stageList.getByTestId('stage-row')).toHaveCount(4);
    await stageList.getByRole('link', { name: text('az', 'stages.kinds.review') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'stages.kinds.review'));
    const reviewStageId = new URL(page.url()).searchParams.get('id') ?? '';

    const criteria = page.getByTestId('criterion');
    while ((await criteria.count()) > 0) {
      await criteria.first().getByRole('button', { name: text('az', 'stage_settings.remove_criterion') }).click();
    }
    const addCriterion = page.getByRole('button', { name: text('az', 'stage_settings.add_criterion') });
    await addCriterion.click();
    await byId(page, 'settings.rubric[0].key').fill('motivation');
    await byId(page, 'settings.rubric[0].label.az').fill('Motivasiya');
    await byId(page, 'settings.rubric[0].label.en').fill('Motivation');
    await byId(page, 'settings.rubric[0].label.ru').fill('Мотивация');
    await byId(page, 'settings.rubric[0].weight').fill('2');
    await addCriterion.click();
    await byId(page, 'settings.rubric[1].key').fill('languages');
    await byId(page, 'settings.rubric[1].label.az').fill('Xarici dillər');
    await byId(page, 'settings.rubric[1].label.en').fill('Foreign languages');
    await byId(page, 'settings.rubric[1].label.ru').fill('Иностранные языки');
    await byId(page, 'settings.rubric[1].max').fill('5');
    await byId(page, 'settings.reviewers_per_application').fill('1');
    await page.getByRole('button', { name: text('az', 'stage_settings.save'), exact: true }).click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();

    await page.getByRole('tab', { name: text('az', 'stages.tab.reviewers') }).click();
    for (const who of [kamila, gunel]) {
      await page.getByLabel(text('az', 'stage_reviewers.member'), { exact: true }).selectOption(who.accountId);
      await page.getByRole('button', { name: text('az', 'stage_reviewers.add') }).click();
      await expect(page.getByText(text('az', 'stage_reviewers.added', { name: who.person.name }))).toBeVisible();
    }
    await expect(page.getByTestId('reviewers-table').getByRole('row')).toHaveCount(3);

    await page.getByRole('tab', { name: text('az', 'stages.tab.assignments') }).click();
    await page.getByRole('button', { name: text('az', 'assignments.admit') }).click();
    await expect(page.getByTestId('admit-result')).toHaveText(text('az', 'assignments.admitted', { admitted: '4', already: '0', awaiting: '0' }));
    await page.getByRole('button', { name: text('az', 'assignments.assign') }).click();
    const assigned = page.getByTestId('assign-result');
    await expect(assigned).toContainText(text('az', 'assignments.assigned', { added: '4', applications: '4', reviewers: '2' }));
    await expect(assigned).toContainText(text('az', 'assignments.load', { min: '2', max: '2' }));
    await expect(page.getByTestId('assignment-row')).toHaveCount(4);

    // ---- 2. the first reviewer scores and submits her two reviews from the queue ----
    const r = reviewer.page;
    await signInAs(r, kamila.person.email);
    await r.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.reviews') }).click();
    await expect(r).toHaveURL('/reviews');
    await expect(r.getByTestId('count-todo')).toHaveText('2');
    const queued = await r.getByTestId('review-item').getByRole('link').allTextContents();
    expect(queued).toHaveLength(2);
    for (const reference of queued) {
      const who = byReference(reference.trim());
      const scores = who ? REVIEW_SCORES.get(who.applicationId) : undefined;
      if (!who || !scores) throw new Error(`unknown reference ${reference}`);
      await r.getByRole('link', { name: who.reference }).click();
      await expect(r.getByRole('heading', { level: 1 })).toHaveText(text('az', 'review.title_ref', { reference: who.reference }));
      await r.getByTestId('criterion-motivation').getByRole('radio', { name: String(scores.motivation), exact: true }).check();
      await r.getByTestId('criterion-languages').getByRole('radio', { name: String(scores.languages), exact: true }).check();
      await r.getByLabel(text('az', 'review.shared_comment')).fill('Motivasiyası aydındır.');
      await r.getByRole('button', { name: text('az', 'review.submit') }).click();
      await expect(r.getByRole('heading', { name: text('az', 'review.submitted_heading') })).toBeFocused();
      await expect(r.getByTestId('review-state')).toHaveText(text('az', 'review.states.submitted'));
      await r.getByRole('link', { name: text('az', 'review.back_to_queue') }).click();
      await expect(r).toHaveURL('/reviews');
    }
    await expect(r.getByTestId('count-submitted')).toHaveText('2');
    await expect(r.getByTestId('count-todo')).toHaveText('0');

    // The second reviewer's two, through the API.
    const scoredByGunel = await submitReviews(base, gunel.person.email, (id) => REVIEW_SCORES.get(id) ?? {});
    expect(scoredByGunel).toHaveLength(2);

    // ---- 3. the coordinator: the ranking, and the top three into the interview stage ----
    await page.reload();
    await page.getByRole('tab', { name: text('az', 'stages.tab.ranking') }).click();
    const ranked = page.getByTestId('ranking-row');
    await expect(ranked).toHaveCount(4);
    const reviewOrder: [typeof leyla, string][] = [
      [leyla, '100,0'],
      [resad, '86,7'],
      [nermin, '66,7'],
      [orxan, '46,7'],
    ];
    for (const [i, [who, score]] of reviewOrder.entries()) {
      await expect(ranked.nth(i)).toContainText(who.reference);
      await expect(ranked.nth(i).getByTestId('ranking-score')).toHaveText(score);
    }
    await page.getByLabel(text('az', 'ranking.top_n')).fill('3');
    await page.getByRole('button', { name: text('az', 'ranking.preview') }).click();
    await expect(page.getByTestId('cutoff')).toContainText(text('az', 'ranking.cutoff_other', { count: '3', score: '66,7' }));
    await page.getByRole('button', { name: text('az', 'ranking.shortlist_other', { count: '3' }) }).click();
    await page.getByRole('button', { name: text('az', 'ranking.confirm_yes_other', { count: '3' }) }).click();
    const interviewName = text('az', 'stages.kinds.interview');
    await expect(page.getByTestId('shortlist-result')).toHaveText(
      text('az', 'ranking.shortlisted', { next: interviewName, moved: '3', already: '0', score: '66,7' }),
    );
    await expect(ranked.nth(3).getByTestId('in-next-stage')).toHaveCount(0);

    // ---- 4. the interview stage: its interviewers, a panel of both, slots and the invitations ----
    await page.getByRole('link', { name: interviewName, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(interviewName);
    await expect(page.getByTestId('stage-facts')).toContainText(text('az', 'stages.entries_other', { count: '3' }));
    const interviewStageId = new URL(page.url()).searchParams.get('id') ?? '';
    expect(interviewStageId).not.toBe(reviewStageId);
    await page.getByRole('tab', { name: text('az', 'stages.tab.reviewers') }).click();
    for (const who of [kamila, gunel]) {
      await page.getByLabel(text('az', 'stage_reviewers.member'), { exact: true }).selectOption(who.accountId);
      await page.getByRole('button', { name: text('az', 'stage_reviewers.add') }).click();
      await expect(page.getByText(text('az', 'stage_reviewers.added', { name: who.person.name }))).toBeVisible();
    }

    await page.getByRole('tab', { name: text('az', 'interviews_staff.tab') }).click();
    const interviews = page.getByRole('tabpanel', { name: text('az', 'interviews_staff.tab') });
    const unbooked = interviews.getByTestId('unbooked-row');
    await expect(unbooked).toHaveCount(3);
    await interviews.getByLabel(text('az', 'interviews_staff.panel_name'), { exact: true }).fill('Komissiya A');
    await interviews.getByLabel(text('az', 'interviews_staff.location'), { exact: true }).fill('Otaq 204, 2-ci mərtəbə');
    for (const who of [kamila, gunel]) await interviews.getByRole('checkbox', { name: new RegExp(who.person.name) }).check();
    await interviews.getByRole('button', { name: text('az', 'interviews_staff.add_panel') }).click();
    await expect(interviews.getByText(text('az', 'interviews_staff.panel_added', { name: 'Komissiya A' }))).toBeVisible();
    await expect(interviews.getByTestId('panel-row')).toContainText(gunel.person.name);

    await page.locator('#slot-day-0').fill(day);
    await page.locator('#slot-from').fill('10:00');
    await page.locator('#slot-to').fill('12:00');
    await page.locator('#slot-length').fill('30');
    await page.locator('#slot-break').fill('0');
    await page.locator('#slot-places').fill('1');
    await interviews.getByRole('button', { name: text('az', 'interviews_staff.make') }).click();
    await expect(interviews.getByTestId('slots-created')).toHaveText(text('az', 'interviews_staff.created', { n: '4' }));
    await expect(interviews.getByTestId('slot-row').locator('th')).toHaveText(['10:00–10:30', '10:30–11:00', '11:00–11:30', '11:30–12:00']);

    await interviews.getByRole('button', { name: text('az', 'interviews_staff.invite') }).click();
    const inviteDialog = page.getByRole('dialog', { name: text('az', 'interviews_staff.invite_title') });
    await expect(inviteDialog).toContainText(text('az', 'interviews_staff.invite_confirm', { n: '3' }));
    await inviteDialog.getByRole('button', { name: text('az', 'interviews_staff.invite_yes') }).click();
    await expect(interviews.getByTestId('invite-result')).toHaveText(text('az', 'interviews_staff.invited', { n: '3' }));

    // ---- 5. a candidate books a time on her phone, from the invitation's page ----
    const invitation = await waitForMail(resad.person.email, text('az', 'emails.interview_invitation.subject', { call: call.title }));
    expect(invitation.body).toContain(`${base}/interviews`);
    const c = candidate.page;
    await signInAs(c, resad.person.email);
    await c.goto('/interviews');
    const card = c.getByTestId('interview');
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('heading', { level: 2 })).toHaveText(call.title);
    await expect(card.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.not_booked'));
    await expect(card.getByTestId('slot')).toHaveCount(4);
    await card.getByTestId('slot').nth(1).getByRole('button', { name: new RegExp(`^${text('az', 'interviews.book')}`) }).click();
    const when = text('az', 'interviews.time_range', {
      start: text('az', 'format.date_time', { date: dayText(day), time: '10:30' }),
      end: '11:00',
      zone: BAKU,
    });
    await expect(card.getByTestId('interview-note')).toHaveText(text('az', 'interviews.booked_note', { time: when }));
    await expect(card.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.booked'));
    await expect(card.getByTestId('booking').getByTestId('booking-where')).toHaveText('Otaq 204, 2-ci mərtəbə');
    await waitForMail(resad.person.email, text('az', 'emails.interview_booked.subject', { when: `${day} 10:30 (Asia/Baku)` }));
    await axe(c, '/interviews (booked, phone)');
    await c.screenshot({ path: 'test-results/screenshots/path-interviews-375x740.png', fullPage: true });
    expect(await c.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(PHONE.width);

    // The coordinator sees who is still missing, then schedules the other two.
    await interviews.getByRole('button', { name: text('az', 'interviews_staff.refresh') }).click();
    await expect(unbooked).toHaveCount(2);
    await expect(interviews.locator(`[data-testid="unbooked-row"][data-reference="${resad.reference}"]`)).toHaveCount(0);
    await expect(interviews.getByTestId('fact-booked')).toHaveText('1');
    await axe(page, '/stage interviews (two without a booking)');
    await page.screenshot({ path: 'test-results/screenshots/path-interviews-staff-1280.png', fullPage: true });
    await interviews.getByRole('button', { name: text('az', 'interviews_staff.schedule') }).click();
    await expect(interviews.getByTestId('schedule-result')).toContainText(text('az', 'interviews_staff.scheduled', { n: '2' }));
    await expect(interviews.getByTestId('schedule-result')).toContainText(text('az', 'interviews_staff.none_left_out'));
    await expect(interviews.getByTestId('unbooked-none')).toHaveText(text('az', 'interviews_staff.unbooked_none'));
    const bookingRow = (reference: string) => interviews.locator(`[data-testid="booking-row"][data-reference="${reference}"]`);
    await expect(interviews.getByTestId('booking-row')).toHaveCount(3);
    await expect(bookingRow(resad.reference).getByTestId('booking-origin')).toHaveText(text('az', 'interviews_staff.origins.self'));
    for (const who of [leyla, nermin]) {
      await expect(bookingRow(who.reference).getByTestId('booking-origin')).toHaveText(text('az', 'interviews_staff.origins.scheduled'));
    }

    // ---- 6. a panel member finds the scorecard under "My reviews" and scores it; attendance ----
    await r.goto('/reviews');
    await expect(r.getByTestId('count-todo')).toHaveText('3');
    const scorecard = r.getByTestId('review-item').filter({ hasText: resad.reference });
    await expect(scorecard).toContainText(`${call.title} · ${interviewName}`);
    await scorecard.getByRole('link', { name: resad.reference }).click();
    await expect(r.getByRole('heading', { level: 1 })).toHaveText(text('az', 'review.title_ref', { reference: resad.reference }));
    await r.getByTestId('criterion-overall').getByRole('radio', { name: '9', exact: true }).check();
    await r.getByLabel(text('az', 'review.private_comment')).fill('Suallara inamla cavab verdi.');
    await r.getByRole('button', { name: text('az', 'review.submit') }).click();
    await expect(r.getByRole('heading', { name: text('az', 'review.submitted_heading') })).toBeFocused();
    await expect(r.getByTestId('review-total')).toHaveText('90,0');
    // The panel's other scorecards, through the API.
    const interviewScores = (id: string) => ({ overall: INTERVIEW_SCORES.get(id) ?? 0 });
    expect((await submitReviews(base, kamila.person.email, interviewScores)).sort()).toEqual([leyla.applicationId, nermin.applicationId].sort());
    expect(await submitReviews(base, gunel.person.email, interviewScores)).toHaveLength(3);

    for (const who of [resad, leyla, nermin]) {
      await bookingRow(who.reference).getByRole('button', { name: `${text('az', 'interviews_staff.mark.attended')} ${who.reference}` }).click();
      await expect(bookingRow(who.reference).getByTestId('booking-state')).toHaveText(text('az', 'interviews_staff.states.attended'));
    }

    // ---- 7. the interview stage's ranking into the decision stage; the decisions ----
    await page.reload();
    await page.getByRole('tab', { name: text('az', 'stages.tab.ranking') }).click();
    const interviewOrder: [typeof leyla, string][] = [
      [resad, '90,0'],
      [leyla, '80,0'],
      [nermin, '50,0'],
    ];
    await expect(ranked).toHaveCount(3);
    for (const [i, [who, score]] of interviewOrder.entries()) {
      await expect(ranked.nth(i)).toContainText(who.reference);
      await expect(ranked.nth(i).getByTestId('ranking-score')).toHaveText(score);
    }
    await page.getByLabel(text('az', 'ranking.top_n')).fill('3');
    await page.getByRole('button', { name: text('az', 'ranking.preview') }).click();
    await page.getByRole('button', { name: text('az', 'ranking.shortlist_other', { count: '3' }) }).click();
    await page.getByRole('button', { name: text('az', 'ranking.confirm_yes_other', { count: '3' }) }).click();
    const decisionName = text('az', 'stages.kinds.decision');
    await expect(page.getByTestId('shortlist-result')).toHaveText(
      text('az', 'ranking.shortlisted', { next: decisionName, moved: '3', already: '0', score: '50,0' }),
    );

    await page.getByRole('link', { name: decisionName, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(decisionName);
    await byId(page, 'settings.waitlist_size').fill('1');
    await page.getByRole('button', { name: text('az', 'stage_settings.save'), exact: true }).click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();

    await page.getByRole('tab', { name: text('az', 'stages.tab.decisions') }).click();
    await page.getByRole('button', { name: text('az', 'decisions.prepare'), exact: true }).click();
    await expect(page.getByTestId('prepare-result')).toHaveText(text('az', 'decisions.prepared', { accept: '1', waitlist: '1', reject: '1' }));
    await expect(page.getByTestId('capacity')).toHaveText('1');
    const decisionRow = (reference: string) => page.locator(`[data-testid="decision-row"][data-reference="${reference}"]`);
    await expect(page.getByTestId('decision-row')).toHaveCount(3);
    await expect(page.getByTestId('decision-row').nth(0)).toHaveAttribute('data-reference', resad.reference);
    await expect(decisionRow(resad.reference).getByTestId('decision-outcome')).toHaveText(text('az', 'decisions.outcomes.accept'));
    await expect(decisionRow(leyla.reference).getByTestId('decision-outcome')).toHaveText(text('az', 'decisions.outcomes.waitlist'));
    await expect(decisionRow(leyla.reference).getByTestId('decision-waitlist')).toHaveText(text('az', 'decisions.waitlist_position', { n: '1' }));
    await expect(decisionRow(nermin.reference).getByTestId('decision-outcome')).toHaveText(text('az', 'decisions.outcomes.reject'));

    await page.getByRole('button', { name: text('az', 'decisions.publish'), exact: true }).click();
    const publishDialog = page.getByRole('dialog', { name: text('az', 'decisions.publish_confirm_title') });
    await expect(publishDialog).toContainText(text('az', 'decisions.publish_confirm_other', { count: '3' }));
    await publishDialog.getByRole('button', { name: text('az', 'decisions.publish_yes_other', { count: '3' }) }).click();
    await expect(page.getByTestId('publish-result')).toHaveText(text('az', 'decisions.published', { published: '3', offers: '1', letters: '3' }));
    await expect(page.getByTestId('board-state')).toHaveText(text('az', 'decisions.state_published'));
    await expect(decisionRow(resad.reference).getByTestId('offer-state')).toHaveText(text('az', 'decisions.offer_states.open'));

    // ---- 8a. the one offered the place declines it on /offers ----
    await waitForMail(resad.person.email, text('az', 'emails.decision_accepted.subject', { call: call.title }));
    await c.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.offers') }).click();
    await expect(c).toHaveURL('/offers');
    const offer = c.getByTestId('offer');
    await expect(offer).toHaveCount(1);
    await expect(offer.getByTestId('offer-state')).toHaveText(text('az', 'offers.states.open'));
    await offer.getByRole('button', { name: new RegExp(`^${text('az', 'offers.decline')}`) }).click();
    const decline = c.getByRole('dialog', { name: text('az', 'offers.decline_title') });
    await decline.getByRole('button', { name: text('az', 'offers.decline_yes') }).click();
    await expect(offer.getByTestId('offer-note')).toHaveText(text('az', 'offers.declined_note'));
    await expect(offer.getByTestId('offer-state')).toHaveText(text('az', 'offers.states.declined'));

    // ---- 8b. the first on the waiting list is offered the place by e-mail, accepts it, and is a participant ----
    const promotion = await waitForMail(leyla.person.email, text('az', 'emails.decision_promoted.subject', { call: call.title }));
    expect(promotion.body).toContain(leyla.reference);
    const l = waiting.page;
    await signInAs(l, leyla.person.email);
    await l.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.offers') }).click();
    await expect(l).toHaveURL('/offers');
    const promoted = l.getByTestId('offer');
    await expect(promoted).toHaveCount(1);
    await expect(promoted).toContainText(leyla.reference);
    await expect(promoted.getByTestId('offer-promoted')).toHaveText(text('az', 'offers.promoted'));
    await promoted.getByRole('button', { name: new RegExp(`^${text('az', 'offers.accept')}`) }).click();
    await expect(promoted.getByTestId('offer-note')).toHaveText(text('az', 'offers.accepted_note', { call: call.title, intake: '2027' }));
    await expect(promoted.getByTestId('offer-state')).toHaveText(text('az', 'offers.states.accepted'));
    await l.reload();
    await expect(promoted.getByText(text('az', 'offers.state_notes.accepted'))).toBeVisible();
    await axe(l, '/offers (accepted)');
    await l.screenshot({ path: 'test-results/screenshots/path-offers-1280.png', fullPage: true });

    // The coordinator's board says the same.
    await page.getByRole('button', { name: text('az', 'decisions.refresh') }).click();
    await expect(decisionRow(resad.reference).getByTestId('offer-state')).toHaveText(text('az', 'decisions.offer_states.declined'));
    await expect(decisionRow(leyla.reference).getByTestId('offer-state')).toHaveText(text('az', 'decisions.offer_states.accepted'));
    await expect(decisionRow(leyla.reference).getByTestId('offer-promoted')).toBeVisible();
    const board = await admin.get(`/api/v1/intakes/${call.intakeId}/decisions?stage=${new URL(page.url()).searchParams.get('id') ?? ''}`);
    expect(board.status(), await board.text()).toBe(200);
    const items = ((await board.json()) as { items: { application_id: string; outcome: string; offer: { state: string; promoted_from_waitlist: boolean } | null }[] }).items;
    const of = (id: string) => items.find((d) => d.application_id === id);
    expect(of(leyla.applicationId)).toMatchObject({ outcome: 'accept', offer: { state: 'accepted', promoted_from_waitlist: true } });
    expect(of(resad.applicationId)?.offer?.state).toBe('declined');
    expect(of(nermin.applicationId)?.outcome).toBe('reject');

    for (const other of [reviewer, candidate, waiting]) {
      expect(other.problems, 'console errors, page errors or CSP violations in another browser').toEqual([]);
    }
  } finally {
    await reviewer.close();
    await candidate.close();
    await waiting.close();
    await admin.dispose();
  }
});
