// A network's templates and yearly reports, end to end through the pages
// (docs/api/networks.md, "Templates" and "Yearly reports"). Prepared with the
// command line and the API: a platform administrator, two member
// organisations (Azerbaijan and Kazakhstan) each with an administrator, a
// network whose administrator is the Azerbaijani administrator too, and who
// chairs this year; that organisation has a programme whose intake has a call
// with two questions and a rubric. In the browser:
// - the Azerbaijani administrator publishes a template from that intake (the
//   only one offered) and reads what it holds: the questions by their labels,
//   the stages and the rubric's criteria;
// - the Kazakh administrator adopts it: an intake that ends before it starts
//   is refused beside the last day; then it is made, and the link leads to
//   the new intake, to adapt it there;
// - the chair sets this year's report form with two questions (a required
//   number and a long text);
// - the Kazakh administrator fills in their report: submitting without the
//   required number is refused beside that question, then it is submitted
//   and reads as text;
// - the chair sees it submitted in the table and reads it.
// Every page is checked with axe; screenshots at 1280 and 375 px land in
// /tmp/shots-C.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createAdmin, createToken } from './cli';
import { expect, test, text, useLocale } from './fixtures';
import { accountButton, PASSWORD, signIn, signOut } from './people';

// The refusals this test provokes on purpose (bad dates, a missing answer) show on the console.
test.use({ allowedConsoleErrors: [/the server responded with a status of 422/] });

const SHOTS = '/tmp/shots-C';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
// Accounts made with the command line speak Azerbaijani: the pages follow the account's language.
const az = (key: string, values: Record<string, string> = {}) => text('az', key, values);

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** Full-page screenshots at both widths; no catalogue key shows and nothing scrolls sideways. */
async function shots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    // Charts resize on the next frames: let the layout settle before the picture.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 250)))));
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
    const shown = await page.locator('main').innerText();
    expect(shown.match(/\b(network_templates|yearly_reports|networks|field_errors|call_editor)\.[a-z_.]+/g), `catalogue keys on ${name}`).toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${name} (${size})`).toBeLessThanOrEqual(
      viewport.width,
    );
  }
  await page.setViewportSize(DESKTOP);
}

async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD, 'az');
  await expect(accountButton(page)).toBeVisible();
}

test('a network publishes a template that a member adopts; the chair sets the yearly report that members file', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const stamp = `${Date.now()}`.slice(-7);
  const year = new Date().getFullYear();

  // Prepared outside the pages.
  const root = `root.tpl.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const rootApi = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(root)}` } });
  const orgs = [
    { code: `TA${stamp.slice(-5)}`, name: `Könüllülər Mərkəzi ${stamp}`, country: 'AZ' },
    { code: `TK${stamp.slice(-5)}`, name: `Eriktiler Ortalygy ${stamp}`, country: 'KZ' },
  ];
  const ids: string[] = [];
  for (const o of orgs) {
    const created = await rootApi.post('/api/v1/organisations', { data: { slug: o.code, name: o.name, country: o.country } });
    expect(created.status(), await created.text()).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  const [azOrg, kzOrg] = orgs as [(typeof orgs)[0], (typeof orgs)[0]];
  const [azId, kzId] = ids as [string, string];
  const azAdmin = `admin.az.${stamp}@cohort.test`;
  const kzAdmin = `admin.kz.${stamp}@cohort.test`;
  createAdmin(azAdmin, PASSWORD, azOrg.code);
  createAdmin(kzAdmin, PASSWORD, kzOrg.code);

  const networkName = `Volunteer Network ${stamp}`;
  const made = await rootApi.post('/api/v1/networks', { data: { code: `VN-${stamp.slice(-4)}`, name: networkName, description: '' } });
  expect(made.status(), await made.text()).toBe(201);
  const networkId = ((await made.json()) as { id: string }).id;
  for (const id of ids) {
    const added = await rootApi.post(`/api/v1/networks/${networkId}/members`, { data: { organisation_id: id } });
    expect(added.status(), await added.text()).toBe(200);
  }
  // The Azerbaijani administrator runs the network too, and chairs this year.
  expect((await rootApi.post(`/api/v1/networks/${networkId}/admins`, { data: { email: azAdmin } })).status()).toBe(200);
  expect((await rootApi.put(`/api/v1/networks/${networkId}/chairs/${year}`, { data: { organisation_id: azId } })).status()).toBe(200);
  await rootApi.dispose();

  // Their programme, intake, call and rubric (tests/api/networks_test.cc has the same bodies).
  const azApi = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(azAdmin)}` } });
  const programme = await azApi.post(`/api/v1/organisations/${azId}/programmes`, {
    data: { name: 'Youth Worker Internship', code: 'YWI', description: 'Six months in the regions' },
  });
  expect(programme.status(), await programme.text()).toBe(201);
  const programmeId = ((await programme.json()) as { id: string }).id;
  const intake = await azApi.post(`/api/v1/programmes/${programmeId}/intakes`, {
    data: { name: String(year + 1), starts_on: `${year + 1}-03-01`, ends_on: `${year + 1}-08-31`, capacity: 30 },
  });
  expect(intake.status(), await intake.text()).toBe(201);
  const intakeId = ((await intake.json()) as { id: string }).id;
  const call = await azApi.put(`/api/v1/intakes/${intakeId}/call`, {
    data: {
      title: { en: 'Youth Worker Internship', az: 'Gənclərlə iş üzrə təcrübə' },
      opens_at_local: `${year + 1}-01-10T09:00`,
      closes_at_local: `${year + 1}-02-10T18:00`,
      form: {
        fields: [
          { key: 'motivation', type: 'long_text', label: { en: 'Why youth work?', az: 'Niyə gənclərlə iş?' }, required: true },
          { key: 'region', type: 'short_text', label: { en: 'Region', az: 'Region' } },
        ],
      },
    },
  });
  expect(call.status(), await call.text()).toBe(200);
  const stages = ((await (await azApi.get(`/api/v1/intakes/${intakeId}/stages`)).json()) as { items: { id: string; version: number }[] }).items;
  const review = stages[1];
  expect(review).toBeTruthy();
  const rubric = await azApi.put(`/api/v1/stages/${review?.id}`, {
    data: {
      settings: {
        rubric: [
          { key: 'experience', label: { en: 'Experience with young people', az: 'Gənclərlə iş təcrübəsi' }, weight: 2 },
          { key: 'motivation', label: { en: 'Motivation', az: 'Motivasiya' }, weight: 1 },
        ],
      },
      version: review?.version,
    },
  });
  expect(rubric.status(), await rubric.text()).toBe(200);
  await azApi.dispose();

  await useLocale(page, 'az');
  const main = page.getByRole('main');
  const templateTitle = `Gənclərlə iş modeli ${stamp}`;
  const openNetwork = async () => {
    await page.goto(`/network?id=${networkId}`);
    await expect(main.getByRole('heading', { level: 1 })).toContainText(networkName);
  };

  await test.step('the network administrator publishes a template from their intake', async () => {
    await signInAs(page, azAdmin);
    await openNetwork();
    const publish = main.getByTestId('publish-template-form');
    const choice = publish.getByLabel(az('network_templates.intake'), { exact: true });
    await expect(choice.locator('option')).toHaveCount(2);
    await choice.selectOption({ label: `Youth Worker Internship — ${year + 1} (${azOrg.name})` });
    // Without a title it is refused beside the field.
    await publish.getByRole('button', { name: az('network_templates.publish') }).click();
    await expect(publish.locator('#template_title-error')).toHaveText(az('field_errors.required'));
    await publish.getByLabel(az('network_templates.title_label'), { exact: true }).fill(templateTitle);
    await publish.getByLabel(az('network_templates.description'), { exact: true }).fill('Our six-month model: a form, a review on a rubric, an interview.');
    await publish.getByRole('button', { name: az('network_templates.publish') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('network_templates.published', { title: templateTitle }) })).toBeVisible();
    const row = main.getByTestId('template-row').filter({ hasText: templateTitle });
    await expect(row).toContainText(az('network_templates.from', { name: azOrg.name, programme: 'Youth Worker Internship' }));
    await expect(row).toContainText(az('network_templates.counts', { fields: '2', stages: '4' }));
    await expect(row.getByTestId('template-adoptions')).toHaveText(az('network_templates.adoptions', { n: '0' }));
    await row.getByText(az('network_templates.show_content')).click();
    await expect(row.getByTestId('template-questions')).toContainText('Niyə gənclərlə iş?');
    await expect(row.getByTestId('template-questions')).toContainText(az('network_templates.required'));
    await expect(row.getByTestId('template-stages')).toContainText('Gənclərlə iş təcrübəsi');
    await axe(page, '/network (template published)');
    await shots(page, 'template-published');
    await signOut(page, undefined, 'az');
  });

  await test.step('another member adopts it and lands on its new intake', async () => {
    await signInAs(page, kzAdmin);
    await openNetwork();
    // Not a network administrator: nothing to publish.
    await expect(main.getByTestId('publish-template-form')).toHaveCount(0);
    const row = main.getByTestId('template-row').filter({ hasText: templateTitle });
    await row.getByRole('button', { name: `${az('network_templates.adopt')} — ${templateTitle}` }).click();
    const adopt = main.getByTestId('adopt-form');
    await expect(adopt.getByLabel(az('network_templates.adopting_organisation'), { exact: true })).toHaveValue(kzId);
    await adopt.getByLabel(az('network_templates.programme_code'), { exact: true }).fill('YWIKZ');
    await adopt.getByLabel(az('programmes.intake_name'), { exact: true }).fill(String(year + 1));
    await adopt.getByLabel(az('programmes.starts_on'), { exact: true }).fill(`${year + 1}-09-01`);
    await adopt.getByLabel(az('programmes.ends_on'), { exact: true }).fill(`${year + 1}-06-01`);
    await adopt.getByLabel(az('programmes.capacity'), { exact: true }).fill('20');
    await adopt.getByLabel(az('programmes.time_zone'), { exact: true }).selectOption('Asia/Almaty');
    await adopt.getByRole('button', { name: az('network_templates.adopt') }).click();
    await expect(adopt.locator('#intake_ends_on-error')).toHaveText(az('field_errors.ends_before_start'));
    await expect(adopt.getByLabel(az('programmes.ends_on'), { exact: true })).toBeFocused();
    await axe(page, '/network (adoption refused)');
    await shots(page, 'template-adopt-error');
    await adopt.getByLabel(az('programmes.ends_on'), { exact: true }).fill(`${year + 2}-02-28`);
    await adopt.getByRole('button', { name: az('network_templates.adopt') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('network_templates.adopted', { title: templateTitle, name: kzOrg.name }) })).toBeVisible();
    await expect(row.getByTestId('template-adoptions')).toHaveText(az('network_templates.adoptions', { n: '1' }));
    await shots(page, 'template-adopted');
    await main.getByRole('link', { name: az('network_templates.adapt_there') }).click();
    await expect(page).toHaveURL(/\/intake\?id=/);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(String(year + 1));
    await signOut(page, undefined, 'az');
  });

  await test.step('the chair sets the report form of the year', async () => {
    await signInAs(page, azAdmin);
    await openNetwork();
    const panel = main.getByRole('region', { name: az('yearly_reports.heading') });
    await expect(panel.getByLabel(az('yearly_reports.year'), { exact: true })).toHaveValue(String(year));
    const formBox = panel.getByTestId('report-form-summary');
    await formBox.locator('summary').first().click();
    await expect(formBox).toContainText(az('yearly_reports.no_form_heading', { year: String(year) }));
    const editor = panel.getByTestId('report-form-editor');
    await editor.locator('[id="title.az"]').fill(`${year} illik hesabatı`);
    await editor.locator('[id="title.en"]').fill(`Yearly report ${year}`);
    await editor.locator('[id="title.ru"]').fill(`Годовой отчёт за ${year}`);
    await editor.getByLabel(az('yearly_reports.due_on'), { exact: true }).fill(`${year + 1}-01-31`);
    await editor.getByLabel(az('call_editor.new_field_type'), { exact: true }).selectOption('number');
    await editor.getByRole('button', { name: az('call_editor.add_field') }).click();
    await editor.locator('[id="form.fields[0].key"]').fill('volunteers');
    await editor.locator('[id="form.fields[0].label.az"]').fill('Bu il könüllülərin sayı');
    await editor.locator('[id="form.fields[0].label.en"]').fill('Volunteers this year');
    await editor.locator('[id="form.fields[0].required"]').check();
    await editor.getByLabel(az('call_editor.new_field_type'), { exact: true }).selectOption('long_text');
    await editor.getByRole('button', { name: az('call_editor.add_field') }).click();
    await editor.locator('[id="form.fields[1].key"]').fill('highlights');
    await editor.locator('[id="form.fields[1].label.az"]').fill('İlin əsas hadisələri');
    await editor.locator('[id="form.fields[1].label.en"]').fill('Highlights of the year');
    await axe(page, '/network (report form editor)');
    await shots(page, 'report-form-editor');
    await editor.getByRole('button', { name: az('yearly_reports.save_form') }).click();
    await expect(editor.getByRole('status')).toHaveText(az('yearly_reports.form_saved', { year: String(year) }));
    await expect(formBox.locator('summary').first()).toContainText(`${year} illik hesabatı`);
    await expect(formBox.locator('summary').first()).toContainText(`31 ${az('format.months.1')} ${year + 1}`);
    await expect(formBox.getByTestId('report-form-questions').getByRole('listitem')).toHaveCount(2);
    await expect(panel.getByTestId('report-row')).toHaveCount(2);
    await signOut(page, undefined, 'az');
  });

  await test.step('a member fills in its report: an answer missing, then submitted', async () => {
    await signInAs(page, kzAdmin);
    await openNetwork();
    const panel = main.getByRole('region', { name: az('yearly_reports.heading') });
    // A member sees its own report only, and cannot set the form.
    await expect(panel.getByTestId('report-row')).toHaveCount(1);
    await expect(panel.getByTestId('report-form-editor')).toHaveCount(0);
    await expect(panel.getByTestId('report-row')).toContainText(az('yearly_reports.states.missing'));
    await panel.getByRole('link', { name: `${az('yearly_reports.fill_in')} — ${kzOrg.name}` }).click();
    await expect(page).toHaveURL(/\/network\/report\?/);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(az('yearly_reports.report_title', { year: String(year), name: kzOrg.name }));
    const fill = main.getByTestId('report-fill');
    await fill.getByLabel('İlin əsas hadisələri').fill('Volunteer Week in Almaty with 400 volunteers.');
    await fill.getByRole('button', { name: az('yearly_reports.save_draft') }).click();
    await expect(fill.getByRole('status')).toHaveText(az('yearly_reports.draft_saved'));
    await expect(main.getByTestId('report-state')).toHaveText(az('yearly_reports.states.draft'));
    await fill.getByRole('button', { name: az('yearly_reports.submit') }).click();
    await expect(main.locator('[id="answers.volunteers-error"]')).toHaveText(az('field_errors.required'));
    await expect(main.locator('[id="answers.volunteers"]')).toBeFocused();
    await axe(page, '/network/report (answer missing)');
    await shots(page, 'report-missing-answer');
    await main.locator('[id="answers.volunteers"]').fill('120');
    await fill.getByRole('button', { name: az('yearly_reports.submit') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('yearly_reports.submitted_note') })).toBeVisible();
    await expect(main.getByTestId('report-state')).toHaveText(az('yearly_reports.states.submitted'));
    await expect(main.getByTestId('report-fill')).toHaveCount(0);
    await expect(main.getByTestId('report-answers')).toContainText('120');
    await shots(page, 'report-submitted');
    await signOut(page, undefined, 'az');
  });

  await test.step('the chair sees it submitted and reads it', async () => {
    await signInAs(page, azAdmin);
    await openNetwork();
    const panel = main.getByRole('region', { name: az('yearly_reports.heading') });
    const kzRow = panel.getByTestId('report-row').filter({ hasText: kzOrg.name });
    await expect(kzRow).toHaveAttribute('data-state', 'submitted');
    await expect(kzRow).toContainText(az('yearly_reports.states.submitted'));
    await expect(panel.getByTestId('report-row').filter({ hasText: azOrg.name })).toHaveAttribute('data-state', 'missing');
    await axe(page, '/network (reports of the year)');
    await shots(page, 'reports-table');
    await kzRow.getByRole('link', { name: `${az('yearly_reports.read')} — ${kzOrg.name}` }).click();
    const answers = main.getByTestId('report-answers');
    await expect(answers).toContainText('Bu il könüllülərin sayı');
    await expect(answers).toContainText('120');
    await expect(answers).toContainText('Volunteer Week in Almaty');
    await expect(main.getByTestId('report-fill')).toHaveCount(0);
    await axe(page, '/network/report (read by the chair)');
    await shots(page, 'report-read');
  });
});
