// Running a programme: participants, the rotation set-up, the plan and what
// participants and supervisors see. Through the HTTP API (participants-setup.ts):
// five applicants who accepted their offers, a unit supervisor on the staff and
// four units of the organisation. In the browser:
// - the coordinator opens the intake's programme page from the intake, sees the
//   five participants and withdraws one (a missing reason is refused at its input);
// - sets up three periods of two months with the helper, four host units (one
//   needs French, one with the supervisor) and a required type; a unit without
//   a type is refused at its input, then the set-up is saved;
// - a participant, on a phone, finds "My programme" in the header, ranks the
//   unit that needs French first, says she speaks French and saves;
// - the coordinator plans; a move that breaks a rule (a participant who does
//   not speak French into the unit that needs it) is refused with the rule shown
//   at the cell; a valid move is made by hand; the plan is published after a
//   confirmation;
// - the supervisor sees the interns of her unit, period by period, on /interns;
// - the participant sees her rotations with units and supervisors.
// Screenshots of every page land in /tmp/shots.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { adminApi, staffMember } from './calls-setup';
import { waitForMail } from './mail';
import { acceptedParticipants } from './participants-setup';
import { PASSWORD, person, signIn } from './people';
import type { Plan } from '../src/lib/api/participants';

// Refused on purpose: a withdrawal without a reason, a unit without a type, a move that breaks a rule (422).
test.use({ allowedConsoleErrors: [/status of 422/] });

const PHONE = { width: 375, height: 812 };
const SHOTS = '/tmp/shots';

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** An element by its id (the set-up editor's ids are the API's paths, with dots and brackets). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** No catalogue key shows instead of its text (i18next prints the key of a text it lacks). */
async function noKeys(page: Page, where: string): Promise<void> {
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(programme_run|rotation_setup|rotations|participants|my_programme|interns|language_names|field_errors|reasons)\.[a-z_.]+/g), `catalogue keys on ${where}`).toBeNull();
}

async function noSideScroll(page: Page, width: number, where: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${where} at ${width} px`).toBeLessThanOrEqual(width);
}

/** A browser of another person's own (their own cookies), watched like the test's page. */
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

const UNITS = {
  consular: 'Konsulluq idarəsi',
  protocol: 'Protokol idarəsi',
  europe: 'Avropa departamenti',
  press: 'Mətbuat xidməti',
} as const;

test('a coordinator sets up, plans, changes and publishes rotations; a participant ranks units on a phone; the supervisor sees her interns', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  test.setTimeout(480_000);
  const base = baseURL ?? '';

  // ---- through the API: five participants, a supervisor, four units ----
  const names = ['Leyla Quliyeva', 'Rəşad Əliyev', 'Nərmin Hüseynova', 'Orxan Səfərov', 'Aysel Məmmədova'];
  const { call, participants } = await acceptedParticipants(
    base,
    page.request,
    names.map((name, i) => person(`participant${i}`, { name })),
  );
  const [leyla, resad, , orxan] = participants;
  if (!leyla || !resad || !orxan) throw new Error('five participants expected');
  const supervisor = await staffMember(base, call, 'unit_supervisor', person('supervisor', { name: 'Kamalə Nəsibova' }));
  const admin = await adminApi(base, call);
  const unitIds: Record<string, string> = {};
  for (const [key, name] of Object.entries(UNITS)) {
    const created = await admin.post(`/api/v1/organisations/${call.organisationId}/units`, { data: { name } });
    expect(created.status(), await created.text()).toBe(201);
    unitIds[key] = ((await created.json()) as { id: string }).id;
  }

  const participant = await otherBrowser(browser, base, PHONE);
  const boss = await otherBrowser(browser, base);
  try {
    // ---- the coordinator: from the intake to its programme; the participants ----
    await signIn(page, call.admin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/intake?id=${call.intakeId}`);
    await page.getByRole('link', { name: text('az', 'intake.run_programme') }).click();
    await expect(page).toHaveURL(`/intake/programme?id=${call.intakeId}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(text('az', 'programme_run.title_of', { intake: '2027' }));
    await expect(heading).toBeFocused();
    const rows = page.getByTestId('participant-row');
    await expect(rows).toHaveCount(5);
    const row = (reference: string) => page.locator(`[data-testid="participant-row"][data-reference="${reference}"]`);
    await expect(row(leyla.reference)).toContainText('Leyla Quliyeva');
    await expect(row(leyla.reference)).toContainText(leyla.person.email);
    await expect(row(leyla.reference).getByTestId('participant-state')).toHaveText(text('az', 'participants.states.active'));
    await axe(page, '/intake/programme participants');
    await page.screenshot({ path: `${SHOTS}/programme-participants-1280.png`, fullPage: true });
    await noKeys(page, 'programme-participants-1280');

    // Orxan leaves: the reason is required.
    await row(orxan.reference).getByRole('button', { name: new RegExp(`^${text('az', 'participants.withdraw')}`) }).click();
    const withdraw = page.getByRole('dialog', { name: text('az', 'participants.withdraw_title') });
    await expect(withdraw).toContainText(text('az', 'participants.withdraw_confirm', { name: 'Orxan Səfərov' }));
    await expect(withdraw.getByRole('button', { name: text('az', 'common.cancel') })).toBeFocused();
    await withdraw.getByRole('button', { name: text('az', 'participants.withdraw_yes') }).click();
    await expect(byId(page, 'withdraw-reason-error')).toHaveText(text('az', 'field_errors.required'));
    await expect(byId(page, 'withdraw-reason')).toBeFocused();
    await axe(page, '/intake/programme withdraw dialog');
    await page.screenshot({ path: `${SHOTS}/programme-withdraw-dialog.png` });
    await noKeys(page, 'programme-withdraw-dialog');
    await byId(page, 'withdraw-reason').fill('Dövlət qulluğuna işə qəbul olundu.');
    await withdraw.getByRole('button', { name: text('az', 'participants.withdraw_yes') }).click();
    await expect(withdraw).toBeHidden();
    await expect(page.getByTestId('participants-done')).toHaveText(text('az', 'participants.withdrawn_note', { name: 'Orxan Səfərov' }));
    await expect(row(orxan.reference).getByTestId('participant-state')).toHaveText(text('az', 'participants.states.withdrawn'));
    await expect(row(orxan.reference).getByTestId('participant-reason')).toHaveText(
      text('az', 'participants.reason_shown', { reason: 'Dövlət qulluğuna işə qəbul olundu.' }),
    );

    // ---- the set-up: three periods of two months, four host units, one required type ----
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.setup') }).click();
    await byId(page, 'split-start').fill('2027-03-01');
    await byId(page, 'split-count').fill('3');
    await byId(page, 'split-months').fill('2');
    await page.getByRole('button', { name: text('az', 'rotation_setup.split_button') }).click();
    await expect(page.getByTestId('period-row')).toHaveCount(3);
    await expect(byId(page, 'periods[0].name')).toBeFocused();
    await expect(byId(page, 'periods[0].name')).toHaveValue(text('az', 'rotation_setup.period_name', { n: '1' }));
    await expect(byId(page, 'periods[0].ends_on')).toHaveValue('2027-04-30');
    await expect(byId(page, 'periods[1].starts_on')).toHaveValue('2027-05-01');
    await expect(byId(page, 'periods[2].ends_on')).toHaveValue('2027-08-31');

    const setUnit = async (i: number, name: string, type: string, places: number, languages = '', supervisorLabel = '') => {
      await page.getByRole('button', { name: text('az', 'rotation_setup.add_unit') }).click();
      await expect(byId(page, `units[${i}].unit_id`)).toBeFocused();
      await byId(page, `units[${i}].unit_id`).selectOption({ label: name });
      await byId(page, `units[${i}].type`).fill(type);
      if (languages) await byId(page, `units[${i}].languages`).fill(languages);
      if (supervisorLabel) await byId(page, `units[${i}].supervisor_id`).selectOption({ label: supervisorLabel });
      for (let j = 0; j < 3; j++) await byId(page, `units[${i}].places[${j}]`).fill(String(places));
    };
    await setUnit(0, UNITS.consular, 'konsulluq', 2, '', `Kamalə Nəsibova (${supervisor.person.email})`);
    await setUnit(1, UNITS.protocol, 'protokol', 2);
    await setUnit(2, UNITS.europe, 'avropa', 2, 'fr');
    await setUnit(3, UNITS.press, '', 2);
    await expect(page.getByTestId('unit-row')).toHaveCount(4);
    await page.getByRole('button', { name: text('az', 'rotation_setup.add_requirement') }).click();
    await byId(page, 'required[0].type').selectOption('konsulluq');
    await byId(page, 'required[0].rotations').fill('1');

    // The press office has no type yet: refused at its input.
    const saveSetup = page.getByRole('button', { name: text('az', 'rotation_setup.save') });
    await saveSetup.click();
    await expect(byId(page, 'units[3].type-error')).toHaveText(text('az', 'field_errors.required'));
    await expect(byId(page, 'units[3].type')).toHaveAttribute('aria-invalid', 'true');
    await expect(byId(page, 'units[3].type')).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/programme-setup-error-1280.png`, fullPage: true });
    await noKeys(page, 'programme-setup-error-1280');
    await byId(page, 'units[3].type').fill('mətbuat');
    await saveSetup.click();
    await expect(page.getByText(text('az', 'rotation_setup.saved'))).toBeVisible();
    await expect(byId(page, 'units[3].type-error')).toHaveCount(0);
    await expect(page.getByTestId('programme-facts')).toContainText(text('az', 'programme_run.periods_n', { count: '3' }));
    await expect(page.getByText(text('az', 'rotation_setup.version', { version: '1' }))).toBeVisible();
    await axe(page, '/intake/programme set-up');
    await page.screenshot({ path: `${SHOTS}/programme-setup-1280.png`, fullPage: true });
    await noKeys(page, 'programme-setup-1280');
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/programme-setup-375.png`, fullPage: true });
    await noKeys(page, 'programme-setup-375');
    await noSideScroll(page, PHONE.width, 'the set-up');
    await page.setViewportSize({ width: 1280, height: 800 });

    // ---- the participant, on a phone: the units that need French first, and French ----
    await signIn(participant.page, leyla.person.email, PASSWORD);
    await expect(participant.page).toHaveURL(/\/account$/);
    const nav = participant.page.getByRole('navigation', { name: text('az', 'nav.label') });
    await nav.getByRole('link', { name: text('az', 'nav.my_programme') }).click();
    await expect(participant.page).toHaveURL('/my-programme');
    const card = participant.page.getByTestId('participation');
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('heading', { level: 2 })).toHaveText('2027');
    await expect(card.getByTestId('participation-state')).toHaveText(text('az', 'participants.states.active'));
    const prefs = card.getByTestId('preference');
    await expect(prefs).toHaveCount(4);
    // Up until the French-speaking unit is first.
    for (let i = 0; i < 4; i++) {
      const first = await prefs.first().getAttribute('data-unit');
      if (first === unitIds.europe) break;
      const at = await prefs.evaluateAll((items, unit) => items.findIndex((li) => li.getAttribute('data-unit') === unit), unitIds.europe);
      await prefs.nth(at).getByRole('button', { name: text('az', 'my_programme.move_up', { unit: UNITS.europe }) }).click();
    }
    await expect(prefs.first()).toHaveAttribute('data-unit', unitIds.europe ?? '');
    await expect(prefs.first()).toContainText(text('az', 'my_programme.needs', { languages: text('az', 'language_names.fr') }));
    await card.getByLabel(`${text('az', 'language_names.fr')} (fr)`).check();
    await card.getByLabel(`${text('az', 'language_names.en')} (en)`).check();
    await card.getByRole('button', { name: text('az', 'my_programme.save_preferences') }).click();
    await expect(card.getByTestId('participation-note')).toHaveText(text('az', 'my_programme.preferences_saved'));
    await axe(participant.page, '/my-programme preferences');
    await participant.page.screenshot({ path: `${SHOTS}/my-programme-preferences-375.png`, fullPage: true });
    await noKeys(participant.page, 'my-programme-preferences-375');
    await noSideScroll(participant.page, PHONE.width, '/my-programme');

    // The coordinator sees them.
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.participants') }).click();
    await page.reload();
    await expect(row(leyla.reference).getByTestId('participant-languages')).toHaveText('fr, en');
    await expect(row(leyla.reference)).toContainText(UNITS.europe);

    // ---- the plan ----
    await page.getByRole('tab', { name: text('az', 'programme_run.tab.rotations') }).click();
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.none'));
    await expect(page.getByLabel(text('az', 'rotations.keep_manual'))).toBeChecked();
    await page.getByRole('button', { name: text('az', 'rotations.plan'), exact: true }).click();
    await expect(page.getByTestId('plan-result')).toHaveText(text('az', 'rotations.planned', { count: '4', short: '0' }));
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.draft'));
    const planRows = page.getByTestId('plan-row');
    await expect(planRows).toHaveCount(4);
    await expect(page.getByTestId('shortfalls')).toHaveCount(0);
    await expect(page.getByTestId('violations')).toHaveCount(0);
    const planned = (await (await admin.get(`/api/v1/intakes/${call.intakeId}/rotations`)).json()) as Plan;
    expect(planned.participants.map((p) => p.name).sort()).toEqual(['Aysel Məmmədova', 'Leyla Quliyeva', 'Nərmin Hüseynova', 'Rəşad Əliyev']);
    await axe(page, '/intake/programme rotations (draft)');
    await page.screenshot({ path: `${SHOTS}/programme-rotations-draft-1280.png`, fullPage: true });
    await noKeys(page, 'programme-rotations-draft-1280');

    // A move that breaks a rule: Rəşad does not speak French; a period where he is not in the required consular unit.
    const resadRow = planned.participants.find((p) => p.name === 'Rəşad Əliyev');
    const breaking = resadRow?.rotations.find((c) => c.unit_id !== unitIds.consular);
    if (!resadRow || !breaking) throw new Error('Rəşad has a period outside the consular unit');
    const cell = byId(page, `cell-${resadRow.participant_id}-${breaking.period_id}`);
    await cell.selectOption(unitIds.europe ?? '');
    await expect(byId(page, `cell-${resadRow.participant_id}-${breaking.period_id}-error`)).toHaveText(text('az', 'field_errors.language_missing'));
    await expect(cell).toHaveAttribute('aria-invalid', 'true');
    await expect(cell).toHaveValue(breaking.unit_id ?? '');
    await page.screenshot({ path: `${SHOTS}/programme-rotations-refused-1280.png`, fullPage: true });
    await noKeys(page, 'programme-rotations-refused-1280');

    // A valid move: a free place in a unit the participant has not had, needing no language she lacks, keeping the required type.
    const typeOf = (unitId: string | null) => planned.units.find((u) => u.unit_id === unitId)?.type;
    let valid: { participantId: string; periodId: string; unitId: string; name: string } | undefined;
    for (const p of planned.participants) {
      planned.periods.forEach((period, j) => {
        const current = p.rotations[j]?.unit_id ?? null;
        const consularElsewhere = p.rotations.some((c, k) => k !== j && typeOf(c.unit_id) === 'konsulluq');
        for (const u of planned.units) {
          if (valid || u.unit_id === current) continue;
          if (p.rotations.some((c) => c.unit_id === u.unit_id)) continue;
          if (!u.languages.every((l) => p.languages.includes(l))) continue;
          if ((u.taken[j] ?? 0) >= (u.places[j] ?? 0)) continue;
          if (typeOf(current) === 'konsulluq' && !consularElsewhere) continue;
          valid = { participantId: p.participant_id, periodId: period.id ?? '', unitId: u.unit_id, name: p.name };
        }
      });
    }
    if (!valid) throw new Error('no valid move in the plan');
    const validCell = byId(page, `cell-${valid.participantId}-${valid.periodId}`);
    await validCell.selectOption(valid.unitId);
    const period = planned.periods.find((p) => p.id === valid?.periodId)?.name ?? '';
    const unitName = planned.units.find((u) => u.unit_id === valid?.unitId)?.name ?? '';
    await expect(page.getByText(text('az', 'rotations.moved', { name: valid.name, period, unit: unitName }))).toBeVisible();
    const validTd = page.locator(`[data-testid="plan-row"][data-participant="${valid.participantId}"] [data-testid="plan-cell"][data-period="${valid.periodId}"]`);
    await expect(validTd).toHaveAttribute('data-unit', valid.unitId);
    await expect(validTd.getByTestId('cell-manual')).toHaveText(text('az', 'rotations.by_hand'));
    await expect(byId(page, `cell-${resadRow.participant_id}-${breaking.period_id}-error`)).toBeVisible();
    await expect(page.getByTestId('violations')).toHaveCount(0);

    // ---- publishing, after a confirmation ----
    await page.getByRole('button', { name: text('az', 'rotations.publish'), exact: true }).click();
    const publish = page.getByRole('dialog', { name: text('az', 'rotations.publish_confirm_title') });
    await expect(publish).toContainText(text('az', 'rotations.publish_confirm', { count: '4' }));
    await expect(publish.getByRole('button', { name: text('az', 'common.cancel') })).toBeFocused();
    await axe(page, '/intake/programme publish dialog');
    await publish.getByRole('button', { name: text('az', 'rotations.publish_yes') }).click();
    await expect(page.getByTestId('publish-result')).toHaveText(text('az', 'rotations.published_note'));
    await expect(page.getByTestId('plan-state')).toHaveText(text('az', 'rotations.states.published'));
    await expect(page.getByRole('button', { name: text('az', 'rotations.plan_again') })).toHaveCount(0);
    await axe(page, '/intake/programme rotations (published)');
    await page.screenshot({ path: `${SHOTS}/programme-rotations-published-1280.png`, fullPage: true });
    await noKeys(page, 'programme-rotations-published-1280');
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/programme-rotations-published-375.png`, fullPage: true });
    await noKeys(page, 'programme-rotations-published-375');
    await noSideScroll(page, PHONE.width, 'the rotations');
    await page.setViewportSize({ width: 1280, height: 800 });
    // The same page in Russian (longer words).
    await page.getByRole('banner').getByLabel(text('az', 'language.label')).selectOption('ru');
    await expect(page.getByTestId('plan-state')).toHaveText(text('ru', 'rotations.states.published'));
    await page.screenshot({ path: `${SHOTS}/programme-rotations-published-ru-1280.png`, fullPage: true });
    await noKeys(page, 'programme-rotations-published-ru-1280');
    await page.getByRole('tab', { name: text('ru', 'programme_run.tab.setup') }).click();
    await page.screenshot({ path: `${SHOTS}/programme-setup-ru-1280.png`, fullPage: true });
    await noKeys(page, 'programme-setup-ru-1280');
    await page.getByRole('banner').getByLabel(text('ru', 'language.label')).selectOption('az');
    const published = (await (await admin.get(`/api/v1/intakes/${call.intakeId}/rotations`)).json()) as Plan;
    expect(published.state).toBe('published');

    // ---- the supervisor: her interns, period by period ----
    await waitForMail(supervisor.person.email, text('az', 'emails.interns_assigned.subject', { intake: '2027' }));
    await signIn(boss.page, supervisor.person.email, PASSWORD);
    await expect(boss.page).toHaveURL(/\/account$/);
    await boss.page.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.interns') }).click();
    await expect(boss.page).toHaveURL('/interns');
    const expected = published.periods.map((p, j) => ({
      period: p.name,
      interns: published.participants
        .filter((r) => r.rotations[j]?.unit_id === unitIds.consular)
        .map((r) => r.name)
        .sort(),
    }));
    const groups = boss.page.getByTestId('intern-period');
    await expect(groups).toHaveCount(expected.filter((e) => e.interns.length > 0).length);
    for (const e of expected.filter((x) => x.interns.length > 0)) {
      const group = groups.filter({ has: boss.page.getByRole('heading', { level: 2, name: new RegExp(`^${e.period}`) }) });
      await expect(group.getByTestId('intern-unit').getByRole('heading', { level: 3 })).toHaveText(UNITS.consular);
      await expect(group.getByTestId('intern').locator('.name')).toHaveText(e.interns);
    }
    await axe(boss.page, '/interns');
    await boss.page.screenshot({ path: `${SHOTS}/interns-1280.png`, fullPage: true });
    await noKeys(boss.page, 'interns-1280');
    await boss.page.setViewportSize(PHONE);
    await boss.page.screenshot({ path: `${SHOTS}/interns-375.png`, fullPage: true });
    await noKeys(boss.page, 'interns-375');
    await noSideScroll(boss.page, PHONE.width, '/interns');

    // ---- the participant: her rotations ----
    await waitForMail(leyla.person.email, text('az', 'emails.rotations_published.subject', { intake: '2027' }));
    await participant.page.reload();
    await expect(card.getByTestId('participation-plan')).toHaveText(text('az', 'my_programme.plan_states.published'));
    await expect(card.getByTestId('preference')).toHaveCount(0);
    const mine = published.participants.find((r) => r.name === 'Leyla Quliyeva');
    const units = (mine?.rotations ?? []).map((c) => published.units.find((u) => u.unit_id === c.unit_id)?.name ?? '');
    await expect(card.getByTestId('my-rotation-unit')).toHaveText(units);
    const consularAt = units.indexOf(UNITS.consular);
    expect(consularAt, 'Leyla has the required consular rotation').toBeGreaterThanOrEqual(0);
    await expect(card.getByTestId('my-rotation').nth(consularAt)).toContainText(text('az', 'my_programme.supervisor', { name: 'Kamalə Nəsibova' }));
    await axe(participant.page, '/my-programme rotations');
    await participant.page.screenshot({ path: `${SHOTS}/my-programme-rotations-375.png`, fullPage: true });
    await noKeys(participant.page, 'my-programme-rotations-375');
    await noSideScroll(participant.page, PHONE.width, '/my-programme (published)');

    expect(participant.problems, 'console errors on the participant’s phone').toEqual([]);
    expect(boss.problems, 'console errors in the supervisor’s browser').toEqual([]);
  } finally {
    await participant.close();
    await boss.close();
    await admin.dispose();
  }
});
