// An organisation administrator keeps units, invites a coordinator by
// e-mail, the coordinator joins; the administrator sees the unit's history.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, text } from './fixtures';
import { createAdmin, createToken } from './cli';
import { linkIn, waitForMail } from './mail';
import { signOut } from './people';

const PASSWORD = 'a long passphrase';

test('an administrator adds a unit, invites a coordinator who joins, and reads the history', async ({ page, request }) => {
  const stamp = `${Date.now()}`;
  const code = `O${stamp.slice(-8)}`;
  const root = `root.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const token = createToken(root);
  const created = await request.post('/api/v1/organisations', {
    headers: { Authorization: `Bearer ${token}` },
    data: { slug: code, name: 'Dövlət Miqrasiya Xidməti', country: 'AZ' },
  });
  expect(created.status()).toBe(201);
  const hr = `hr.${stamp}@dmx.test`;
  createAdmin(hr, PASSWORD, code);

  await page.goto('/login');
  await page.getByLabel(text('az', 'auth.email')).fill(hr);
  await page.getByLabel(text('az', 'auth.password')).fill(PASSWORD);
  await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('link', { name: text('az', 'nav.staff') }).click();
  await page.getByRole('link', { name: 'Dövlət Miqrasiya Xidməti' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dövlət Miqrasiya Xidməti');

  await page.getByLabel(text('az', 'staff.unit_name')).fill('Miqrasiya siyasəti şöbəsi');
  await page.getByRole('button', { name: text('az', 'staff.add_unit') }).click();
  await expect(page.getByText('Miqrasiya siyasəti şöbəsi')).toBeVisible();
  await page.getByRole('button', { name: text('az', 'staff.retire') }).click();
  await expect(page.getByText(text('az', 'staff.retired'))).toBeVisible();
  const units = page.getByRole('region', { name: text('az', 'staff.units') });
  await units.getByRole('button', { name: text('az', 'staff.history') }).click();
  await expect(page.locator('.history li')).toHaveCount(2);

  // Give the administrator a second role, and see it in the organisation's history.
  await page.getByRole('combobox', { name: text('az', 'staff.role_to_add', { name: hr }) }).selectOption('trainer');
  await page.getByRole('button', { name: text('az', 'staff.add_role') }).click();
  await expect(page.locator('.role').filter({ hasText: text('az', 'roles.trainer') })).toBeVisible();
  const members = page.getByRole('region', { name: text('az', 'staff.members') });
  await members.getByRole('button', { name: text('az', 'staff.history') }).click();
  await expect(page.locator('.history li').filter({ hasText: 'grant_role' })).toHaveCount(1);

  const coordinator = `coord.${stamp}@dmx.test`;
  await page.getByLabel(text('az', 'auth.email')).fill(coordinator);
  await page.locator('#invite_role').selectOption('coordinator');
  await page.getByRole('button', { name: text('az', 'staff.send_invite') }).click();
  await expect(page.getByText(text('az', 'staff.invited', { email: coordinator }))).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: 'test-results/screenshots/organisation-375x812.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signOut(page);

  const invitation = await waitForMail(coordinator, 'Cohort-da Dövlət Miqrasiya Xidməti təşkilatına dəvət');
  // The coordinator has no account yet: register, then follow the link.
  await page.goto('/register');
  await page.getByLabel(text('az', 'auth.name')).fill('Nigar Həsənova');
  await page.getByLabel(text('az', 'auth.email')).fill(coordinator);
  await page.getByLabel(text('az', 'auth.password'), { exact: true }).fill(PASSWORD);
  await page.locator('#consent').check();
  await page.getByRole('button', { name: text('az', 'auth.register_button') }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await page.goto(linkIn(invitation.body));
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel(text('az', 'auth.email')).fill(coordinator);
  await page.getByLabel(text('az', 'auth.password')).fill(PASSWORD);
  await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
  await expect(page).toHaveURL(/\/invitations\/accept/);
  await page.getByRole('button', { name: text('az', 'staff.accept_button') }).click();
  await expect(page.getByRole('status')).toHaveText(text('az', 'staff.accepted_note'));
  await page.getByRole('link', { name: text('az', 'staff.title') }).first().click();
  await expect(page.getByRole('link', { name: 'Dövlət Miqrasiya Xidməti' })).toBeVisible();
  await expect(page.getByText(text('az', 'roles.coordinator'))).toBeVisible();
});

test.describe('platform administration', () => {
  test.use({ allowedConsoleErrors: [/status of 422/] });

  test('a platform administrator creates an organisation, with field errors for a bad code', async ({ page }) => {
    const stamp = `${Date.now()}`;
    const root = `platform.${stamp}@cohort.test`;
    createAdmin(root, PASSWORD);
    await page.goto('/login');
    await page.getByLabel(text('az', 'auth.email')).fill(root);
    await page.getByLabel(text('az', 'auth.password')).fill(PASSWORD);
    await page.getByRole('button', { name: text('az', 'auth.login_button') }).click();
    await expect(page).toHaveURL(/\/account$/);
    await page.goto('/staff');
    await page.getByLabel(text('az', 'staff.organisation_name')).fill('Beynəlxalq Könüllülər Mərkəzi');
    await page.locator('#org_slug').fill('ivc!');
    await page.getByRole('button', { name: text('az', 'staff.create_organisation') }).click();
    await expect(page.locator('#org_slug-error')).toHaveText('2–16 böyük hərf, rəqəm və ya "-"');
    await expect(page.getByLabel(text('az', 'staff.organisation_name'))).toHaveValue('Beynəlxalq Könüllülər Mərkəzi');
    const code = `I${stamp.slice(-8)}`;
    await page.locator('#org_slug').fill(code);
    await page.getByRole('button', { name: text('az', 'staff.create_organisation') }).click();
    await expect(page.getByRole('link', { name: 'Beynəlxalq Könüllülər Mərkəzi' })).toBeVisible();
    await expect(page.getByText(code)).toBeVisible();
  });
});
