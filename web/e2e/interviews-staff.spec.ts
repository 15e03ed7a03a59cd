// The coordinator's interviews. Through the HTTP API: a call with three
// applications, admitted into the review stage and short-listed (all three)
// into the interview stage, an interviewer added to that stage, and one
// candidate who says they can only come on a day without interviews. In the
// browser, on the stage's settings, the coordinator sets how many hours
// before an interview booking closes (out of range is refused at its input;
// saving other settings keeps it). On the stage's "Interviews" tab, the
// coordinator sees who is still without an interview and when they can come
// (on the call's clock), adds a panel (one
// without members is refused at the members), makes slots on two days (a
// length too short is refused at its input), deletes one, and sends the
// invitations after a confirmation: the e-mail arrives. One candidate books a
// slot through the API; the automatic scheduling places the second and
// leaves out the third, saying why; the list of those without an interview
// follows each step. The coordinator marks attendance,
// downloads a booking's calendar file, and cannot delete the booked panel.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { adminApi, applyThroughApi, bakuLocal, openCall, signInThroughApi, staffMember } from './calls-setup';
import { waitForMail } from './mail';
import { PASSWORD, person, signIn } from './people';

const FIELDS = [
  { key: 'motivation', type: 'long_text', label: { az: 'Niyə bu proqram?', en: 'Why this programme?' }, required: true },
  { key: 'consent', type: 'consent', label: { az: 'Məlumatlarımın işlənməsinə razıyam', en: 'I agree' }, required: true },
];

// Refused on purpose: a panel without members and a slot length out of range (422), deleting a booked panel (409).
test.use({ allowedConsoleErrors: [/status of (409|422)/] });

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

interface Stage {
  id: string;
  kind: string;
}

async function send(api: APIRequestContext, method: 'get' | 'post' | 'put', path: string, status: number, data?: unknown) {
  const response = await api[method](path, data === undefined ? {} : { data });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

/** "10 yanvar 2027" for a day "2027-01-10", as the catalogue writes it. */
function dayText(day: string): string {
  const [year, month, date] = day.split('-');
  return text('az', 'format.date', { day: String(Number(date)), month: text('az', `format.months.${Number(month)}`), year: year ?? '' });
}

test('a coordinator makes panels and slots, invites, schedules and marks attendance', async ({ page, baseURL }) => {
  test.slow();
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const call = await openCall(page.request, FIELDS);
  const apply = (label: string, name: string) =>
    applyThroughApi(base, call.id, { motivation: 'Diplomatiya sahəsində təcrübə qazanmaq istəyirəm.', consent: true }, person(label, { name }));
  const anar = await apply('anar', 'Anar Quliyev');
  const leyla = await apply('leyla', 'Leyla Həsənova');
  const orxan = await apply('orxan', 'Orxan Səfərov');
  const zaur = await staffMember(base, call, 'interviewer', person('zaur', { name: 'Zaur Rəhimov' }));

  // Interviews on two days ten and eleven days ahead (Baku time); Orxan can only come on the twentieth.
  const day1 = bakuLocal(10).slice(0, 10);
  const day2 = bakuLocal(11).slice(0, 10);
  const elsewhere = bakuLocal(20).slice(0, 10);

  const admin = await adminApi(base, call);
  try {
    // ---- through the API: review → interview, all three short-listed; an interviewer ----
    const stages = ((await send(admin, 'get', `/api/v1/intakes/${call.intakeId}/stages`, 200)).items ?? []) as Stage[];
    expect(stages.map((s) => s.kind)).toEqual(['screening', 'review', 'interview', 'decision']);
    const [, review, interview] = stages;
    if (!review || !interview) throw new Error('a review and an interview stage expected');
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/admit`, 200)).admitted).toBe(3);
    const ids = [anar, leyla, orxan].map((a) => a.applicationId);
    expect((await send(admin, 'post', `/api/v1/stages/${review.id}/shortlist`, 200, { application_ids: ids })).moved).toBe(3);
    await send(admin, 'post', `/api/v1/stages/${interview.id}/reviewers`, 201, { account_id: zaur.accountId });
    const orxanApi = await newRequest.newContext({ baseURL: base });
    try {
      const { headers } = await signInThroughApi(orxanApi, orxan.person.email);
      const windows = [{ from: `${elsewhere}T09:00`, to: `${elsewhere}T12:00` }];
      const saved = await orxanApi.put(`/api/v1/stages/${interview.id}/availability`, { headers, data: { windows } });
      expect(saved.status(), await saved.text()).toBe(200);
    } finally {
      await orxanApi.dispose();
    }

    // Equal scores ordered by submission time alone: the editor has no input for it, and must keep it.
    const before = (await send(admin, 'get', `/api/v1/stages/${interview.id}`, 200)) as { settings: Record<string, unknown>; version: number };
    await send(admin, 'put', `/api/v1/stages/${interview.id}`, 200, { settings: { ...before.settings, tie_breaks: ['submitted_at'] }, version: before.version });

    // ---- the coordinator opens the stage's interviews ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/stage?id=${interview.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('az', 'stages.kinds.interview'));

    // ---- the booking cut-off: 0–720 hours, kept when other settings are saved ----
    const cutoff = page.locator('[id="settings.booking_cutoff_hours"]');
    await expect(cutoff).toHaveValue('24');
    await expect(page.getByLabel(text('az', 'stage_settings.booking_cutoff'), { exact: true })).toHaveCount(1);
    const saveStage = page.getByRole('button', { name: text('az', 'stage_settings.save'), exact: true });
    await cutoff.fill('1000');
    await saveStage.click();
    await expect(page.locator('[id="settings.booking_cutoff_hours-error"]')).toHaveText(text('az', 'field_errors.out_of_range'));
    await expect(cutoff).toHaveAttribute('aria-invalid', 'true');
    await expect(cutoff).toBeFocused();
    await expect(cutoff).toHaveValue('1000');
    await cutoff.fill('48');
    await saveStage.click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();
    await expect(page.locator('[id="settings.booking_cutoff_hours-error"]')).toHaveCount(0);
    const settingsNow = async () => (await send(admin, 'get', `/api/v1/stages/${interview.id}`, 200)).settings as { booking_cutoff_hours: number; tie_breaks: string[] };
    const cutoffOf = async () => (await settingsNow()).booking_cutoff_hours;
    expect(await cutoffOf()).toBe(48);
    // After a reload the editor shows it, and saving something else keeps it.
    await page.reload();
    await expect(cutoff).toHaveValue('48');
    await page.locator('[id="settings.disagreement_threshold"]').fill('30');
    await saveStage.click();
    await expect(page.getByText(text('az', 'stage_settings.saved'))).toBeVisible();
    expect(await settingsNow()).toMatchObject({ booking_cutoff_hours: 48, tie_breaks: ['submitted_at'] });
    await expect(cutoff).toHaveValue('48');
    await cutoff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/interview-settings-cutoff-1280.png' });
    const tab = page.getByRole('tab', { name: text('az', 'interviews_staff.tab') });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('tabpanel', { name: text('az', 'interviews_staff.tab') });
    await expect(panel.getByText(text('az', 'interviews_staff.panels_none'))).toBeVisible();
    await expect(panel.getByText(text('az', 'interviews_staff.need_panel'))).toBeVisible();
    await expect(panel.getByTestId('fact-candidates')).toHaveText('3');
    await expect(panel.getByTestId('fact-unbooked')).toHaveText('3');

    // ---- who is still without an interview, and when they can come (Baku time) ----
    const unbooked = panel.getByTestId('unbooked-row');
    const unbookedRow = (reference: string) => panel.locator(`[data-testid="unbooked-row"][data-reference="${reference}"]`);
    // By reference, as the server lists them.
    const references = [anar, leyla, orxan].map((a) => a.reference).sort();
    await expect(unbooked).toHaveCount(3);
    for (const [i, reference] of references.entries()) await expect(unbooked.nth(i)).toHaveAttribute('data-reference', reference);
    await expect(unbookedRow(orxan.reference).getByTestId('unbooked-name')).toHaveText(orxan.person.name);
    await expect(unbookedRow(orxan.reference).getByTestId('unbooked-times').getByRole('listitem')).toHaveText([
      text('az', 'interviews.window_range', { day: dayText(elsewhere), from: '09:00', to: '12:00' }),
    ]);
    await expect(unbookedRow(anar.reference).getByTestId('unbooked-any')).toHaveText(text('az', 'interviews_staff.can_come_any'));
    await expect(unbookedRow(anar.reference).getByRole('link', { name: anar.reference })).toHaveAttribute(
      'href',
      `/application?id=${anar.applicationId}`,
    );
    await expect(panel).toContainText(text('az', 'interviews_staff.unbooked_intro', { zone: 'Asia/Baku' }));
    await axe(page, '/stage interviews (candidates without a booking)');
    await page.getByRole('region', { name: text('az', 'interviews_staff.candidates_heading') }).screenshot({ path: 'test-results/screenshots/interviews-unbooked-1280.png' });

    // ---- a panel: members are required ----
    const addPanel = panel.getByRole('button', { name: text('az', 'interviews_staff.add_panel') });
    await panel.getByLabel(text('az', 'interviews_staff.panel_name'), { exact: true }).fill('A paneli');
    await panel.getByLabel(text('az', 'interviews_staff.location'), { exact: true }).fill('Otaq 101, 2-ci mərtəbə');
    await addPanel.click();
    await expect(page.locator('#panel-members-error')).toHaveText(text('az', 'field_errors.required'));
    const member = panel.getByRole('checkbox', { name: new RegExp(zaur.person.name) });
    await expect(member).toBeFocused();
    await member.check();
    await addPanel.click();
    await expect(panel.getByText(text('az', 'interviews_staff.panel_added', { name: 'A paneli' }))).toBeVisible();
    const panelRow = panel.getByTestId('panel-row');
    await expect(panelRow).toHaveCount(1);
    await expect(panelRow).toContainText('A paneli');
    await expect(panelRow).toContainText('Otaq 101, 2-ci mərtəbə');
    await expect(panelRow).toContainText(zaur.person.name);
    await expect(page.locator('#panel-name')).toHaveValue('');

    // ---- slots: two days, 10:00–12:00, 30 minutes with 10-minute breaks; a 2-minute length is refused at its input ----
    await expect(page.locator('#slot-panel')).toHaveValue(/.+/);
    await page.locator('#slot-day-0').fill(day1);
    await panel.getByRole('button', { name: text('az', 'interviews_staff.add_day') }).click();
    await expect(page.locator('#slot-day-1')).toBeFocused();
    await expect(page.locator('#slot-day-1')).toHaveValue(day2);
    await page.locator('#slot-from').fill('10:00');
    await page.locator('#slot-to').fill('12:00');
    await page.locator('#slot-length').fill('2');
    await page.locator('#slot-break').fill('10');
    await page.locator('#slot-places').fill('1');
    const make = panel.getByRole('button', { name: text('az', 'interviews_staff.make') });
    await make.click();
    await expect(page.locator('#slot-length-error')).toHaveText(text('az', 'field_errors.out_of_range'));
    await expect(page.locator('#slot-length')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#slot-length')).toBeFocused();
    await expect(page.locator('#slot-day-1')).toHaveValue(day2);
    await expect(panel.getByTestId('slot-row')).toHaveCount(0);
    await page.locator('#slot-length').fill('30');
    await make.click();
    await expect(panel.getByTestId('slots-created')).toHaveText(text('az', 'interviews_staff.created', { n: '6' }));
    await expect(page.locator('#slot-length-error')).toHaveCount(0);
    const days = panel.getByTestId('slots-day');
    await expect(days).toHaveCount(2);
    await expect(days.nth(0)).toHaveAttribute('data-day', day1);
    await expect(panel.getByTestId('slots-day-heading').nth(0)).toContainText(dayText(day1));
    await expect(panel.getByRole('table', { name: new RegExp(dayText(day1)) })).toHaveCount(1);
    await expect(days.nth(0).getByTestId('slot-row').locator('th')).toHaveText(['10:00–10:30', '10:40–11:10', '11:20–11:50']);
    await expect(days.nth(1).getByTestId('slot-row')).toHaveCount(3);
    await expect(days.nth(0).getByTestId('slot-booked').first()).toContainText(text('az', 'interviews_staff.booked_of', { booked: '0', places: '1' }));

    // The last slot of the second day goes.
    const slotName = text('az', 'interviews_staff.slot_name', { day: dayText(day2), time: '11:20–11:50', panel: 'A paneli' });
    await panel.getByRole('button', { name: `${text('az', 'interviews_staff.delete')} ${slotName}` }).click();
    await expect(
      panel.getByText(text('az', 'interviews_staff.slot_deleted', { day: dayText(day2), time: '11:20–11:50', panel: 'A paneli' })),
    ).toBeVisible();
    await expect(panel.getByTestId('slot-row')).toHaveCount(5);
    await expect(panel.getByTestId('slots-total')).toHaveText(text('az', 'interviews_staff.slots_total', { slots: '5', places: '5', booked: '0' }));
    await axe(page, '/stage interviews (slots)');

    // ---- invitations, after a confirmation; the e-mail arrives ----
    await panel.getByRole('button', { name: text('az', 'interviews_staff.invite') }).click();
    const dialog = page.getByRole('dialog', { name: text('az', 'interviews_staff.invite_title') });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(text('az', 'interviews_staff.invite_confirm', { n: '3' }));
    await expect(dialog.getByRole('button', { name: text('az', 'common.cancel') })).toBeFocused();
    await axe(page, '/stage interviews invitation dialog');
    await dialog.getByRole('button', { name: text('az', 'interviews_staff.invite_yes') }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByTestId('invite-result')).toHaveText(text('az', 'interviews_staff.invited', { n: '3' }));
    const invitation = await waitForMail(anar.person.email, text('az', 'emails.interview_invitation.subject', { call: call.title }));
    expect(invitation.body).toContain(anar.reference);
    expect(invitation.body).toContain(`${base}/interviews`);

    // ---- Anar books the first slot himself ----
    const anarApi = await newRequest.newContext({ baseURL: base });
    try {
      const { headers } = await signInThroughApi(anarApi, anar.person.email);
      const mine = (await (await anarApi.get('/api/v1/me/interviews')).json()) as { items: { open_slots: { id: string }[] }[] };
      expect(mine.items[0]?.open_slots.length).toBe(5);
      const booked = await anarApi.post(`/api/v1/interview-slots/${mine.items[0]?.open_slots[0]?.id}/book`, { headers, data: {} });
      expect(booked.status(), await booked.text()).toBe(201);
    } finally {
      await anarApi.dispose();
    }
    await panel.getByRole('button', { name: text('az', 'interviews_staff.refresh') }).click();
    const bookingRow = (reference: string) => panel.locator(`[data-testid="booking-row"][data-reference="${reference}"]`);
    await expect(bookingRow(anar.reference)).toContainText(anar.person.name);
    await expect(bookingRow(anar.reference).getByTestId('booking-origin')).toHaveText(text('az', 'interviews_staff.origins.self'));
    await expect(panel.getByTestId('fact-booked')).toHaveText('1');
    await expect(unbooked).toHaveCount(2);
    await expect(unbookedRow(anar.reference)).toHaveCount(0);
    await expect(days.nth(0).getByTestId('slot-booked').first()).toContainText(text('az', 'interviews_staff.booked_of', { booked: '1', places: '1' }));

    // ---- the rest scheduled automatically: Leyla placed, Orxan left out ----
    await panel.getByRole('button', { name: text('az', 'interviews_staff.schedule') }).click();
    const result = panel.getByTestId('schedule-result');
    await expect(result).toContainText(text('az', 'interviews_staff.scheduled', { n: '1' }));
    await expect(result).toContainText(text('az', 'interviews_staff.left_out', { n: '1' }));
    await expect(result).toBeFocused();
    const left = panel.getByTestId('left-out-row');
    await expect(left).toHaveCount(1);
    await expect(left.getByRole('rowheader')).toHaveText(orxan.reference);
    await expect(left.getByTestId('left-out-reason')).toHaveText(text('az', 'interviews_staff.reasons.no_slot_in_availability'));
    await expect(panel.getByTestId('booking-row')).toHaveCount(2);
    await expect(bookingRow(leyla.reference).getByTestId('booking-origin')).toHaveText(text('az', 'interviews_staff.origins.scheduled'));
    // The earliest free slot: the second of the first day.
    await expect(bookingRow(leyla.reference)).toContainText('10:40–11:10');
    await expect(bookingRow(leyla.reference)).toContainText('Otaq 101, 2-ci mərtəbə');
    await expect(panel.getByTestId('fact-unbooked')).toHaveText('1');
    // Still missing after scheduling: Orxan, with the one time he can come.
    await expect(unbooked).toHaveCount(1);
    await expect(unbookedRow(orxan.reference).getByTestId('unbooked-times')).toContainText(dayText(elsewhere));

    // ---- attendance ----
    await bookingRow(anar.reference).getByRole('button', { name: `${text('az', 'interviews_staff.mark.attended')} ${anar.reference}` }).click();
    await expect(bookingRow(anar.reference).getByTestId('booking-state')).toHaveText(text('az', 'interviews_staff.states.attended'));
    const correct = bookingRow(anar.reference).getByRole('button', { name: `${text('az', 'interviews_staff.mark.no_show')} ${anar.reference}` });
    await expect(correct).toBeFocused();
    await bookingRow(leyla.reference).getByRole('button', { name: `${text('az', 'interviews_staff.mark.no_show')} ${leyla.reference}` }).click();
    await expect(bookingRow(leyla.reference).getByTestId('booking-state')).toHaveText(text('az', 'interviews_staff.states.no_show'));
    await expect(
      panel.getByText(
        text('az', 'interviews_staff.attendance_saved', { reference: leyla.reference, state: text('az', 'interviews_staff.states.no_show') }),
      ),
    ).toBeVisible();
    const stored = (await send(admin, 'get', `/api/v1/stages/${interview.id}/interview-slots`, 200)).bookings as { reference: string; state: string }[];
    expect(Object.fromEntries(stored.map((b) => [b.reference, b.state]))).toEqual({ [anar.reference]: 'attended', [leyla.reference]: 'no_show' });

    // ---- the booking's calendar file ----
    const calendar = bookingRow(anar.reference).getByRole('link', { name: `${text('az', 'interviews_staff.calendar')} ${anar.reference}` });
    const href = (await calendar.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/v1\/interview-bookings\/[^/]+\/calendar\.ics$/);
    const ics = await page.request.get(href);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('LOCATION:Otaq 101');

    // ---- a booked panel cannot be deleted ----
    await panelRow.getByRole('button', { name: `${text('az', 'interviews_staff.delete')} A paneli` }).click();
    await panelRow.getByRole('button', { name: text('az', 'interviews_staff.delete_yes') }).click();
    await expect(panel.getByText(text('az', 'interviews_staff.panel_in_use', { name: 'A paneli' }))).toBeVisible();
    await expect(panelRow).toHaveCount(1);

    await axe(page, '/stage interviews (bookings)');
    await page.screenshot({ path: 'test-results/screenshots/interviews-staff-1280.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 1280 px').toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: 'test-results/screenshots/interviews-staff-375x812.png', fullPage: true });
    await page.getByRole('region', { name: text('az', 'interviews_staff.candidates_heading') }).screenshot({ path: 'test-results/screenshots/interviews-unbooked-375.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await axe(page, '/stage interviews at 375 px');
  } finally {
    await admin.dispose();
  }
});
