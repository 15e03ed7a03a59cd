// The whole path of a programme, end to end: rotations planned, attendance
// taken on a phone, completion, a certificate whose QR code verifies, and its
// revocation. Through the HTTP API (participants-setup.ts): three applicants
// who accepted their offers, and two units of the organisation (as
// rotations.spec.ts makes them). In the browser:
// - the coordinator, on the intake's programme page, sets up two periods of two
//   months with the helper and two host units with two places in each period,
//   plans (every participant gets one unit per period, a different one each
//   time) and publishes the plan after a confirmation;
// - creates an activity that is happening now and opens its check-in screen
//   (a QR code of the check-in address, refreshed as it changes);
// - a participant on a phone opens the address the screen shows, signs in on
//   the way, and is checked in; on /my-programme she sees her published
//   rotations, period by period, and the activity in her timetable;
// - the coordinator marks another participant excused (the reason is required);
// - sets the completion rules (a passed final work required), records a passed
//   final work, is refused for a participant without one, and confirms the
//   participant with one, which issues her certificate;
// - the participant downloads the certificate's PDF; the test rasterises it
//   (pdftoppm) and decodes its QR code (jsQR), opens that address and sees
//   "valid" on the public /verify page; the coordinator revokes the
//   certificate and the same address says "revoked".
// Screenshots of every page land in /tmp/shots2.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { adminApi } from './calls-setup';
import { expect, test, text } from './fixtures';
import { acceptedParticipants } from './participants-setup';
import { PASSWORD, person, signIn } from './people';

// Refused on purpose: an excused absence without a reason, a participant who does not meet the rules, a revocation without a reason (422).
test.use({ allowedConsoleErrors: [/status of 422/] });

const PHONE = { width: 375, height: 740 };
const SHOTS = '/tmp/shots2';

/** The host units of the rotations, by the key of their type. */
const UNITS = { konsulluq: 'Konsulluq idarəsi', protokol: 'Protokol idarəsi' } as const;

/** An element by its id (the set-up editor's ids are the API's paths, with dots and brackets). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** No catalogue key shows instead of its text. */
async function noKeys(page: Page, where: string): Promise<void> {
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(programme_run|rotation_setup|rotations|activities|attendance|completion|certificates|check_in|check_in_screen|verify|my_programme|field_errors|copy)\.[a-z_.]+/g), `catalogue keys on ${where}`).toBeNull();
}

async function noSideScroll(page: Page, where: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where}`).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await noKeys(page, name);
}

/** A browser of another person's own (their own cookies), watched like the test's page. */
async function otherBrowser(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Baku', acceptDownloads: true });
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

/** "YYYY-MM-DD" and "HH:MM" on the clock of Asia/Baku (UTC+4 all year), `minutes` from now. */
function bakuParts(minutes: number): { day: string; time: string } {
  const iso = new Date(Date.now() + 4 * 3_600_000 + minutes * 60_000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The text of the first QR code on the first page of a PDF (rasterised by poppler's pdftoppm). */
function qrInPdf(pdf: string): string {
  const dir = mkdtempSync(`${tmpdir()}/cohort-cert-`);
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, `${dir}/page`]);
  const file = readdirSync(dir).find((f) => f.endsWith('.png'));
  if (!file) throw new Error('pdftoppm wrote no page');
  const png = PNG.sync.read(readFileSync(`${dir}/${file}`));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!found) throw new Error('no QR code on the certificate');
  return found.data;
}

test('rotations planned and published, an activity with QR check-in on a phone, attendance, completion, a certificate whose QR code verifies, and its revocation', async ({ page, browser, baseURL }) => {
  test.slow();
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });

  const names = ['Leyla Quliyeva', 'Rəşad Əliyev', 'Nərmin Hüseynova'];
  const { call, participants } = await acceptedParticipants(
    base,
    page.request,
    names.map((name, i) => person(`cert${i}`, { name })),
  );
  const [leyla] = participants;
  if (!leyla) throw new Error('three participants expected');
  // The organisation's units (not part of planning: the set-up picks among them).
  const admin = await adminApi(base, call);
  const unitNames: Record<string, string> = {};
  try {
    for (const name of Object.values(UNITS)) {
      const created = await admin.post(`/api/v1/organisations/${call.organisationId}/units`, { data: { name } });
      expect(created.status(), await created.text()).toBe(201);
      unitNames[((await created.json()) as { id: string }).id] = name;
    }
  } finally {
    await admin.dispose();
  }

  const phone = await otherBrowser(browser, base, PHONE);
  try {
    // ---- the coordinator opens the intake's programme ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/intake/programme?id=${call.intakeId}`);

    // ---- rotations: two periods, two host units, the plan, published ----
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.setup') }).click();
    await byId(page, 'split-start').fill('2027-03-01');
    await byId(page, 'split-count').fill('2');
    await byId(page, 'split-months').fill('2');
    await page.getByRole('button', { name: text('az', 'rotation_setup.split_button') }).click();
    await expect(page.getByTestId('period-row')).toHaveCount(2);
    await expect(byId(page, 'periods[0].ends_on')).toHaveValue('2027-04-30');
    await expect(byId(page, 'periods[1].starts_on')).toHaveValue('2027-05-01');
    await expect(byId(page, 'periods[1].ends_on')).toHaveValue('2027-06-30');
    for (const [i, [type, name]] of Object.entries(UNITS).entries()) {
      await page.getByRole('button', { name: text('az', 'rotation_setup.add_unit') }).click();
      await expect(byId(page, `units[${i}].unit_id`)).toBeFocused();
      await byId(page, `units[${i}].unit_id`).selectOption({ label: name });
      await byId(page, `units[${i}].type`).fill(type);
      for (let j = 0; j < 2; j++) await byId(page, `units[${i}].places[${j}]`).fill('2');
    }
    await expect(page.getByTestId('unit-row')).toHaveCount(2);
    await page.getByRole('button', { name: text('az', 'rotation_setup.save') }).click();
    await expect(page.getByText(text('az', 'rotation_setup.saved'))).toBeVisible();
    await expect(page.getByTestId('programme-facts')).toContainText(text('az', 'programme_run.periods_n', { count: '2' }));
    await shot(page, 'programme-setup-1280');

    await page.getByRole('tab', { name: text('az', 'programme_run.tab.rotations') }).click();
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.none'));
    await page.getByRole('button', { name: text('az', 'rotations.plan'), exact: true }).click();
    await expect(page.getByTestId('plan-result')).toHaveText(text('az', 'rotations.planned', { count: '3', short: '0' }));
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.draft'));
    await expect(page.getByTestId('plan-placed')).toHaveText(text('az', 'rotations.placed_of', { placed: '6', total: '6' }));
    await expect(page.getByTestId('shortfalls')).toHaveCount(0);
    await expect(page.getByTestId('violations')).toHaveCount(0);
    // Every participant: one unit in each period, never the same twice.
    const planRows = page.getByTestId('plan-row');
    await expect(planRows).toHaveCount(3);
    const planned = new Map<string, string[]>();
    for (const name of names) {
      const cells = planRows.filter({ hasText: name }).getByTestId('plan-cell');
      await expect(cells).toHaveCount(2);
      const units = await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-unit') ?? ''));
      expect(units.every((u) => u in unitNames), `${name} has a unit in every period`).toBe(true);
      expect(new Set(units).size, `${name} has two different units`).toBe(2);
      planned.set(name, units.map((u) => unitNames[u] ?? ''));
    }
    await page.getByRole('button', { name: text('az', 'rotations.publish'), exact: true }).click();
    const publish = page.getByRole('dialog', { name: text('az', 'rotations.publish_confirm_title') });
    await expect(publish).toContainText(text('az', 'rotations.publish_confirm', { count: '3' }));
    await publish.getByRole('button', { name: text('az', 'rotations.publish_yes') }).click();
    await expect(page.getByTestId('publish-result')).toHaveText(text('az', 'rotations.published_note'));
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.published'));
    await axe(page, 'rotations tab (published)');
    await shot(page, 'programme-rotations-published-1280');

    // ---- the coordinator creates an activity that is happening now ----
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.activities') }).click();
    await expect(page.getByText(text('az', 'activities.none'))).toBeVisible();
    await page.getByRole('button', { name: text('az', 'activities.new') }).click();
    const start = bakuParts(-10);
    const end = bakuParts(60);
    const form = page.getByTestId('activity-form');
    await form.getByLabel(text('az', 'activities.kind'), { exact: true }).selectOption('training');
    await form.getByLabel(text('az', 'activities.title_label'), { exact: true }).fill('Diplomatik protokol');
    await form.getByLabel(text('az', 'activities.topic'), { exact: true }).fill('Rəsmi qəbullarda etiket');
    await form.getByLabel(text('az', 'activities.trainer_name'), { exact: true }).fill('Anar Məmmədov');
    await form.getByLabel(text('az', 'activities.place'), { exact: true }).fill('Nazirlik, 3-cü zal');
    await form.getByLabel(text('az', 'activities.online_url'), { exact: true }).fill('zoom.example/x');
    await form.getByLabel(text('az', 'activities.start_day'), { exact: true }).fill(start.day);
    await form.getByLabel(text('az', 'activities.start_time'), { exact: true }).fill(start.time);
    await form.getByLabel(text('az', 'activities.end_day'), { exact: true }).fill(end.day);
    await form.getByLabel(text('az', 'activities.end_time'), { exact: true }).fill(end.time);
    await form.getByRole('button', { name: text('az', 'activities.create') }).click();
    // Not an http(s) address: refused at its input.
    await expect(page.locator('[id="activity-online-url-error"]')).toHaveText(text('az', 'field_errors.invalid_url'));
    await expect(form.getByLabel(text('az', 'activities.online_url'), { exact: true })).toBeFocused();
    await shot(page, 'activities-form-error-1280');
    await form.getByLabel(text('az', 'activities.online_url'), { exact: true }).fill('');
    await form.getByRole('button', { name: text('az', 'activities.create') }).click();
    await expect(page.getByTestId('activities-note')).toHaveText(text('az', 'activities.created', { count: '1' }));
    const activity = page.getByTestId('activity');
    await expect(activity).toHaveCount(1);
    await expect(activity).toContainText('Diplomatik protokol');
    await expect(activity).toContainText(`${start.time}–${end.time}`);
    await axe(page, 'activities tab');
    await shot(page, 'activities-1280');

    // ---- the check-in screen ----
    await activity.getByTestId('check-in-screen-link').click();
    await expect(page).toHaveURL(/\/check-in-screen\?activity=/);
    await expect(page.getByTestId('check-in-activity')).toContainText('Diplomatik protokol');
    const qr = page.getByTestId('check-in-qr');
    await expect(qr).toHaveAttribute('data-url', /\/check-in\/[0-9A-Z]+\?code=[0-9A-Z]+$/);
    await expect(page.getByTestId('check-in-count')).toHaveText(text('az', 'check_in_screen.present', { present: '0', total: '3' }));
    const first = await qr.getAttribute('data-url');
    // The screen shows the new code when it changes (every ten seconds).
    await expect(qr).not.toHaveAttribute('data-url', first ?? '', { timeout: 15_000 });
    const url = (await qr.getAttribute('data-url')) ?? '';
    expect(url).toContain(`?code=${await page.getByTestId('check-in-code').innerText()}`);
    await axe(page, '/check-in-screen');
    await page.setViewportSize(PHONE);
    await shot(page, 'check-in-screen-375');
    await noSideScroll(page, '/check-in-screen');
    await page.setViewportSize({ width: 1280, height: 800 });

    // ---- the participant's phone opens the address of the QR code, signs in on the way ----
    await phone.page.goto(url);
    await expect(phone.page).toHaveURL(/\/login\?next=/);
    await signIn(phone.page, leyla.person.email, PASSWORD, 'az', true);
    await expect(phone.page.getByTestId('check-in-done')).toContainText(text('az', 'check_in.done'));
    await expect(phone.page).toHaveURL(/\/check-in\//);
    await axe(phone.page, '/check-in (done)');
    await shot(phone.page, 'check-in-done-375');
    await noSideScroll(phone.page, '/check-in');
    await expect(page.getByTestId('check-in-count')).toHaveText(text('az', 'check_in_screen.present', { present: '1', total: '3' }), { timeout: 10_000 });
    // A made-up code is refused with the reason.
    await phone.page.goto(url.replace(/code=[0-9A-Z]+/, 'code=ZZZZ9999'));
    await expect(phone.page.getByTestId('check-in-error')).toHaveText(text('az', 'check_in.errors.invalid_code'));
    await shot(phone.page, 'check-in-invalid-375');

    // The participant's programme: her rotations, the timetable and the calendar address.
    await phone.page.goto('/my-programme');
    const card = phone.page.getByTestId('participation');
    await expect(card.getByTestId('participation-plan')).toHaveText(text('az', 'my_programme.plan_states.published'));
    await expect(card.getByTestId('my-rotation')).toHaveCount(2);
    await expect(card.getByTestId('my-rotation-unit')).toHaveText(planned.get('Leyla Quliyeva') ?? []);
    await expect(card.getByTestId('my-rotation').first()).toContainText(text('az', 'rotation_setup.period_name', { n: '1' }));
    await expect(phone.page.getByTestId('my-activity')).toHaveCount(1);
    await expect(phone.page.getByTestId('my-activity')).toContainText('Diplomatik protokol');
    await phone.page.getByRole('button', { name: text('az', 'my_programme.subscribe') }).click();
    await expect(phone.page.locator('[data-testid$="-value"]').first()).toHaveValue(/\/api\/v1\/calendar\/[0-9a-f]+\.ics$/);
    await axe(phone.page, '/my-programme timetable');
    await shot(phone.page, 'my-programme-timetable-375');
    await noSideScroll(phone.page, '/my-programme');

    // ---- attendance by hand: Rəşad is excused, with a reason ----
    await page.goto(`/intake/programme?id=${call.intakeId}#activities`);
    await page.getByRole('button', { name: `${text('az', 'activities.attendance')} — Diplomatik protokol` }).click();
    const roster = page.getByTestId('attendance-roster');
    await expect(roster.locator('[data-testid="attendance-row"][data-name="Leyla Quliyeva"]')).toHaveAttribute('data-status', 'present');
    const resad = roster.locator('[data-testid="attendance-row"][data-name="Rəşad Əliyev"]');
    await resad.getByLabel(text('az', 'attendance.status.excused'), { exact: true }).check();
    await roster.getByRole('button', { name: text('az', 'attendance.save') }).click();
    const reason = resad.getByRole('textbox', { name: text('az', 'attendance.reason'), exact: true });
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    await expect(resad).toContainText(text('az', 'field_errors.required'));
    await reason.fill('Xəstəlik səbəbindən, arayış təqdim edib');
    await roster.getByRole('button', { name: text('az', 'attendance.save') }).click();
    await expect(roster.getByText(text('az', 'attendance.saved'))).toBeVisible();
    await expect(resad).toHaveAttribute('data-status', 'excused');
    await axe(page, 'attendance roster');
    await shot(page, 'attendance-1280');

    // ---- completion: rules, a final work, a refusal, a confirmation ----
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.completion') }).click();
    await page.getByLabel(text('az', 'completion.min_attendance')).fill('50');
    await page.getByLabel(text('az', 'completion.hours')).fill('120');
    await page.getByLabel(text('az', 'completion.final_work_required')).check();
    await page.getByRole('button', { name: text('az', 'completion.save_rules') }).click();
    await expect(page.getByText(text('az', 'completion.rules_saved'))).toBeVisible();
    const row = (name: string) => page.locator(`[data-testid="completion-row"][data-name="${name}"]`);
    await expect(row('Leyla Quliyeva').getByTestId('completion-unmet')).toContainText(text('az', 'completion.unmet_items.final_work'));
    await row('Leyla Quliyeva').getByLabel(text('az', 'completion.work_title')).fill('Diplomatik protokolun əsasları');
    await row('Leyla Quliyeva').getByLabel(text('az', 'completion.work_grade')).fill('Əla');
    await row('Leyla Quliyeva').getByLabel(text('az', 'completion.work_passed')).check();
    await row('Leyla Quliyeva').getByRole('button', { name: `${text('az', 'completion.save_work')} — Leyla Quliyeva` }).click();
    await expect(row('Leyla Quliyeva').getByText(text('az', 'completion.work_saved'))).toBeVisible();
    await expect(row('Leyla Quliyeva').getByTestId('completion-unmet')).toHaveText(text('az', 'completion.meets'));

    // Rəşad has no final work: refused at his row, nothing issued.
    await row('Rəşad Əliyev').getByLabel('Rəşad Əliyev').check();
    await page.getByTestId('completion-confirm').click();
    const dialog = page.getByRole('dialog', { name: text('az', 'completion.confirm_title') });
    await expect(dialog).toContainText('Rəşad Əliyev');
    await expect(dialog.getByRole('button', { name: text('az', 'common.cancel') })).toBeFocused();
    await axe(page, 'completion dialog');
    await dialog.getByRole('button', { name: text('az', 'completion.confirm_yes') }).click();
    await expect(page.getByTestId('completion-refused')).toHaveText(text('az', 'completion.refused', { count: '1' }));
    await expect(row('Rəşad Əliyev').getByTestId('completion-row-error')).toHaveText(text('az', 'field_errors.not_completed'));
    await shot(page, 'completion-refused-1280');
    await row('Rəşad Əliyev').getByLabel('Rəşad Əliyev').uncheck();
    await row('Leyla Quliyeva').getByLabel('Leyla Quliyeva').check();
    await page.getByTestId('completion-confirm').click();
    await dialog.getByRole('button', { name: text('az', 'completion.confirm_yes') }).click();
    await expect(page.getByTestId('completion-issued')).toHaveText(text('az', 'completion.issued', { count: '1' }));
    await expect(row('Leyla Quliyeva').getByTestId('completion-state')).toHaveText(text('az', 'participants.states.completed'));
    const certRow = page.getByTestId('certificate-row');
    await expect(certRow).toHaveCount(1);
    await expect(certRow).toHaveAttribute('data-state', 'valid');
    const serial = (await certRow.getAttribute('data-serial')) ?? '';
    expect(serial).toMatch(/-DV-2027-0001$/);
    await axe(page, 'completion tab');
    await shot(page, 'completion-1280');
    await page.setViewportSize(PHONE);
    await shot(page, 'completion-375');
    await noSideScroll(page, 'the completion tab');
    await page.setViewportSize({ width: 1280, height: 800 });

    // ---- the participant downloads the PDF; its QR code verifies ----
    await phone.page.goto('/certificates');
    const mine = phone.page.getByTestId('my-certificate');
    await expect(mine).toHaveAttribute('data-serial', serial);
    await expect(mine.getByTestId('my-certificate-state')).toHaveText(text('az', 'certificates.states.valid'));
    await axe(phone.page, '/certificates');
    await shot(phone.page, 'certificates-375');
    await noSideScroll(phone.page, '/certificates');
    const [download] = await Promise.all([phone.page.waitForEvent('download'), mine.getByTestId('certificate-pdf-en').click()]);
    const pdf = `${mkdtempSync(`${tmpdir()}/cohort-pdf-`)}/certificate.pdf`;
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const verifyUrl = qrInPdf(pdf);
    expect(verifyUrl).toMatch(/\/verify\?c=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const visitor = await otherBrowser(browser, base, PHONE);
    try {
      await visitor.page.goto(verifyUrl);
      const result = visitor.page.getByTestId('verify-result');
      await expect(result).toHaveAttribute('data-status', 'valid');
      await expect(result).toContainText(text('az', 'verify.status.valid'));
      await expect(visitor.page.getByTestId('verify-holder')).toHaveText('Leyla Quliyeva');
      await expect(visitor.page.getByTestId('verify-serial-value')).toHaveText(serial);
      await axe(visitor.page, '/verify (valid)');
      await shot(visitor.page, 'verify-valid-375');
      await noSideScroll(visitor.page, '/verify');

      // ---- the coordinator revokes it; the same address says so ----
      await certRow.getByRole('button', { name: `${text('az', 'certificates.revoke')} — ${serial}` }).click();
      const revoke = page.getByRole('dialog', { name: text('az', 'certificates.revoke_title') });
      await revoke.getByRole('button', { name: text('az', 'certificates.revoke_yes') }).click();
      await expect(page.locator('[id="revoke-reason-error"]')).toHaveText(text('az', 'field_errors.required'));
      await page.locator('[id="revoke-reason"]').fill('Yekun iş başqasının işinin surəti olduğu üzə çıxıb.');
      await revoke.getByRole('button', { name: text('az', 'certificates.revoke_yes') }).click();
      await expect(page.getByTestId('certificates-note')).toHaveText(text('az', 'completion.revoked_note', { serial }));
      await expect(certRow).toHaveAttribute('data-state', 'revoked');

      await visitor.page.goto(verifyUrl);
      await expect(result).toHaveAttribute('data-status', 'revoked');
      await expect(result).toContainText(text('az', 'verify.status.revoked'));
      await expect(visitor.page.getByTestId('verify-revoked')).toContainText('Yekun iş başqasının işinin surəti olduğu üzə çıxıb.');
      await axe(visitor.page, '/verify (revoked)');
      await shot(visitor.page, 'verify-revoked-375');

      // By serial, typed; and an unknown one.
      await visitor.page.goto('/verify');
      await visitor.page.getByLabel(text('az', 'certificates.serial'), { exact: true }).fill('NOPE-0000');
      await visitor.page.getByRole('button', { name: text('az', 'verify.check') }).click();
      await expect(result).toHaveAttribute('data-status', 'unknown');
      await shot(visitor.page, 'verify-unknown-375');
      await visitor.page.setViewportSize({ width: 1280, height: 800 });
      await visitor.page.goto(`/verify?serial=${encodeURIComponent(serial)}`);
      await expect(result).toHaveAttribute('data-status', 'revoked');
      await shot(visitor.page, 'verify-revoked-1280');
      expect(visitor.problems, 'console errors on the visitor page').toEqual([]);
    } finally {
      await visitor.close();
    }
    expect(phone.problems, 'console errors on the phone').toEqual([]);
  } finally {
    await phone.close();
  }
});
