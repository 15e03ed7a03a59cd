// A candidate's interviews. Through the HTTP API: a call, two applications,
// an interviewer who reviews both, a short list of both into the interview
// stage, a panel that meets online and six half-hour slots on two days, and
// the invitations (whose link is /interviews). In the browser, on a phone
// (375×740), the first candidate finds the page from the header, sees the
// slots by day on the call's clock (Asia/Baku, named), states when she can
// come (a window ending before it starts is refused at its "to" input and
// nothing typed is lost), books a slot (the confirmation e-mail carries a
// text/calendar file), moves it to another slot after a confirmation, and
// downloads the .ics. The second candidate, whose page still shows that
// slot, tries it and is told someone took the last place; the list is read
// again. Once the coordinator records attendance, the card says so and
// nothing moves. A second test, in Russian: the empty page, then (answers
// given by the test, as the server's clock cannot move) a booking past its
// cut-off with no move buttons and the reason, a no-show, and a slot that
// became too close to book (409 cutoff_passed) explained.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, text, useLocale, type Locale } from './fixtures';
import { adminApi, applyThroughApi, bakuLocal, openCall, staffMember, submitReviews } from './calls-setup';
import { decodeQuotedPrintable, waitForMail, type Mail } from './mail';
import { PASSWORD, person, registerConfirmed, signIn } from './people';

const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: 'Niyə bu proqram?', en: 'Why this programme?' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];
const MEETING = 'https://meet.example.az/komissiya-a';
const PHONE = { width: 375, height: 740 };

// Refused on purpose: a window ending before it starts (422), the last place taken, a time too close (409).
test.use({ allowedConsoleErrors: [/status of (409|422)/] });

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

async function noSideways(page: Page, width: number, file: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${file}`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll at ${width} px`).toBeLessThanOrEqual(width);
}

async function send(api: APIRequestContext, method: 'get' | 'post' | 'put' | 'delete', path: string, status: number, data?: unknown) {
  const response = await api[method](path, data === undefined ? {} : { data });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

/** "10 yanvar 2027" for "2027-01-10". */
function dayText(locale: Locale, day: string): string {
  const [year, month, date] = day.split('-');
  return text(locale, 'format.date', { day: String(Number(date)), month: text(locale, `format.months.${Number(month)}`), year: year ?? '' });
}
/** "10 yanvar 2027, saat 09:30" */
const dayTime = (locale: Locale, day: string, time: string) => text(locale, 'format.date_time', { date: dayText(locale, day), time });
const BAKU = 'Asia/Baku, UTC+04:00';
/** "YYYY-MM-DD" one day earlier. */
const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The decoded text/calendar part of a delivered message. */
function calendarAttachment(mail: Mail): string {
  const raw = readFileSync(`${process.env.COHORT_E2E_MAILDIR}/new/${mail.id}`, 'utf8');
  for (const part of raw.split(/\r?\n--[^\r\n]+/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    if (!/^content-type:\s*text\/calendar/im.test(head)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(head)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    return body;
  }
  throw new Error(`no text/calendar part in the message “${mail.subject}”`);
}

interface Stage {
  id: string;
  kind: string;
  version: number;
}
interface SlotRow {
  id: string;
  starts_at: string;
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('a candidate books, moves and downloads an interview, says when she can come; a taken slot is explained', async ({ page, browser, baseURL }) => {
    test.slow();
    test.setTimeout(360_000);
    const base = baseURL ?? '';
    const call = await openCall(page.request, FIELDS);
    const apply = (label: string, name: string) =>
      applyThroughApi(base, call.id, { motivation: 'Diplomatiya sahəsində təcrübə qazanmaq istəyirəm.', consent: true }, person(label, { name }));
    const leyla = await apply('leyla', 'Leyla Quliyeva');
    const resad = await apply('resad', 'Rəşad Əliyev');
    const kamran = await staffMember(base, call, 'interviewer', person('kamran', { name: 'Kamran Rzayev' }));

    const admin = await adminApi(base, call);
    // Two days of interviews, 09:00–10:30 Baku time: three slots a day, one place each.
    const day1 = bakuLocal(5).slice(0, 10);
    const day2 = bakuLocal(6).slice(0, 10);
    let stageId = '';
    let slots: SlotRow[] = [];
    try {
      // ---- through the API: reviewed, short-listed into the interview stage, a panel and its slots ----
      const stages = ((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}/stages`, 200)).items ?? []) as Stage[];
      expect(stages.map((s) => s.kind)).toEqual(['screening', 'review', 'interview', 'decision']);
      const [, review, interview] = stages;
      if (!review || !interview) throw new Error('a review and an interview stage expected');
      stageId = interview.id;
      await send(admin, 'put', `/api/v1/stages/${review.id}`, 200, {
        settings: {
          rubric: [{ key: 'overall', label: { az: 'Ümumi qiymət', en: 'Overall' }, weight: 1, min: 0, max: 10 }],
          reviewers_per_application: 1,
        },
        version: review.version,
      });
      await send(admin, 'post', `/api/v1/stages/${review.id}/reviewers`, 201, { account_id: kamran.accountId });
      expect((await send(admin, 'post', `/api/v1/stages/${review.id}/admit`, 200)).admitted).toBe(2);
      await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/review-assignments`, 200, { stage_id: review.id, mode: 'automatic' });
      const reviewed = await submitReviews(base, kamran.person.email, (id) => ({ overall: id === leyla.applicationId ? 9 : 8 }));
      expect(reviewed.sort()).toEqual([leyla.applicationId, resad.applicationId].sort());
      expect((await send(admin, 'post', `/api/v1/stages/${review.id}/shortlist`, 200, { top: 2 })).moved).toBe(2);
      const panel = await send(admin, 'post', `/api/v1/stages/${interview.id}/panels`, 201, {
        name: 'Komissiya A',
        location: MEETING,
        members: [kamran.accountId],
      });
      const made = await send(admin, 'post', `/api/v1/intakes/${call.intakeId}/interview-slots`, 201, {
        stage_id: interview.id,
        panel_id: panel.id,
        days: [day1, day2],
        from: '09:00',
        to: '10:30',
        length_minutes: 30,
        break_minutes: 0,
        places: 1,
      });
      expect(made.created).toBe(6);
      slots = (made.items as SlotRow[]).sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
      expect((await send(admin, 'post', `/api/v1/stages/${interview.id}/invitations`, 200)).invited).toBe(2);
    } finally {
      await admin.dispose();
    }
    const [first, second] = slots;
    if (!first || !second) throw new Error('six slots expected');

    // The invitation links to /interviews: the page lives there.
    const invitation = await waitForMail(leyla.person.email, text('az', 'emails.interview_invitation.subject', { call: call.title }));
    const link = /https?:\/\/\S+\/interviews\b\S*/.exec(invitation.body)?.[0];
    expect(link, invitation.body).toBeTruthy();
    expect(new URL(link ?? '').pathname).toBe('/interviews');

    // ---- the second candidate opens the page first (in a browser of her own) ----
    const other = await browser.newContext({ viewport: PHONE, baseURL: base, locale: 'en-GB', timezoneId: 'Asia/Baku' });
    const page2 = await other.newPage();
    try {
      await signIn(page2, resad.person.email, PASSWORD);
      await expect(page2).toHaveURL(/\/account$/);
      await page2.goto('/interviews');
      const card2 = page2.getByTestId('interview');
      await expect(card2.getByTestId('slot')).toHaveCount(6);

      // ---- the first candidate: the page from the header, the slots by day ----
      await signIn(page, leyla.person.email, PASSWORD);
      await expect(page).toHaveURL(/\/account$/);
      await page.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.interviews') }).click();
      await expect(page).toHaveURL('/interviews');
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(text('az', 'interviews.title'));
      await expect(heading).toBeFocused();
      const card = page.getByTestId('interview');
      await expect(card).toHaveCount(1);
      await expect(card.getByRole('heading', { level: 2 })).toHaveText(call.title);
      await expect(card).toContainText(leyla.reference);
      await expect(card.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.not_booked'));
      const open = card.getByTestId('open-slots');
      await expect(open.getByRole('heading', { level: 3 })).toHaveText(text('az', 'interviews.choose_heading'));
      await expect(open).toContainText(text('az', 'interviews.times_in_zone', { zone: BAKU }));
      await expect(open.getByRole('heading', { level: 4 })).toHaveText([dayText('az', day1), dayText('az', day2)]);
      const slotRows = card.getByTestId('slot');
      await expect(slotRows).toHaveCount(6);
      await expect(slotRows.first()).toContainText(text('az', 'interviews.slot_time', { start: '09:00', end: '09:30' }));
      await expect(slotRows.first()).toContainText('Komissiya A');
      await expect(slotRows.first().getByTestId('places-left')).toHaveText(text('az', 'interviews.places_left', { n: '1' }));
      await expect(slotRows.nth(3)).toContainText(text('az', 'interviews.slot_time', { start: '09:00', end: '09:30' }));
      // Where is told with one's own booking only.
      await expect(card).not.toContainText(MEETING);

      // ---- availability: a window ending before it starts is refused at its "to" input ----
      const availability = card.getByTestId('availability');
      await expect(availability).toContainText(text('az', 'interviews.availability_intro'));
      await expect(availability.getByTestId('saved-windows-none')).toHaveText(text('az', 'interviews.availability_none_saved'));
      const input = (i: number, part: string) => page.locator(`[id="availability-${stageId}-windows[${i}].${part}"]`);
      await expect(availability.getByRole('group', { name: text('az', 'interviews.window_legend', { n: '1' }) })).toBeVisible();
      await input(0, 'date').fill(day1);
      await input(0, 'from').fill('09:00');
      await input(0, 'to').fill('12:00');
      await availability.getByRole('button', { name: text('az', 'interviews.add_window') }).click();
      await expect(input(1, 'date')).toBeFocused();
      await input(1, 'date').fill(day2);
      await input(1, 'from').fill('14:00');
      await input(1, 'to').fill('11:00');
      const saveTimes = availability.getByRole('button', { name: text('az', 'interviews.save_availability') });
      await saveTimes.click();
      await expect(page.locator(`[id="availability-${stageId}-windows[1].to-error"]`)).toHaveText(text('az', 'field_errors.ends_before_start'));
      await expect(input(1, 'to')).toHaveAttribute('aria-invalid', 'true');
      await expect(input(1, 'to')).toBeFocused();
      await expect(input(1, 'from')).not.toHaveAttribute('aria-invalid', 'true');
      await expect(input(0, 'to')).not.toHaveAttribute('aria-invalid', 'true');
      await expect(input(1, 'from')).toHaveValue('14:00');
      await expect(input(0, 'date')).toHaveValue(day1);
      await axe(page, '/interviews (availability refused)');
      await input(1, 'to').fill('17:00');
      await saveTimes.click();
      await expect(availability.getByText(text('az', 'interviews.availability_saved'))).toBeVisible();
      await expect(availability.getByTestId('saved-windows').getByRole('listitem')).toHaveText([
        text('az', 'interviews.window_range', { day: dayText('az', day1), from: '09:00', to: '12:00' }),
        text('az', 'interviews.window_range', { day: dayText('az', day2), from: '14:00', to: '17:00' }),
      ]);
      await expect(input(1, 'to')).not.toHaveAttribute('aria-invalid', 'true');
      const stated = (await (await page.request.get('/api/v1/me/interviews')).json()) as { items: { availability: { start: string }[] }[] };
      expect(stated.items[0]?.availability.map((w) => w.start)).toEqual([`${day1}T05:00:00.000Z`, `${day2}T10:00:00.000Z`]);
      await axe(page, '/interviews (not booked)');
      await noSideways(page, PHONE.width, 'interviews-not-booked-375x740.png');

      // ---- booking the first slot: confirmed by e-mail with a calendar file ----
      const slot = (id: string) => card.locator(`[data-slot-id="${id}"]`);
      await slot(first.id).getByRole('button', { name: new RegExp(`^${text('az', 'interviews.book')}`) }).click();
      const firstWhen = text('az', 'interviews.time_range', { start: dayTime('az', day1, '09:00'), end: '09:30', zone: BAKU });
      const note = card.getByTestId('interview-note');
      await expect(note).toHaveText(text('az', 'interviews.booked_note', { time: firstWhen }));
      await expect(note).toBeFocused();
      await expect(card.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.booked'));
      const booking = card.getByTestId('booking');
      await expect(booking.getByTestId('booking-when')).toHaveText(firstWhen);
      await expect(booking.getByTestId('booking-where').getByRole('link', { name: MEETING })).toHaveAttribute('href', MEETING);
      await expect(booking.getByTestId('booking-panel')).toHaveText('Komissiya A');
      await expect(booking.getByTestId('booking-status')).toHaveText(
        text('az', 'interviews.change_until', { time: text('az', 'calls.in_zone', { time: dayTime('az', dayBefore(day1), '09:00'), zone: BAKU }) }),
      );
      await expect(card.getByTestId('availability')).toHaveCount(0);
      const confirmation = await waitForMail(leyla.person.email, text('az', 'emails.interview_booked.subject', { when: `${day1} 09:00 (Asia/Baku)` }));
      const attached = calendarAttachment(confirmation);
      expect(attached).toMatch(/^BEGIN:VCALENDAR\r?\n/);
      expect(attached).toContain(`DTSTART:${day1.replaceAll('-', '')}T050000Z`);

      // ---- moved to the next slot after a confirmation ----
      const moveSection = card.getByTestId('open-slots');
      await expect(moveSection.getByRole('heading', { level: 3 })).toHaveText(text('az', 'interviews.move_heading'));
      await expect(slot(first.id)).toHaveCount(0);
      await expect(card.getByTestId('slot')).toHaveCount(5);
      await slot(second.id).getByRole('button', { name: new RegExp(`^${text('az', 'interviews.move_here')}`) }).click();
      const dialog = page.getByRole('dialog', { name: text('az', 'interviews.move_title') });
      await expect(dialog).toBeVisible();
      const secondWhen = text('az', 'interviews.time_range', { start: dayTime('az', day1, '09:30'), end: '10:00', zone: BAKU });
      await expect(dialog).toContainText(text('az', 'interviews.move_from', { time: firstWhen }));
      await expect(dialog).toContainText(text('az', 'interviews.move_to', { time: secondWhen }));
      await expect(dialog.getByRole('button', { name: text('az', 'interviews.move_no') })).toBeFocused();
      await axe(page, '/interviews move dialog');
      await page.screenshot({ path: 'test-results/screenshots/interviews-move-dialog-375x740.png' });
      await dialog.getByRole('button', { name: text('az', 'interviews.move_yes') }).click();
      await expect(dialog).toBeHidden();
      await expect(note).toHaveText(text('az', 'interviews.moved_note', { time: secondWhen }));
      await expect(booking.getByTestId('booking-when')).toHaveText(secondWhen);
      await expect(slot(first.id)).toHaveCount(1);
      await expect(slot(second.id)).toHaveCount(0);
      const moved = await waitForMail(leyla.person.email, {
        subject: text('az', 'emails.interview_booked.subject', { when: `${day1} 09:30 (Asia/Baku)` }),
        exclude: [confirmation],
      });
      expect(calendarAttachment(moved)).toContain(`DTSTART:${day1.replaceAll('-', '')}T053000Z`);

      // ---- the calendar file downloads ----
      const [download] = await Promise.all([page.waitForEvent('download'), booking.getByTestId('calendar-link').click()]);
      const ics = readFileSync((await download.path()) ?? '', 'utf8');
      expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
      expect(ics).toContain(`DTSTART:${day1.replaceAll('-', '')}T053000Z`);
      await axe(page, '/interviews (booked)');
      await noSideways(page, PHONE.width, 'interviews-booked-375x740.png');
      await page.setViewportSize({ width: 1280, height: 800 });
      await noSideways(page, 1280, 'interviews-booked-1280.png');
      await page.setViewportSize(PHONE);

      // ---- the second candidate tries the slot that has just filled ----
      await expect(card2.locator(`[data-slot-id="${second.id}"]`)).toHaveCount(1);
      await card2.locator(`[data-slot-id="${second.id}"]`).getByRole('button', { name: new RegExp(`^${text('az', 'interviews.book')}`) }).click();
      const note2 = card2.getByTestId('interview-note');
      await expect(note2).toHaveText(text('az', 'interviews.slot_full'));
      await expect(note2).toHaveAttribute('role', 'alert');
      await expect(note2).toBeFocused();
      await expect(card2.locator(`[data-slot-id="${second.id}"]`)).toHaveCount(0);
      await expect(card2.getByTestId('slot')).toHaveCount(5);
      await expect(card2.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.not_booked'));
      await axe(page2, '/interviews (slot full)');
    } finally {
      await other.close();
    }

    // ---- attendance recorded: said, and nothing moves any more ----
    const mine = (await (await page.request.get('/api/v1/me/interviews')).json()) as { items: { booking: { id: string } }[] };
    const admin2 = await adminApi(base, call);
    try {
      await send(admin2, 'post', `/api/v1/interview-bookings/${mine.items[0]?.booking.id}/attendance`, 200, { state: 'attended' });
    } finally {
      await admin2.dispose();
    }
    await page.reload();
    const card = page.getByTestId('interview');
    await expect(card.getByTestId('interview-state')).toHaveText(text('az', 'interviews.states.attended'));
    await expect(card.getByTestId('booking-status')).toHaveText(text('az', 'interviews.attended_note'));
    await expect(card.getByTestId('open-slots')).toHaveCount(0);
    await expect(card.getByRole('button')).toHaveCount(0);
    await axe(page, '/interviews (attended)');
  });
});

test('past the cut-off nothing moves and the reason is given, in Russian', async ({ page }) => {
  const who = person('late', { name: 'Тимур Алиев', locale: 'ru' });
  await registerConfirmed(page, who);
  await useLocale(page, 'ru');
  await signIn(page, who.email, who.password, 'ru');
  await expect(page).toHaveURL(/\/account$/);

  // Someone with no application in an interview stage: the empty page, from the real server.
  await page.getByRole('navigation', { name: text('ru', 'nav.label') }).getByRole('link', { name: text('ru', 'nav.interviews') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('ru', 'interviews.title'));
  await expect(page.getByTestId('interviews-none')).toHaveText(text('ru', 'interviews.none'));
  await expect(page.getByRole('link', { name: text('ru', 'interviews.see_applications') })).toHaveAttribute('href', '/applications');

  // The cut-off passing needs a clock the test cannot move: the answers are given here.
  const hour = 3_600_000;
  const at = (ms: number) => new Date(Math.floor((Date.now() + ms) / hour) * hour).toISOString();
  const start = at(20 * hour);
  const booking = {
    id: '01J00000000000000000000010',
    stage_id: '01J00000000000000000000020',
    slot_id: '01J00000000000000000000030',
    application_id: '01J00000000000000000000001',
    reference: 'DV-2027-00042',
    name: who.name,
    state: 'booked',
    origin: 'scheduled',
    starts_at: start,
    ends_at: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
    panel_name: 'Комиссия Б',
    location: 'Кабинет 101',
    calendar: '/api/v1/interview-bookings/01J00000000000000000000010/calendar.ics',
  };
  const slot = {
    id: '01J00000000000000000000031',
    stage_id: '01J00000000000000000000021',
    panel_id: '01J00000000000000000000040',
    panel_name: 'Комиссия В',
    location: '',
    starts_at: at(30 * hour),
    ends_at: new Date(Date.parse(at(30 * hour)) + 30 * 60_000).toISOString(),
    places: 2,
    booked: 0,
    places_left: 2,
  };
  const late = {
    stage_id: booking.stage_id,
    application_id: booking.application_id,
    reference: booking.reference,
    call_title: 'Волонтёры дипломатии 2027',
    stage_name: 'Собеседование',
    time_zone: 'Asia/Baku',
    booking,
    change_until: new Date(Date.parse(start) - 24 * hour).toISOString(),
    open_slots: [slot],
    availability: [],
  };
  const missed = {
    ...late,
    stage_id: '01J00000000000000000000022',
    application_id: '01J00000000000000000000002',
    reference: 'DV-2027-00043',
    call_title: 'Молодые дипломаты 2027',
    booking: { ...booking, id: '01J00000000000000000000011', state: 'no_show' },
    open_slots: [],
  };
  const open = {
    ...late,
    stage_id: slot.stage_id,
    application_id: '01J00000000000000000000003',
    reference: 'DV-2027-00044',
    call_title: 'Летняя школа 2027',
    booking: null,
    change_until: null,
  };
  let tooClose = false;
  await page.route('**/api/v1/me/interviews', (route) =>
    route.fulfill({ json: { items: [late, missed, tooClose ? { ...open, open_slots: [] } : open] } }),
  );
  await page.route(`**/api/v1/interview-slots/${slot.id}/book`, (route) => {
    tooClose = true;
    return route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:cohort:problem:conflict', title: 'Конфликт', status: 409, code: 'cutoff_passed' }),
    });
  });
  await page.reload();

  const cards = page.getByTestId('interview');
  await expect(cards).toHaveCount(3);
  const [lateCard, missedCard, openCard] = [cards.nth(0), cards.nth(1), cards.nth(2)];
  // Booked, but within the cut-off: no move, and why.
  await expect(lateCard.getByTestId('interview-state')).toHaveText(text('ru', 'interviews.states.booked'));
  const local = (iso: string) => {
    const d = new Date(Date.parse(iso) + 4 * hour);
    const day = d.toISOString().slice(0, 10);
    return { day, time: d.toISOString().slice(11, 16) };
  };
  const s = local(start);
  const e = local(booking.ends_at);
  await expect(lateCard.getByTestId('booking-when')).toHaveText(
    text('ru', 'interviews.time_range', { start: dayTime('ru', s.day, s.time), end: e.time, zone: BAKU }),
  );
  await expect(lateCard.getByTestId('booking-where')).toHaveText('Кабинет 101');
  await expect(lateCard.getByTestId('booking-where').getByRole('link')).toHaveCount(0);
  const until = local(late.change_until);
  await expect(lateCard.getByTestId('booking-status')).toHaveText(
    text('ru', 'interviews.cutoff_passed_note', { time: text('ru', 'calls.in_zone', { time: dayTime('ru', until.day, until.time), zone: BAKU }) }),
  );
  await expect(lateCard).toContainText(text('ru', 'interviews.origin_scheduled'));
  await expect(lateCard.getByTestId('open-slots')).toHaveCount(0);
  await expect(lateCard.getByRole('button')).toHaveCount(0);
  await expect(lateCard.getByTestId('calendar-link')).toHaveAttribute('href', booking.calendar);
  // A no-show.
  await expect(missedCard.getByTestId('interview-state')).toHaveText(text('ru', 'interviews.states.no_show'));
  await expect(missedCard.getByTestId('booking-status')).toHaveText(text('ru', 'interviews.no_show_note'));
  await expect(missedCard.getByRole('button')).toHaveCount(0);
  // A slot that became too close while the page was open.
  await expect(openCard.getByTestId('places-left')).toHaveText(text('ru', 'interviews.places_left', { n: '2' }));
  await openCard.getByRole('button', { name: new RegExp(`^${text('ru', 'interviews.book')}`) }).click();
  await expect(openCard.getByTestId('interview-note')).toHaveText(text('ru', 'interviews.cutoff_slot'));
  await expect(openCard.getByTestId('interview-note')).toBeFocused();
  await expect(openCard.getByTestId('no-slots')).toHaveText(text('ru', 'interviews.no_slots'));
  // A window with only its day is marked at the missing times before anything is sent.
  const input = (part: string) => page.locator(`[id="availability-${open.stage_id}-windows[0].${part}"]`);
  await input('date').fill('2027-01-10');
  await openCard.getByRole('button', { name: text('ru', 'interviews.save_availability') }).click();
  for (const part of ['from', 'to']) {
    await expect(page.locator(`[id="availability-${open.stage_id}-windows[0].${part}-error"]`)).toHaveText(text('ru', 'field_errors.required'));
    await expect(input(part)).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(input('from')).toBeFocused();
  await expect(input('date')).toHaveValue('2027-01-10');
  await axe(page, '/interviews (ru, past the cut-off)');
  await noSideways(page, 1280, 'interviews-ru-1280.png');
});
