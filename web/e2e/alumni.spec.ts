// A trainer's activities and the alumni, end to end. Through the HTTP API
// (participants-setup.ts): a programme with two intakes, "2027" (three
// participants, two of whom complete it) and "2028" (three participants, one
// of whom completes it, two still active); a trainer — an account holding
// only the trainer role — who leads three of the 2028 intake's activities
// (one under way now, one tomorrow, one yesterday); two alumni who opted in
// to the directory. In the browser:
// - the trainer, on a 375 × 812 phone, finds "My activities" in the header,
//   sees what is under way, coming up and past, opens the check-in screen of
//   the one under way and comes back, and takes attendance by hand (an
//   excused absence without a reason is refused at its input);
// - staff open the programme's alumni: totals per year, the list;
// - an alumna opts in on her certificates page (a headline that is too long
//   is refused at its input first), appears in the directory (search, year
//   filter), opts out and disappears from it;
// - staff see the directory and invite the alumni to an activity of the 2028
//   intake: the two alumni of 2027 are invited (the 2028 alumnus is in that
//   intake), and the invitation reaches one of them by e-mail.
// Screenshots at 375 and 1280 px land in /tmp/shots-alumni.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { adminApi, bakuLocal, signInThroughApi, staffMember, type OpenCall } from './calls-setup';
import { expect, test, text } from './fixtures';
import { waitForMail } from './mail';
import { acceptedParticipants, FIELDS } from './participants-setup';
import { PASSWORD, person } from './people';

// Refused on purpose: an excused absence without a reason, a headline over 200 characters (422).
test.use({ allowedConsoleErrors: [/status of 422/] });

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = '/tmp/shots-alumni';

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** No catalogue key shows instead of its text. */
async function noKeys(page: Page, where: string): Promise<void> {
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(my_activities|alumni|activities|attendance|check_in_screen|certificates|field_errors)\.[a-z_.]+/g), `catalogue keys on ${where}`).toBeNull();
}

async function noSideScroll(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where}`).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await noKeys(page, name);
  await noSideScroll(page, name);
}

/** A browser of another person's own (their own cookies), watched like the test's page. */
async function otherBrowser(browser: Browser, baseURL: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Baku' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if ((message.type() === 'error' && !/status of 422/.test(message.text())) || /Content Security Policy/i.test(message.text())) {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/** The moment the test's activities are timed from. */
const NOW = Date.now();

/** "HH:MM" on the clock of Asia/Baku (UTC+4 all year), `minutes` from NOW. */
function bakuTime(minutes: number): string {
  return new Date(NOW + 4 * 3_600_000 + minutes * 60_000).toISOString().slice(11, 16);
}

/** RFC 3339 UTC, `minutes` from NOW, to the minute. */
function utcIn(minutes: number): string {
  return `${new Date(NOW + minutes * 60_000).toISOString().slice(0, 16)}:00Z`;
}

async function send(api: APIRequestContext, method: 'get' | 'post' | 'put', path: string, status: number, data?: unknown, headers?: Record<string, string>) {
  const response = await api[method](path, { ...(data === undefined ? {} : { data }), ...(headers ? { headers } : {}) });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

/** Completes these participants of the intake (no rules to meet), which issues their certificates. */
async function complete(admin: APIRequestContext, intakeId: string, names: string[]): Promise<void> {
  await send(admin, 'put', `/api/v1/intakes/${intakeId}/completion-rules`, 200, { min_attendance: 0, final_work_required: false, min_evaluation: 0, hours: 0 });
  const people = (await send(admin, 'get', `/api/v1/intakes/${intakeId}/participants`, 200)).items as { id: string; name: string }[];
  const ids = names.map((n) => people.find((p) => p.name === n)?.id ?? `missing ${n}`);
  await send(admin, 'post', `/api/v1/intakes/${intakeId}/completion/confirm`, 200, { participant_ids: ids });
}

/** Opts an alumnus in to the directory through the API, in a session of their own. */
async function optIn(baseURL: string, email: string, headline: string): Promise<void> {
  const api = await newRequest.newContext({ baseURL });
  try {
    const { headers } = await signInThroughApi(api, email, PASSWORD);
    await send(api, 'put', '/api/v1/me/alumni-profile', 200, { directory: true, headline }, headers);
  } finally {
    await api.dispose();
  }
}

test('a trainer’s activities on a phone, alumni per year, the opt-in directory and invitations of alumni', async ({ page, browser, baseURL }) => {
  test.slow();
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });

  // ---- set-up through the API ----
  const first = await acceptedParticipants(base, page.request, [
    person('alum0', { name: 'Leyla Quliyeva' }),
    person('alum1', { name: 'Rəşad Əliyev' }),
    person('alum2', { name: 'Nərmin Hüseynova' }),
  ]);
  const call = first.call;
  const [leyla, resad] = first.participants;
  if (!leyla || !resad) throw new Error('three participants expected');
  const admin = await adminApi(base, call);
  let second: OpenCall;
  let programmeId = '';
  const titles = { live: 'Protokol təlimi', tomorrow: 'Danışıqlar üzrə mühazirə', past: 'Səfirliyə səfər', other: 'Mədəni axşam' };
  let trainer: { person: ReturnType<typeof person>; accountId: string };
  try {
    await complete(admin, call.intakeId, ['Leyla Quliyeva', 'Rəşad Əliyev']);
    programmeId = String((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}`, 200)).programme_id);
    const intake = await send(admin, 'post', `/api/v1/programmes/${programmeId}/intakes`, 201, {
      name: '2028',
      starts_on: '2028-03-01',
      ends_on: '2028-08-31',
      capacity: 3,
      time_zone: 'Asia/Baku',
    });
    const secondCall = await send(admin, 'put', `/api/v1/intakes/${String(intake.id)}/call`, 200, {
      title: { az: 'Diplomatiya Könüllüləri 2028', en: 'Diplomacy Volunteers 2028', ru: 'Волонтёры дипломатии 2028' },
      description: { az: 'Nazirliyin altı aylıq təcrübə proqramı.' },
      opens_at_local: bakuLocal(-1),
      closes_at_local: bakuLocal(30),
      time_zone: 'Asia/Baku',
      published: true,
      form: { fields: FIELDS },
      eligibility: { rules: [] },
    });
    second = { ...call, id: String(secondCall.id), title: 'Diplomatiya Könüllüləri 2028', intakeId: String(intake.id) };
  } finally {
    await admin.dispose();
  }
  await acceptedParticipants(
    base,
    page.request,
    [person('new0', { name: 'Aysel Məmmədova' }), person('new1', { name: 'Elvin Həsənov' }), person('new2', { name: 'Murad Kərimov' })],
    second,
  );
  trainer = await staffMember(base, call, 'trainer', person('trainer', { name: 'Anar Məmmədov' }));
  const admin2 = await adminApi(base, call);
  try {
    await complete(admin2, second.intakeId, ['Murad Kərimov']);
    const activity = (title: string, from: number, to: number, extra: Record<string, unknown> = {}) =>
      send(admin2, 'post', `/api/v1/intakes/${second.intakeId}/activities`, 201, {
        kind: 'training',
        title,
        topic: '',
        trainer_name: 'Anar Məmmədov',
        trainer_kind: 'staff',
        trainer_id: trainer.accountId,
        place: 'Nazirlik, 3-cü zal',
        online_url: '',
        starts_at: utcIn(from),
        ends_at: utcIn(to),
        ...extra,
      });
    await activity(titles.live, -10, 60, { topic: 'Rəsmi qəbullarda etiket' });
    await activity(titles.tomorrow, 24 * 60, 24 * 60 + 90, { kind: 'lecture', place: '', online_url: 'https://meet.example.az/danisiqlar' });
    await activity(titles.past, -24 * 60, -24 * 60 + 120, { kind: 'visit', place: 'Azərbaycanın Berlindəki səfirliyi' });
    await activity(titles.other, 60, 120, { kind: 'cultural', trainer_id: null, trainer_name: 'Könüllü mərkəzi' });
  } finally {
    await admin2.dispose();
  }
  await optIn(base, resad.person.email, 'Protokol xidmətinin əməkdaşı, Bakı');
  const murad = 'Murad Kərimov';
  // Murad's e-mail comes from the participants list: he applied through acceptedParticipants.
  const secondAdmin = await adminApi(base, call);
  try {
    const people = (await send(secondAdmin, 'get', `/api/v1/intakes/${second.intakeId}/participants`, 200)).items as { name: string; email: string }[];
    await optIn(base, people.find((p) => p.name === murad)?.email ?? '', 'Konsulluq şöbəsində attaşe');
  } finally {
    await secondAdmin.dispose();
  }

  // ---- the trainer, on a phone ----
  const phone = await otherBrowser(browser, base, PHONE);
  try {
    await signIn(phone.page, trainer.person.email);
    const nav = phone.page.getByRole('navigation', { name: text('az', 'nav.label') });
    await nav.getByRole('link', { name: text('az', 'my_activities.nav') }).click();
    await expect(phone.page).toHaveURL(/\/my-activities$/);
    await expect(phone.page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'my_activities.title'));
    const upcoming = phone.page.getByTestId('my-activities-upcoming').getByTestId('my-activity-card');
    const past = phone.page.getByTestId('my-activities-past').getByTestId('my-activity-card');
    await expect(upcoming).toHaveCount(2);
    await expect(upcoming.first()).toContainText(titles.live);
    await expect(upcoming.nth(1)).toContainText(titles.tomorrow);
    await expect(past).toHaveCount(1);
    await expect(past).toContainText(titles.past);
    // Not theirs: not listed.
    await expect(phone.page.getByText(titles.other)).toHaveCount(0);
    const live = upcoming.first();
    await expect(live.getByTestId('my-activity-time')).toHaveText(`${bakuTime(-10)}–${bakuTime(60)}`);
    await expect(live.getByTestId('my-activity-now')).toHaveText(text('az', 'my_activities.now'));
    await expect(live).toContainText('Diplomatiya Könüllüləri · 2028');
    await expect(upcoming.nth(1).getByRole('link', { name: new RegExp(text('az', 'activities.online_link')) })).toHaveAttribute('href', 'https://meet.example.az/danisiqlar');
    // The past one has no check-in screen any more, but its attendance can still be taken.
    await expect(past.getByTestId('my-activity-check-in')).toHaveCount(0);
    await expect(phone.page.getByText(text('az', 'activities.times_in_zone', { zone: 'Asia/Baku, UTC+04:00' }))).toBeVisible();
    await axe(phone.page, '/my-activities');
    await shot(phone.page, 'my-activities-375');

    // The check-in screen of the activity under way, and back.
    await live.getByTestId('my-activity-check-in').click();
    await expect(phone.page).toHaveURL(/\/check-in-screen\?activity=[0-9A-Z]+&from=my-activities$/);
    await expect(phone.page.getByTestId('check-in-activity')).toContainText(titles.live);
    await expect(phone.page.getByTestId('check-in-activity')).toContainText(`${bakuTime(-10)} (Asia/Baku`);
    await expect(phone.page.getByTestId('check-in-qr')).toHaveAttribute('data-url', /\/check-in\/[0-9A-Z]+\?code=[0-9A-Z]+$/);
    await expect(phone.page.getByTestId('check-in-count')).toHaveText(text('az', 'check_in_screen.present', { present: '0', total: '2' }));
    await axe(phone.page, '/check-in-screen (trainer)');
    await shot(phone.page, 'check-in-screen-trainer-375');
    await phone.page.getByRole('link', { name: text('az', 'my_activities.back') }).click();
    await expect(phone.page).toHaveURL(/\/my-activities$/);

    // Attendance by hand: Aysel present, Elvin excused (a reason is needed).
    await live.getByRole('button', { name: `${text('az', 'my_activities.attendance')} — ${titles.live}` }).click();
    const roster = live.getByTestId('attendance-roster');
    const row = (name: string) => roster.locator(`[data-testid="attendance-row"][data-name="${name}"]`);
    await expect(roster.getByTestId('attendance-row')).toHaveCount(2);
    await row('Aysel Məmmədova').getByLabel(text('az', 'attendance.status.present'), { exact: true }).check();
    await row('Elvin Həsənov').getByLabel(text('az', 'attendance.status.excused'), { exact: true }).check();
    await roster.getByRole('button', { name: text('az', 'attendance.save') }).click();
    const reason = row('Elvin Həsənov').getByRole('textbox', { name: text('az', 'attendance.reason'), exact: true });
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    await shot(phone.page, 'my-activities-roster-error-375');
    await reason.fill('Universitetdə imtahan');
    await roster.getByRole('button', { name: text('az', 'attendance.save') }).click();
    await expect(roster.getByText(text('az', 'attendance.saved'))).toBeVisible();
    await expect(row('Aysel Məmmədova')).toHaveAttribute('data-status', 'present');
    await expect(row('Elvin Həsənov')).toHaveAttribute('data-status', 'excused');
    await expect(roster.getByTestId('attendance-count')).toHaveText(text('az', 'attendance.count', { present: '1', total: '2' }));
    await axe(phone.page, '/my-activities (attendance)');
    await shot(phone.page, 'my-activities-roster-375');
    await phone.page.setViewportSize(DESKTOP);
    await shot(phone.page, 'my-activities-1280');
    // A trainer is neither an alumnus nor the programme's staff: no directory.
    await phone.page.goto('/alumni');
    await expect(phone.page.getByTestId('alumni-directory-closed')).toHaveText(text('az', 'alumni.directory.closed'));
    expect(phone.problems, 'console errors on the trainer’s phone').toEqual([]);
  } finally {
    await phone.close();
  }

  // ---- staff: the programme's alumni per year ----
  await signIn(page, call.admin);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto(`/programme?id=${programmeId}`);
  const alumni = page.getByTestId('programme-alumni');
  await alumni.getByRole('button', { name: text('az', 'alumni.staff.show') }).click();
  await expect(alumni.getByTestId('alumni-total')).toHaveText(text('az', 'alumni.staff.total', { count: '3' }));
  const years = alumni.getByTestId('alumni-year');
  await expect(years).toHaveCount(2);
  await expect(years.nth(0)).toHaveAttribute('data-year', '2027');
  await expect(years.nth(0)).toHaveAttribute('data-completed', '2');
  await expect(years.nth(1)).toHaveAttribute('data-year', '2028');
  await expect(years.nth(1)).toHaveAttribute('data-completed', '1');
  await alumni.getByText(text('az', 'alumni.staff.list', { count: '3' })).click();
  await expect(alumni.getByTestId('alumnus')).toHaveCount(3);
  await expect(alumni.locator('[data-testid="alumnus"][data-name="Leyla Quliyeva"]')).toContainText(leyla.person.email);
  await expect(alumni.locator('[data-testid="alumnus"][data-name="Leyla Quliyeva"]')).toHaveAttribute('data-directory', 'false');
  await expect(alumni.locator('[data-testid="alumnus"][data-name="Rəşad Əliyev"]')).toHaveAttribute('data-directory', 'true');
  await axe(page, 'programme alumni');
  await shot(page, 'programme-alumni-1280');
  await page.setViewportSize(PHONE);
  await shot(page, 'programme-alumni-375');
  await page.setViewportSize(DESKTOP);

  // ---- an alumna opts in on her certificates page ----
  const alumna = await otherBrowser(browser, base, PHONE);
  try {
    await signIn(alumna.page, leyla.person.email);
    await expect(alumna.page).not.toHaveURL(/\/login/);
    // Not a trainer: no "My activities".
    await expect(alumna.page.getByRole('banner').getByRole('link', { name: text('az', 'my_activities.nav') })).toHaveCount(0);
    await alumna.page.goto('/certificates');
    const profile = alumna.page.getByTestId('alumni-profile');
    const listed = profile.getByLabel(text('az', 'alumni.profile.directory'), { exact: true });
    const headline = profile.getByLabel(text('az', 'alumni.profile.headline'), { exact: true });
    await expect(profile.getByTestId('alumni-directory-link')).toBeVisible();
    await expect(listed).not.toBeChecked();
    await listed.check();
    await headline.fill(`Attaşe, Azərbaycanın Berlindəki səfirliyi. ${'Diplomatik protokol və konsulluq işləri. '.repeat(5)}`);
    await profile.getByRole('button', { name: text('az', 'alumni.profile.save') }).click();
    // Over 200 characters: refused at its input.
    await expect(alumna.page.locator('[id="alumni-headline-error"]')).toHaveText(text('az', 'alumni.profile.headline_too_long', { max: '200' }));
    await expect(headline).toHaveAttribute('aria-invalid', 'true');
    await expect(headline).toHaveAttribute('aria-describedby', /alumni-headline-error/);
    await expect(headline).toBeFocused();
    await axe(alumna.page, '/certificates (headline too long)');
    await shot(alumna.page, 'alumni-profile-error-375');
    await headline.fill('Attaşe, Azərbaycanın Berlindəki səfirliyi');
    await profile.getByRole('button', { name: text('az', 'alumni.profile.save') }).click();
    await expect(profile.getByText(text('az', 'alumni.profile.saved_listed'))).toBeVisible();
    await expect(headline).not.toHaveAttribute('aria-invalid', 'true');
    await shot(alumna.page, 'alumni-profile-375');

    // She appears in the directory.
    await profile.getByTestId('alumni-directory-link').click();
    await expect(alumna.page).toHaveURL(new RegExp(`/alumni\\?programme=${programmeId}$`));
    await expect(alumna.page.getByTestId('alumni-programme')).toHaveText(text('az', 'alumni.directory.programme_of', { name: 'Diplomatiya Könüllüləri' }));
    const cards = alumna.page.getByTestId('alumni-card');
    await expect(cards).toHaveCount(3);
    const mine = alumna.page.locator('[data-testid="alumni-card"][data-name="Leyla Quliyeva"]');
    await expect(mine.getByTestId('alumni-card-headline')).toHaveText('Attaşe, Azərbaycanın Berlindəki səfirliyi');
    await expect(mine).toContainText(text('az', 'alumni.directory.since', { year: '2027' }));
    await expect(mine).toContainText(text('az', 'alumni.directory.you'));
    await expect(alumna.page.getByTestId('alumni-directory')).not.toContainText('@');
    await expect(alumna.page.getByText('Nərmin Hüseynova')).toHaveCount(0); // never completed
    await axe(alumna.page, '/alumni');
    await shot(alumna.page, 'alumni-directory-375');
    // Search and the year filter.
    await alumna.page.getByLabel(text('az', 'alumni.directory.search'), { exact: true }).fill('berlin');
    await expect(cards).toHaveCount(1);
    await expect(alumna.page.getByTestId('alumni-directory-count')).toHaveText(text('az', 'alumni.directory.shown', { shown: '1', total: '3' }));
    await alumna.page.getByLabel(text('az', 'alumni.directory.search'), { exact: true }).fill('');
    await alumna.page.getByLabel(text('az', 'alumni.directory.year'), { exact: true }).selectOption('2028');
    await expect(cards).toHaveCount(1);
    await expect(cards).toHaveAttribute('data-name', murad);
    await shot(alumna.page, 'alumni-directory-filtered-375');
    await alumna.page.getByLabel(text('az', 'alumni.directory.year'), { exact: true }).selectOption('');
    await expect(cards).toHaveCount(3);

    // ---- staff see the directory too, from the programme's page ----
    await alumni.getByTestId('alumni-directory-link').click();
    await expect(page).toHaveURL(new RegExp(`/alumni\\?programme=${programmeId}$`));
    await expect(page.getByTestId('alumni-card')).toHaveCount(3);
    await axe(page, '/alumni (staff)');
    await shot(page, 'alumni-directory-1280');

    // ---- she opts out and disappears ----
    await alumna.page.goto('/certificates');
    await expect(listed).toBeChecked();
    await expect(headline).toHaveValue('Attaşe, Azərbaycanın Berlindəki səfirliyi');
    await listed.uncheck();
    await profile.getByRole('button', { name: text('az', 'alumni.profile.save') }).click();
    await expect(profile.getByText(text('az', 'alumni.profile.saved_hidden'))).toBeVisible();
    await alumna.page.goto(`/alumni?programme=${programmeId}`);
    await expect(cards).toHaveCount(2);
    await expect(alumna.page.locator('[data-testid="alumni-card"][data-name="Leyla Quliyeva"]')).toHaveCount(0);
    await shot(alumna.page, 'alumni-directory-after-opt-out-375');
    await page.reload();
    await expect(page.getByTestId('alumni-card')).toHaveCount(2);
    expect(alumna.problems, 'console errors on the alumna’s phone').toEqual([]);
  } finally {
    await alumna.close();
  }

  // ---- staff invite the alumni to an activity of the 2028 intake ----
  await page.goto(`/intake/programme?id=${second.intakeId}#activities`);
  const activity = page.locator('[data-testid="activity"]', { hasText: titles.live });
  await activity.getByRole('button', { name: `${text('az', 'alumni.invite.button')} — ${titles.live}` }).click();
  const dialog = page.getByRole('dialog', { name: text('az', 'alumni.invite.title') });
  await expect(dialog).toContainText(text('az', 'alumni.invite.confirm', { title: titles.live }));
  await expect(dialog.getByRole('button', { name: text('az', 'common.cancel') })).toBeFocused();
  await axe(page, 'invite alumni dialog');
  await shot(page, 'invite-alumni-dialog-1280');
  await dialog.getByRole('button', { name: text('az', 'alumni.invite.yes') }).click();
  await expect(dialog).toBeHidden();
  // Leyla and Rəşad (2027); Murad completed the 2028 intake itself.
  await expect(activity.getByTestId('invite-alumni-result')).toHaveText(text('az', 'alumni.invite.done', { count: '2' }));
  await axe(page, 'activities tab after inviting');
  await shot(page, 'invite-alumni-1280');
  await page.setViewportSize(PHONE);
  await shot(page, 'invite-alumni-375');
  await page.setViewportSize(DESKTOP);
  const mail = await waitForMail(leyla.person.email, text('az', 'emails.alumni_invitation.subject', { title: titles.live }));
  expect(mail.body).toContain(titles.live);
});

/** Signs in on the login page and waits to leave it. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  const main = page.getByRole('main');
  await main.getByLabel(text('az', 'auth.email'), { exact: true }).fill(email);
  await main.getByLabel(text('az', 'auth.password'), { exact: true }).fill(PASSWORD);
  await main.getByRole('button', { name: text('az', 'auth.login_button') }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
