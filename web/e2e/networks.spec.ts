// Networks and events, end to end through the pages (docs/api/networks.md).
// Prepared with the command line and the API: a platform administrator, two
// organisations (the host and a member from another country) each with an
// administrator, and a registered person who becomes a network
// administrator. In the browser:
// - the platform administrator opens "Networks" from the header, is told
//   beside the fields what is wrong with a bad code and a missing name,
//   creates the network and renames it (name and description), adds three
//   organisations as members and removes the third (after a question), adds
//   the person and the second member's administrator as network
//   administrators (an unknown address is refused beside the field),
//   sets the chair of next year and is told clearly that the year is taken
//   when setting it again;
// - the network administrator removes the second network administrator,
//   creates a forum hosted by the first member, adds a session to its agenda
//   (an end before the start is refused beside the field) and removes it
//   (after a question),
//   and moves the registration deadline (the host shown, not changeable);
//   a second event, made through the API, has closed;
// - the second member's administrator registers a delegation: four people
//   where the host takes three are refused, then two heads and a delegate
//   without a name (the first above the form, the name beside that
//   delegate's field), then it is saved; on a second event whose registration
//   has closed, saving is refused in words;
// - the host's administrator registers theirs, sees both delegations, and
//   downloads the badges (a PDF, all of them and one delegation's);
// - the host, chair of next year, hands the chair over to the other member
//   with a note, and the history shows it.
// Every page is checked with axe; screenshots at 1280 and 375 px land in
// /tmp/shots-A.
import AxeBuilder from '@axe-core/playwright';
import { request as newRequest, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { bakuLocal, registerThroughApi } from './calls-setup';
import { createAdmin, createToken } from './cli';
import { expect, test, text, useLocale } from './fixtures';
import { accountButton, PASSWORD, person, signIn, signOut } from './people';

// The refusals this test provokes on purpose (bad input, a year's chair taken) show on the console.
test.use({ allowedConsoleErrors: [/the server responded with a status of (409|422)/] });

const SHOTS = process.env.COHORT_E2E_SHOTS ?? '/tmp/shots-A';
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
    await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
    const shown = await page.locator('main').innerText();
    expect(shown.match(/\b(networks|events|field_errors|badge)\.[a-z_.]+/g), `catalogue keys on ${name}`).toBeNull();
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

async function signOutNow(page: Page): Promise<void> {
  await signOut(page, undefined, 'az');
}

/** "YYYY-MM-DD", `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('a network: members, chair and hand-over; an event with a session, delegations and badges', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const stamp = `${Date.now()}`.slice(-7);

  // Prepared outside the pages: accounts and organisations.
  const root = `root.net.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(root)}` } });
  const orgs = [
    { code: `NA${stamp.slice(-5)}`, name: `Gənclər Fondu ${stamp}`, country: 'AZ' },
    { code: `NB${stamp.slice(-5)}`, name: `Gençlik Merkezi ${stamp}`, country: 'TR' },
    { code: `NC${stamp.slice(-5)}`, name: `Jashtar Borboru ${stamp}`, country: 'KG' },
  ];
  const ids: string[] = [];
  for (const o of orgs) {
    const created = await api.post('/api/v1/organisations', { data: { slug: o.code, name: o.name, country: o.country } });
    expect(created.status(), await created.text()).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  const hostId = ids[0] ?? '';
  let networkId = '';
  let closedEvent = '';
  await api.dispose();
  const [host, member] = orgs as [(typeof orgs)[0], (typeof orgs)[0]];
  const hostAdmin = `admin.host.${stamp}@cohort.test`;
  const memberAdmin = `admin.member.${stamp}@cohort.test`;
  createAdmin(hostAdmin, PASSWORD, host.code);
  createAdmin(memberAdmin, PASSWORD, member.code);
  const netAdmin = person('netadmin', { name: 'Nigar Həsənova' });
  const context = await newRequest.newContext({ baseURL });
  await registerThroughApi(context, netAdmin);
  await context.dispose();

  await useLocale(page, 'az');
  const main = page.getByRole('main');
  const networkName = `International Volunteer Center ${stamp}`;
  const draftName = `Volunteer Centre draft ${stamp}`;
  const code = `IVC-${stamp.slice(-4)}`;
  const year = new Date().getFullYear() + 1;

  await test.step('the platform administrator creates the network', async () => {
    await signInAs(page, root);
    await page.getByRole('banner').getByRole('link', { name: az('nav.networks') }).click();
    await expect(main.getByRole('heading', { level: 1, name: az('networks.title') })).toBeVisible();
    await main.getByLabel(az('networks.code'), { exact: true }).fill('i');
    await main.getByRole('button', { name: az('networks.create') }).click();
    await expect(main.locator('#network_code-error')).toHaveText(az('networks.code_invalid'));
    await expect(main.locator('#network_name-error')).toHaveText(az('field_errors.required'));
    await expect(main.getByLabel(az('networks.code'), { exact: true })).toBeFocused();
    await shots(page, 'networks-errors');
    await main.getByLabel(az('networks.code'), { exact: true }).fill(code);
    await main.getByLabel(az('networks.name'), { exact: true }).fill(draftName);
    await main.getByLabel(az('networks.description'), { exact: true }).fill('Member organisations.');
    await main.getByRole('button', { name: az('networks.create') }).click();
    await expect(page).toHaveURL(/\/network\?id=/);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(`${draftName} (${code})`);
    networkId = new URL(page.url()).searchParams.get('id') ?? '';
    // Renamed, with a fuller description: the page shows both at once.
    await main.getByRole('button', { name: az('networks.change_details') }).click();
    const details = main.getByTestId('network-details-form');
    await expect(details.getByLabel(az('networks.name'), { exact: true })).toHaveValue(draftName);
    await details.getByLabel(az('networks.name'), { exact: true }).fill(networkName);
    await details.getByLabel(az('networks.description'), { exact: true }).fill('Member organisations of six countries; a rotating chair.');
    await details.getByRole('button', { name: az('networks.save_details') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('networks.details_saved') })).toBeVisible();
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(`${networkName} (${code})`);
    await expect(main.getByText('Member organisations of six countries; a rotating chair.')).toBeVisible();
    await expect(details).toHaveCount(0);
  });

  await test.step('members, a network administrator and the chair of next year', async () => {
    for (const o of orgs) {
      await main.getByLabel(az('networks.organisation'), { exact: true }).selectOption({ label: `${o.name} (${o.country})` });
      await main.getByRole('button', { name: az('networks.add_member') }).click();
      await expect(main.getByTestId('network-members')).toContainText(o.name);
    }
    // The third was added by mistake: removed after a question.
    const third = orgs[2]?.name ?? '';
    await main.getByTestId('network-members').getByRole('button', { name: `${az('networks.remove_member')} ${third}` }).click();
    const dialog = page.getByTestId('remove-member');
    await expect(dialog).toContainText(az('networks.remove_member_title', { name: third }));
    await dialog.getByRole('button', { name: az('networks.remove_member'), exact: true }).click();
    await expect(main.getByTestId('network-members').getByRole('listitem')).toHaveCount(2);
    await expect(main.getByTestId('network-members')).not.toContainText(third);
    await main.getByLabel(az('networks.admin_email'), { exact: true }).fill(`nobody.${stamp}@example.az`);
    await main.getByRole('button', { name: az('networks.add_admin') }).click();
    await expect(main.locator('#admin_email-error')).toHaveText(az('field_errors.unknown_account'));
    // The person, and the second member's administrator (by mistake: the person removes them).
    for (const email of [netAdmin.email, memberAdmin]) {
      await main.getByLabel(az('networks.admin_email'), { exact: true }).fill(email);
      await main.getByRole('button', { name: az('networks.add_admin') }).click();
      await expect(main.getByTestId('network-admins')).toContainText(email);
    }

    await main.getByLabel(az('networks.year'), { exact: true }).fill(String(year));
    await main.getByLabel(az('networks.chair'), { exact: true }).selectOption({ label: host.name });
    await main.getByRole('button', { name: az('networks.set_chair') }).click();
    await expect(main.locator(`[data-testid="chair-row"][data-year="${year}"]`)).toContainText(host.name);
    // A year has one chair: setting it again is refused in words.
    await main.getByLabel(az('networks.chair'), { exact: true }).selectOption({ label: member.name });
    await main.getByRole('button', { name: az('networks.set_chair') }).click();
    await expect(main.getByRole('alert')).toContainText(az('networks.chair_taken', { year: String(year), name: host.name }));
    await expect(main.getByTestId('network-dashboard')).toContainText(host.name);
    await expect(main.getByTestId('dashboard-chart')).toBeVisible();
    await axe(page, '/network (platform administrator)');
    await shots(page, 'network-admin');
    await signOutNow(page);
  });

  const eventTitle = `Volunteer Forum ${stamp}`;
  const bakuDeadline = bakuLocal(10);
  await test.step('the network administrator creates an event with a session', async () => {
    await signInAs(page, netAdmin.email);
    await page.getByRole('banner').getByRole('link', { name: az('nav.networks') }).click();
    await main.getByRole('link', { name: networkName }).click();
    await expect(main.getByTestId('network-admin-note')).toBeVisible();
    // A second administrator can go; the last one cannot (no button).
    const admins = main.getByTestId('network-admins');
    await admins.getByRole('listitem').filter({ hasText: memberAdmin }).getByRole('button', { name: az('networks.remove_admin') }).click();
    await expect(admins.getByRole('listitem')).toHaveCount(1);
    await expect(admins).not.toContainText(memberAdmin);
    await expect(admins.getByRole('button')).toHaveCount(0);
    await main.getByLabel(az('events.kind'), { exact: true }).selectOption('forum');
    await main.getByLabel(az('events.host'), { exact: true }).selectOption({ label: host.name });
    await main.getByLabel(az('events.title_label'), { exact: true }).fill(eventTitle);
    await main.getByLabel(az('events.description'), { exact: true }).fill('Three days of sessions on volunteering across the region.');
    await main.getByLabel(az('events.place'), { exact: true }).fill('Baku, Youth Palace');
    await main.getByLabel(az('events.starts_on'), { exact: true }).fill(day(40));
    await main.getByLabel(az('events.ends_on'), { exact: true }).fill(day(42));
    await main.getByLabel(az('events.time_zone'), { exact: true }).selectOption('Asia/Baku');
    await main.getByLabel(az('events.registration_closes'), { exact: true }).fill(bakuDeadline);
    await main.getByLabel(az('events.delegation_limit'), { exact: true }).fill('3');
    await main.getByRole('button', { name: az('events.create') }).click();
    await expect(page).toHaveURL(/\/event\?id=/);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
    await expect(main.getByTestId('event-deadline')).toContainText('Asia/Baku');
    // A second event, made through the API, whose registration closed yesterday.
    const rootApi = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(root)}` } });
    const closed = await rootApi.post(`/api/v1/networks/${networkId}/events`, {
      data: {
        kind: 'meeting',
        title: `Closed meeting ${stamp}`,
        description: '',
        place: 'Ankara',
        host_organisation_id: hostId,
        starts_on: day(5),
        ends_on: day(5),
        time_zone: 'Asia/Baku',
        registration_closes_at: new Date(Date.now() - 86_400_000).toISOString(),
        delegation_limit: 2,
      },
    });
    expect(closed.status(), await closed.text()).toBe(201);
    closedEvent = ((await closed.json()) as { id: string }).id;
    await rootApi.dispose();

    await main.getByLabel(az('events.session_title'), { exact: true }).fill('Opening plenary');
    await main.getByLabel(az('events.place'), { exact: true }).fill('Main hall');
    await main.getByLabel(az('events.session_starts'), { exact: true }).fill(`${day(40)}T10:00`);
    await main.getByLabel(az('events.session_ends'), { exact: true }).fill(`${day(40)}T09:00`);
    await main.getByRole('button', { name: az('events.add_session') }).click();
    await expect(main.locator('#session_ends-error')).toHaveText(az('field_errors.ends_before_start'));
    await main.getByLabel(az('events.session_ends'), { exact: true }).fill(`${day(40)}T12:00`);
    await main.getByRole('button', { name: az('events.add_session') }).click();
    await expect(main.getByTestId('event-sessions')).toContainText('Opening plenary');
    await expect(main.getByTestId('event-sessions')).toContainText('10:00–12:00');
    await axe(page, '/event (network administrator)');
    // The session was a draft: removed, the agenda is empty again.
    await main.getByTestId('event-sessions').getByRole('button', { name: `${az('events.remove_session')} Opening plenary` }).click();
    const removeSession = page.getByTestId('remove-session');
    await expect(removeSession).toContainText(az('events.remove_session_title', { title: 'Opening plenary' }));
    await removeSession.getByRole('button', { name: az('events.remove_session'), exact: true }).click();
    await expect(main.getByTestId('event-sessions')).toHaveCount(0);
    await expect(main.getByText(az('events.no_sessions'))).toBeVisible();

    // The registration deadline moves, typed on the event's clock; the host is shown, not changeable.
    await main.getByRole('button', { name: az('events.change') }).click();
    const change = main.getByTestId('event-change-form');
    await expect(change.getByRole('heading', { name: az('events.change_heading') })).toBeFocused();
    await expect(change.getByTestId('event-host-fixed')).toContainText(host.name);
    await expect(change.locator('#event_host')).toHaveCount(0);
    await expect(change.getByLabel(az('events.title_label'), { exact: true })).toHaveValue(eventTitle);
    await expect(change.getByLabel(az('events.registration_closes'), { exact: true })).toHaveValue(bakuDeadline);
    const moved = `${day(30)}T17:45`;
    await change.getByLabel(az('events.registration_closes'), { exact: true }).fill(moved);
    await axe(page, '/event (changing the event)');
    await shots(page, 'event-change');
    await change.getByRole('button', { name: az('events.save_changes') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('events.changed') })).toBeVisible();
    await expect(change).toHaveCount(0);
    await expect(main.getByRole('button', { name: az('events.change') })).toBeFocused();
    const [y, m, d] = moved.slice(0, 10).split('-');
    await expect(main.getByTestId('event-deadline')).toContainText(
      az('format.date_time', { date: az('format.date', { day: String(Number(d)), month: az(`format.months.${Number(m)}`), year: y ?? '' }), time: '17:45' }),
    );
    await expect(main.getByTestId('event-deadline')).toContainText('Asia/Baku');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
    await signOutNow(page);
  });

  const openEvent = async () => {
    await page.getByRole('banner').getByRole('link', { name: az('nav.networks') }).click();
    await main.getByRole('link', { name: networkName }).click();
    await main.getByRole('link', { name: eventTitle }).click();
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
  };

  await test.step('a member registers its delegation (two heads refused first)', async () => {
    await signInAs(page, memberAdmin);
    await openEvent();
    const editor = main.getByTestId('delegation-editor');
    await expect(editor.getByRole('heading', { name: az('events.delegation_of_name', { name: member.name }) })).toBeVisible();
    const first = editor.getByRole('group', { name: az('events.delegate_n', { n: '1' }) });
    await first.getByLabel(az('events.delegate_name'), { exact: true }).fill('Ayşe Yılmaz');
    await first.getByLabel(az('events.delegate_email'), { exact: true }).fill('ayse@genclik.test');
    await first.getByLabel(az('events.arrival'), { exact: true }).fill('12 May, TK 332 at 14:20');
    // Four people where the host takes three: refused above the form; the extra two are removed.
    for (const n of ['2', '3', '4']) {
      await editor.getByRole('button', { name: az('events.add_delegate') }).click();
      await editor.getByRole('group', { name: az('events.delegate_n', { n }) }).getByLabel(az('events.delegate_name'), { exact: true }).fill(`Delegate ${n}`);
    }
    await editor.getByRole('button', { name: az('events.save_delegation') }).click();
    await expect(editor.getByRole('alert')).toContainText(az('events.too_many_people', { limit: '3' }));
    for (const n of ['4', '3']) {
      await editor.getByRole('group', { name: az('events.delegate_n', { n }) }).getByRole('button', { name: az('events.remove_delegate') }).click();
    }
    await expect(editor.getByTestId('delegate-fieldset')).toHaveCount(2);
    // Two heads, and the second without a name.
    const second = editor.getByRole('group', { name: az('events.delegate_n', { n: '2' }) });
    await second.getByLabel(az('events.delegate_name'), { exact: true }).fill('');
    await second.getByLabel(az('events.delegate_role'), { exact: true }).selectOption('head');
    await editor.getByRole('button', { name: az('events.save_delegation') }).click();
    await expect(editor.getByRole('alert')).toContainText(az('events.one_head'));
    await expect(second.locator('[id="delegates[1].name-error"]')).toHaveText(az('field_errors.required'));
    await expect(second.getByLabel(az('events.delegate_name'), { exact: true })).toBeFocused();
    await shots(page, 'event-delegation-errors');

    await second.getByLabel(az('events.delegate_role'), { exact: true }).selectOption('member');
    await second.getByLabel(az('events.delegate_name'), { exact: true }).fill('Mehmet Demir');
    await second.getByLabel(az('events.accommodation'), { exact: true }).fill('Hotel Baku, room shared');
    await editor.getByRole('button', { name: az('events.save_delegation') }).click();
    await expect(editor.getByRole('status')).toContainText(az('events.delegation_saved', { name: member.name, n: '2' }));
    const own = main.locator(`[data-testid="delegation"][data-organisation="${member.name}"]`);
    await expect(own.getByTestId('delegate-row')).toHaveCount(2);
    await expect(own.getByTestId('delegate-row').first()).toContainText('Ayşe Yılmaz');
    // A member's staff sees its own delegation only.
    await expect(main.getByTestId('delegation')).toHaveCount(1);
    await axe(page, '/event (member)');

    // An event whose registration has closed: the page says so, and saving is refused in words.
    await page.goto(`/event?id=${closedEvent}`);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(`Closed meeting ${stamp}`);
    await expect(main.getByText(az('events.closed_note'))).toBeVisible();
    const closedEditor = main.getByTestId('delegation-editor');
    await closedEditor.getByRole('group', { name: az('events.delegate_n', { n: '1' }) }).getByLabel(az('events.delegate_name'), { exact: true }).fill('Ayşe Yılmaz');
    await closedEditor.getByRole('button', { name: az('events.save_delegation') }).click();
    const closedAlert = closedEditor.getByRole('alert');
    await expect(closedAlert).toContainText(az('events.registration_closed').split('{{time}}')[1] ?? '');
    await expect(closedAlert).toContainText('Asia/Baku');
    await signOutNow(page);
  });

  await test.step('the host registers, sees every delegation and downloads the badges', async () => {
    await signInAs(page, hostAdmin);
    await openEvent();
    const editor = main.getByTestId('delegation-editor');
    const first = editor.getByRole('group', { name: az('events.delegate_n', { n: '1' }) });
    await first.getByLabel(az('events.delegate_name'), { exact: true }).fill('Rəşad Məmmədov');
    await editor.getByRole('button', { name: az('events.save_delegation') }).click();
    await expect(editor.getByRole('status')).toContainText(az('events.delegation_saved', { name: host.name, n: '1' }));
    await expect(main.getByTestId('delegation')).toHaveCount(2);
    await expect(main.getByTestId('delegations')).toContainText('Mehmet Demir');

    const all = main.getByTestId('badges-all');
    const href = await all.getAttribute('href');
    expect(href).toMatch(/\/badges\?lang=az$/);
    const pdf = await page.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const download = page.waitForEvent('download');
    await all.click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    const one = main.locator(`[data-testid="delegation"][data-organisation="${member.name}"]`).getByTestId('badges-one');
    const oneHref = await one.getAttribute('href');
    expect(oneHref).toContain('organisation=');
    const onePdf = await page.request.get(oneHref ?? '');
    expect(onePdf.headers()['content-type']).toMatch(/^application\/pdf/);
    await axe(page, '/event (host)');
    await shots(page, 'event-host');
  });

  await test.step('the chair of next year hands over to the other member', async () => {
    await page.getByRole('link', { name: az('events.back', { network: networkName }) }).click();
    const form = main.getByTestId('hand-over-form');
    await expect(form.getByRole('heading')).toHaveText(az('networks.hand_over_heading', { year: String(year), name: host.name }));
    await form.getByLabel(az('networks.successor', { year: String(year + 1) }), { exact: true }).selectOption({ label: member.name });
    await form.getByLabel(az('networks.hand_over_note'), { exact: true }).fill('The archive and the contacts of the partner ministries are in the shared folder.');
    await form.getByRole('button', { name: az('networks.hand_over') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('networks.handed_over', { name: member.name, year: String(year + 1) }) })).toBeVisible();
    await expect(main.locator(`[data-testid="chair-row"][data-year="${year + 1}"]`)).toContainText(member.name);
    await expect(main.locator(`[data-testid="chair-row"][data-year="${year}"]`)).toContainText('partner ministries');
    // The host no longer chairs a year in office: no hand-over form.
    await expect(main.getByTestId('hand-over-form')).toHaveCount(0);
    await axe(page, '/network (chair)');
    await shots(page, 'network-chair');
  });
});
