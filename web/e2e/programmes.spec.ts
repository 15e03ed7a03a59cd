// An organisation administrator sets up a programme, an intake and its call
// (form builder, eligibility rules, errors at their inputs), publishes it,
// sees an application made through the API, retires a field that has
// answers, and starts next year's intake as a copy.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { createAdmin, createToken } from './cli';
import { verifyLink, waitForMail } from './mail';
import { PASSWORD, person, signIn } from './people';

test.use({ allowedConsoleErrors: [/status of 422/] });

/** "YYYY-MM-DDTHH:MM" on the wall clock in Baku (UTC+4 all year), `days` from now. */
function bakuLocal(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 4 * 3_600_000).toISOString().slice(0, 16);
}

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

async function axe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Adds a field of `type` at the end of the form and names it. */
async function addField(page: Page, type: string, key: string, label: string): Promise<number> {
  const index = await page.locator('fieldset[id^="form.fields["][id$="]"]').count();
  await page.locator('#add_field_type').selectOption(type);
  await page.getByRole('button', { name: text('az', 'call_editor.add_field') }).click();
  await expect(byId(page, `form.fields[${index}].key`)).toBeFocused();
  await byId(page, `form.fields[${index}].key`).fill(key);
  await byId(page, `form.fields[${index}].label.az`).fill(label);
  return index;
}

/** An applicant (through the API, in a context of their own) who applies to the call and submits. */
async function applyThroughApi(baseURL: string, callId: string): Promise<{ name: string; email: string }> {
  const who = person('applicant', { name: 'Leyla Quliyeva' });
  const api: APIRequestContext = await newRequest.newContext({ baseURL });
  try {
    const registered = await api.post('/api/v1/accounts', {
      data: { name: who.name, email: who.email, password: who.password, locale: 'az', consent: true },
    });
    expect(registered.status(), await registered.text()).toBe(202);
    const mail = await waitForMail(who.email, text('az', 'emails.verify_email.subject'));
    const token = new URLSearchParams(verifyLink(mail.body).split('?')[1]).get('token');
    expect((await api.post('/api/v1/accounts/verify', { data: { token } })).status()).toBe(200);
    const session = await api.post('/api/v1/session', { data: { email: who.email, password: who.password } });
    expect(session.status(), await session.text()).toBe(200);
    const csrf = ((await session.json()) as { csrf_token: string }).csrf_token;
    const headers = { 'X-CSRF-Token': csrf };

    const started = await api.post(`/api/v1/calls/${callId}/applications`, { headers, data: {} });
    expect(started.status(), await started.text()).toBe(201);
    const application = (await started.json()) as { id: string; version: number };
    const answers = {
      education: [{ university: 'ADA Universiteti', field_of_study: 'Hüquq', degree: 'bachelor', graduation_year: 2024 }],
      country: 'az',
      motivation: 'Diplomatiya ilə məşğul olmaq istəyirəm.',
      consent: true,
    };
    const saved = await api.patch(`/api/v1/applications/${application.id}`, {
      headers,
      data: { answers, version: application.version },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    const submitted = await api.post(`/api/v1/applications/${application.id}/submit`, { headers, data: {} });
    expect(submitted.status(), await submitted.text()).toBe(200);
    return { name: who.name, email: who.email };
  } finally {
    await api.dispose();
  }
}

test('a coordinator sets up a programme, an intake and its call, and starts the next intake as a copy', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const stamp = `${Date.now()}`;
  const slug = `P${stamp.slice(-8)}`;
  const root = `root.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const token = createToken(root);
  const created = await request.post('/api/v1/organisations', {
    headers: { Authorization: `Bearer ${token}` },
    data: { slug, name: 'Xarici İşlər Nazirliyi', country: 'AZ' },
  });
  expect(created.status()).toBe(201);
  const organisation = (await created.json()) as { id: string };
  const hr = `hr.${stamp}@mfa.test`;
  createAdmin(hr, PASSWORD, slug);

  await signIn(page, hr, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('link', { name: text('az', 'nav.staff') }).click();
  await page.getByRole('link', { name: 'Xarici İşlər Nazirliyi' }).click();
  await expect(page).toHaveURL(new RegExp(`/organisation\\?id=${organisation.id}$`));

  // A programme: first with a code the server refuses, the error at its input.
  const programmes = page.getByRole('region', { name: text('az', 'programmes.heading'), exact: true });
  await expect(programmes.getByText(text('az', 'programmes.none'))).toBeVisible();
  await programmes.getByLabel(text('az', 'programmes.name')).fill('Diplomatiya Könüllüləri');
  await programmes.getByLabel(text('az', 'programmes.code')).fill('dv-1');
  await programmes.getByLabel(text('az', 'programmes.description')).fill('Altı aylıq könüllü təcrübə proqramı.');
  await programmes.getByRole('button', { name: text('az', 'programmes.create') }).click();
  await expect(page.locator('#programme_code-error')).toBeVisible();
  await expect(page.locator('#programme_code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#programme_code')).toBeFocused();
  await expect(programmes.getByLabel(text('az', 'programmes.name'))).toHaveValue('Diplomatiya Könüllüləri');
  await page.locator('#programme_code').fill('DV');
  await programmes.getByRole('button', { name: text('az', 'programmes.create') }).click();
  await expect(programmes.getByText(text('az', 'programmes.created', { name: 'Diplomatiya Könüllüləri' }))).toBeVisible();
  await expect(page.locator('#programme_code-error')).toHaveCount(0);
  await programmes.getByRole('link', { name: 'Diplomatiya Könüllüləri' }).click();

  // The programme: an intake.
  await expect(page).toHaveURL(/\/programme\?id=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diplomatiya Könüllüləri');
  await expect(page.getByText(text('az', 'programmes.no_intakes'))).toBeVisible();
  await expect(page.locator('#intake_time_zone')).toHaveValue('Asia/Baku');
  await axe(page);
  await page.getByLabel(text('az', 'programmes.intake_name')).fill('2026–2027');
  await page.getByLabel(text('az', 'programmes.starts_on')).fill('2027-03-01');
  await page.getByLabel(text('az', 'programmes.ends_on')).fill('2027-08-31');
  await page.getByLabel(text('az', 'programmes.capacity')).fill('95');
  await page.getByRole('button', { name: text('az', 'programmes.create_intake') }).click();
  await expect(page).toHaveURL(/\/intake\?id=/);
  const firstIntake = new URL(page.url()).searchParams.get('id') ?? '';
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026–2027');
  await expect(page.getByText(text('az', 'call_editor.no_call_yet'))).toBeVisible();

  // The call: texts in two languages, the window, a form and two rules.
  await byId(page, 'title.az').fill('Diplomatiya Könüllüləri 2026');
  await byId(page, 'description.az').fill('**Altı ay** nazirliyin departamentlərində təcrübə.');
  await page.getByRole('tab', { name: 'English' }).click();
  await expect(page.getByRole('tab', { name: 'English' })).toHaveAttribute('aria-selected', 'true');
  await byId(page, 'title.en').fill('Diplomacy Volunteers 2026');
  await page.locator('#opens_at_local').fill(bakuLocal(-1));
  await page.locator('#closes_at_local').fill(bakuLocal(30));
  await expect(page.locator('#time_zone')).toHaveValue('Asia/Baku');

  await addField(page, 'education', 'education', 'Təhsil');
  await byId(page, 'form.fields[0].required').check();
  await addField(page, 'single_choice', 'residency', 'Daimi yaşayış yeri');
  await byId(page, 'form.fields[1].options[0].value').fill('az');
  await byId(page, 'form.fields[1].options[0].label.az').fill('Azərbaycan');
  await byId(page, 'form.fields[1].options[1].value').fill('other');
  await byId(page, 'form.fields[1].options[1].label.az').fill('Başqa ölkə');
  await addField(page, 'long_text', 'motivation', 'Niyə bu proqram?');
  await byId(page, 'form.fields[2].max_words').fill('300');
  await addField(page, 'consent', 'consent', 'Şəxsi məlumatlarımın işlənməsinə razıyam');
  await byId(page, 'form.fields[3].required').check();

  // Fields move up and down; the keyboard stays on the button pressed.
  const up4 = page.getByRole('button', { name: `${text('az', 'call_editor.move_up')} ${text('az', 'call_editor.field_n', { n: '4' })}` });
  await up4.click();
  await expect(byId(page, 'form.fields[2].key')).toHaveValue('consent');
  await expect(page.getByRole('button', { name: `${text('az', 'call_editor.move_up')} ${text('az', 'call_editor.field_n', { n: '3' })}` })).toBeFocused();
  await page.getByRole('button', { name: `${text('az', 'call_editor.move_down')} ${text('az', 'call_editor.field_n', { n: '3' })}` }).click();
  await expect(byId(page, 'form.fields[3].key')).toHaveValue('consent');
  await expect(byId(page, 'form.fields[2].key')).toHaveValue('motivation');

  await page.locator('#add_rule_kind').selectOption('field_of_study_in');
  await page.getByRole('button', { name: text('az', 'call_editor.add_rule') }).click();
  await expect(byId(page, 'eligibility.rules[0].field')).toHaveValue('education');
  await byId(page, 'eligibility.rules[0].values').fill('Beynəlxalq münasibətlər\nHüquq');
  await byId(page, 'eligibility.rules[0].knock_out').check();
  await page.locator('#add_rule_kind').selectOption('answer');
  await page.getByRole('button', { name: text('az', 'call_editor.add_rule') }).click();
  await byId(page, 'eligibility.rules[1].field').selectOption('residency');
  await byId(page, 'eligibility.rules[1].value').fill('az');

  // Renaming the field leaves the rule naming one the form no longer has.
  await byId(page, 'form.fields[1].key').fill('country');
  await expect(byId(page, 'eligibility.rules[1].field')).toHaveValue('residency');
  await page.getByRole('button', { name: text('az', 'call_editor.save') }).click();
  await expect(byId(page, 'eligibility.rules[1].field-error')).toBeVisible();
  await expect(byId(page, 'eligibility.rules[1].field')).toHaveAttribute('aria-invalid', 'true');
  await expect(byId(page, 'eligibility.rules[1].field')).toBeFocused();
  const summary = page.getByRole('alert').filter({ hasText: text('az', 'call_editor.rule_n', { n: '2' }) });
  await expect(summary).toBeVisible();
  // Nothing typed is lost.
  await expect(byId(page, 'form.fields[1].key')).toHaveValue('country');
  await expect(byId(page, 'form.fields[2].max_words')).toHaveValue('300');
  await expect(byId(page, 'title.en')).toHaveValue('Diplomacy Volunteers 2026');

  await byId(page, 'eligibility.rules[1].field').selectOption('country');
  await page.locator('#published').check();
  await page.getByRole('button', { name: text('az', 'call_editor.save') }).click();
  await expect(page.getByText(text('az', 'call_editor.saved'))).toBeVisible();
  await expect(byId(page, 'eligibility.rules[1].field-error')).toHaveCount(0);
  await expect(page.getByText(text('az', 'call_editor.states.open'), { exact: true })).toBeVisible();

  // Saved: a reload shows it all again.
  await page.reload();
  await expect(byId(page, 'title.az')).toHaveValue('Diplomatiya Könüllüləri 2026');
  await expect(page.locator('#published')).toBeChecked();
  await expect(page.locator('fieldset[id^="form.fields["][id$="]"]')).toHaveCount(4);
  await expect(byId(page, 'form.fields[1].key')).toHaveValue('country');
  await expect(byId(page, 'form.fields[1].options[1].label.az')).toHaveValue('Başqa ölkə');
  await expect(byId(page, 'form.fields[2].max_words')).toHaveValue('300');
  await expect(byId(page, 'eligibility.rules[0].knock_out')).toBeChecked();
  await expect(byId(page, 'eligibility.rules[1].field')).toHaveValue('country');
  await page.getByRole('tab', { name: 'English' }).click();
  await expect(byId(page, 'title.en')).toHaveValue('Diplomacy Volunteers 2026');

  // An application made through the API shows in the table.
  const call = (await (await page.request.get(`/api/v1/intakes/${firstIntake}/call`)).json()) as { id: string };
  const applicant = await applyThroughApi(baseURL ?? '', call.id);
  await page.reload();
  const applications = page.getByRole('region', { name: text('az', 'intake.applications'), exact: true });
  await expect(applications.getByText(text('az', 'intake.total_one', { count: '1' }))).toBeVisible();
  const row = applications.getByRole('row').filter({ hasText: applicant.email });
  await expect(row).toContainText(applicant.name);
  await expect(row).toContainText(text('az', 'intake.states.submitted'));
  await expect(row).toContainText(text('az', 'intake.outcomes.eligible'));
  await expect(row.getByRole('link')).toHaveAttribute('href', /^\/application\?id=/);
  await expect(row.getByRole('link')).toHaveText(/^DV-|-DV-/);
  // Filters: a search that finds it, a state that does not.
  await applications.getByLabel(text('az', 'intake.search')).fill(applicant.email);
  await applications.getByRole('button', { name: text('az', 'intake.apply_filters') }).click();
  await expect(applications.getByRole('row').filter({ hasText: applicant.email })).toHaveCount(1);
  await applications.getByLabel(text('az', 'intake.filter_state')).selectOption('withdrawn');
  await applications.getByRole('button', { name: text('az', 'intake.apply_filters') }).click();
  await expect(applications.getByText(text('az', 'intake.total_other', { count: '0' }))).toBeVisible();
  await expect(applications.getByRole('table')).toHaveCount(0);
  await axe(page);

  await page.setViewportSize({ width: 375, height: 812 });
  await applications.getByLabel(text('az', 'intake.filter_state')).selectOption('');
  await applications.getByRole('button', { name: text('az', 'intake.apply_filters') }).click();
  await expect(applications.getByRole('table')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/intake-375x812.png', fullPage: true });
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await axe(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // A field with answers cannot go; it can be retired instead.
  await page.getByRole('button', { name: `${text('az', 'call_editor.remove')} ${text('az', 'call_editor.field_n', { n: '3' })}` }).click();
  await expect(page.locator('fieldset[id^="form.fields["][id$="]"]')).toHaveCount(3);
  await page.getByRole('button', { name: text('az', 'call_editor.save') }).click();
  const retire = page.getByRole('button', { name: text('az', 'call_editor.retire_instead', { key: 'motivation' }) });
  await expect(retire).toBeVisible();
  await retire.click();
  await expect(byId(page, 'form.fields[2].key')).toHaveValue('motivation');
  await expect(byId(page, 'form.fields[2].retired')).toBeChecked();
  await page.getByRole('button', { name: text('az', 'call_editor.save') }).click();
  await expect(page.getByText(text('az', 'call_editor.saved'))).toBeVisible();
  await page.reload();
  await expect(byId(page, 'form.fields[2].retired')).toBeChecked();

  // Next year's intake starts as a copy of this one: the call comes along, unpublished, without applications.
  await page
    .getByRole('navigation', { name: text('az', 'programmes.breadcrumb') })
    .getByRole('link', { name: 'Diplomatiya Könüllüləri' })
    .click();
  await expect(page.getByRole('link', { name: '2026–2027' })).toBeVisible();
  await page.getByLabel(text('az', 'programmes.intake_name')).fill('2027–2028');
  await page.getByLabel(text('az', 'programmes.starts_on')).fill('2028-03-01');
  await page.getByLabel(text('az', 'programmes.ends_on')).fill('2028-08-31');
  await page.getByLabel(text('az', 'programmes.capacity')).fill('100');
  await page.getByLabel(text('az', 'programmes.clone_from')).selectOption({ label: '2026–2027' });
  await page.getByRole('button', { name: text('az', 'programmes.create_intake') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2027–2028');
  expect(new URL(page.url()).searchParams.get('id')).not.toBe(firstIntake);
  await expect(byId(page, 'title.az')).toHaveValue('Diplomatiya Könüllüləri 2026');
  await expect(page.locator('fieldset[id^="form.fields["][id$="]"]')).toHaveCount(4);
  await expect(byId(page, 'form.fields[0].key')).toHaveValue('education');
  await expect(byId(page, 'form.fields[1].key')).toHaveValue('country');
  await expect(byId(page, 'form.fields[1].options[0].value')).toHaveValue('az');
  await expect(byId(page, 'eligibility.rules[1].field')).toHaveValue('country');
  await expect(page.locator('#published')).not.toBeChecked();
  await expect(page.locator('#opens_at_local')).toHaveValue('');
  await expect(page.getByText(text('az', 'call_editor.states.draft'), { exact: true })).toBeVisible();
  const copied = page.getByRole('region', { name: text('az', 'intake.applications'), exact: true });
  await expect(copied.getByText(text('az', 'intake.total_other', { count: '0' }))).toBeVisible();

  // The programme lists both intakes, newest first.
  await page
    .getByRole('navigation', { name: text('az', 'programmes.breadcrumb') })
    .getByRole('link', { name: 'Diplomatiya Könüllüləri' })
    .click();
  const intakes = page.getByRole('region', { name: text('az', 'programmes.intakes'), exact: true }).getByRole('listitem');
  await expect(intakes).toHaveCount(2);
  await expect(intakes.first()).toContainText('2027–2028');
});

test.describe('intake details', () => {
  test('an administrator changes an intake, with an error at the end date', async ({ page, request }) => {
    const stamp = `${Date.now()}`;
    const slug = `Q${stamp.slice(-8)}`;
    const root = `root.${stamp}@cohort.test`;
    createAdmin(root, PASSWORD);
    const token = createToken(root);
    const auth = { Authorization: `Bearer ${token}` };
    const org = (await (await request.post('/api/v1/organisations', { headers: auth, data: { slug, name: 'Dövlət Miqrasiya Xidməti', country: 'AZ' } })).json()) as { id: string };
    const hr = `hr.${stamp}@dmx.test`;
    createAdmin(hr, PASSWORD, slug);
    const adminToken = createToken(hr);
    const mine = { Authorization: `Bearer ${adminToken}` };
    const programme = await request.post(`/api/v1/organisations/${org.id}/programmes`, {
      headers: mine,
      data: { name: 'Miqrasiya Məktəbi', code: 'MM', description: '' },
    });
    expect(programme.status(), await programme.text()).toBe(201);
    const { id: programmeId } = (await programme.json()) as { id: string };
    const intake = await request.post(`/api/v1/programmes/${programmeId}/intakes`, {
      headers: mine,
      data: { name: '2025–2026', starts_on: '2026-03-01', ends_on: '2026-08-31', capacity: 30, time_zone: 'Asia/Baku' },
    });
    expect(intake.status(), await intake.text()).toBe(201);
    const { id: intakeId } = (await intake.json()) as { id: string };

    await signIn(page, hr, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/intake?id=${intakeId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2025–2026');
    const details = page.getByRole('region', { name: text('az', 'intake.details'), exact: true });
    await details.getByLabel(text('az', 'programmes.ends_on')).fill('2025-01-01');
    await details.getByRole('button', { name: text('az', 'intake.save_details') }).click();
    await expect(page.locator('#intake_ends_on-error')).toBeVisible();
    await expect(page.locator('#intake_ends_on')).toBeFocused();
    await details.getByLabel(text('az', 'programmes.ends_on')).fill('2026-09-30');
    await details.getByLabel(text('az', 'programmes.intake_name')).fill('2025–2026 (yaz)');
    await details.getByLabel(text('az', 'programmes.capacity')).fill('27');
    await details.getByRole('button', { name: text('az', 'intake.save_details') }).click();
    await expect(details.getByText(text('az', 'intake.details_saved'))).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2025–2026 (yaz)');
    await page.reload();
    await expect(page.locator('#intake_capacity')).toHaveValue('27');
    await expect(page.locator('#intake_ends_on')).toHaveValue('2026-09-30');
  });
});
