// A network's event from start to end, in one test, through the pages
// (docs/api/networks.md). Prepared with the command line and the API: a
// platform administrator; four organisations (the host, a partner, another
// member and one about to leave, in four countries) each with an
// administrator; a network with the four as members, the host chairing this
// year, and a registered person as its network administrator. Then, in the
// browser:
// - the network administrator creates a conference hosted by the first
//   member with the second as partner (the host is not offered as its own
//   partner), registration open until tomorrow; a partner ticked that left
//   the network meanwhile is refused beside the partners, named, and its box
//   focused; then adds a session starting in about ten minutes to its agenda;
// - the partner's and the other member's administrators each register a
//   delegation of two on the event page;
// - the host's administrator sees both delegations and prints the badges:
//   the PDF of the page's link (application/pdf, four pages) is rasterised
//   (pdftoppm) and each page's QR code decoded (jsQR): each delegate's
//   /pass?key=… address;
// - two delegates, one of each delegation, open their pass on a 375 px
//   phone of their own; the host's administrator opens the session's
//   check-in screen from the event page, and each phone opens the address
//   the screen shows (read off its QR code): checked in; the screen counts
//   2 of 4;
// - the host, chair of this year, hands the chair over to the partner on
//   the network page, and the history shows it.
// Screenshots land in /tmp/shots-D.
import { request as newRequest, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { bakuLocal, registerThroughApi } from './calls-setup';
import { createAdmin, createToken } from './cli';
import { expect, test, text, useLocale } from './fixtures';
import { axe, bakuDay, bakuLocalIn, noSideScroll, otherBrowser, PHONE, pdfPages, qrInPng, qrsInPdf } from './network-setup';
import { accountButton, PASSWORD, person, signIn, signOut } from './people';

// Refused on purpose: a partner that is no longer a member (422).
test.use({ allowedConsoleErrors: [/the server responded with a status of 422/] });

const SHOTS = '/tmp/shots-D';
const DESKTOP = { width: 1280, height: 800 };
// Accounts made with the command line speak Azerbaijani, and so do pages without an account.
const az = (key: string, values: Record<string, string> = {}) => text('az', key, values);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(networks|events|pass|event_check_in|badge|field_errors)\.[a-z_.]+/g), `catalogue keys on ${name}`).toBeNull();
  await noSideScroll(page, name);
}

async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, PASSWORD, 'az');
  await expect(accountButton(page)).toBeVisible();
}

test('a network event: created with a partner, delegations, badges, check-in at a session on phones, and the chair handed over', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });
  const stamp = `${Date.now()}${Math.floor(Math.random() * 100)}`.slice(-8);
  const year = new Date().getFullYear();

  // ---- prepared outside the pages ----
  const root = `root.journey.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(root)}` } });
  const send = async (method: 'post' | 'put', path: string, data: unknown, status: number) => {
    const response = await api[method](path, { data });
    expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
    return (await response.json()) as Record<string, unknown>;
  };
  const orgs = {
    host: { code: `JH${stamp.slice(-6)}`, name: `Azərbaycan Könüllülər Mərkəzi ${stamp}`, country: 'AZ', id: '', admin: `host.${stamp}@cohort.test` },
    partner: { code: `JP${stamp.slice(-6)}`, name: `Gençlik Merkezi ${stamp}`, country: 'TR', id: '', admin: `partner.${stamp}@cohort.test` },
    other: { code: `JO${stamp.slice(-6)}`, name: `Qazaxıstan Könüllülər Assosiasiyası ${stamp}`, country: 'KZ', id: '', admin: `other.${stamp}@cohort.test` },
    // Leaves the network while the event's form is open.
    leaving: { code: `JL${stamp.slice(-6)}`, name: `Jashtar Borboru ${stamp}`, country: 'KG', id: '', admin: `leaving.${stamp}@cohort.test` },
  };
  for (const o of Object.values(orgs)) {
    o.id = String((await send('post', '/api/v1/organisations', { slug: o.code, name: o.name, country: o.country }, 201)).id);
    createAdmin(o.admin, PASSWORD, o.code);
  }
  const netAdmin = person('journey.netadmin', { name: 'Nigar Həsənova' });
  const anonymous = await newRequest.newContext({ baseURL });
  await registerThroughApi(anonymous, netAdmin);
  await anonymous.dispose();
  const networkName = `Beynəlxalq Könüllülər Şəbəkəsi ${stamp}`;
  const network = await send('post', '/api/v1/networks', { code: `J${stamp.slice(-7)}`, name: networkName, description: '' }, 201);
  const net = `/api/v1/networks/${String(network.id)}`;
  for (const o of Object.values(orgs)) await send('post', `${net}/members`, { organisation_id: o.id }, 200);
  await send('post', `${net}/admins`, { email: netAdmin.email }, 200);
  await send('put', `${net}/chairs/${year}`, { organisation_id: orgs.host.id }, 200);

  await useLocale(page, 'az');
  const main = page.getByRole('main');
  const eventTitle = `Könüllülük Konfransı ${stamp}`;
  const sessionTitle = 'Açılış plenarı';
  let eventId = '';

  await test.step('the network administrator creates the event with a partner and a session in ten minutes', async () => {
    await signInAs(page, netAdmin.email);
    await page.getByRole('banner').getByRole('link', { name: az('nav.networks') }).click();
    await main.getByRole('link', { name: networkName }).click();
    await expect(main.getByTestId('network-admin-note')).toBeVisible();

    await main.getByLabel(az('events.kind'), { exact: true }).selectOption('conference');
    await main.getByLabel(az('events.host'), { exact: true }).selectOption({ label: orgs.host.name });
    const partners = main.getByTestId('event-partners-field');
    await expect(main.getByRole('group', { name: az('events.partners_label') })).toBeVisible();
    // Every member but the host may be a partner.
    await expect(partners.getByRole('checkbox')).toHaveCount(3);
    await expect(partners.getByRole('checkbox', { name: orgs.host.name })).toHaveCount(0);
    await partners.getByRole('checkbox', { name: orgs.partner.name }).check();
    await partners.getByRole('checkbox', { name: orgs.leaving.name }).check();
    await main.getByLabel(az('events.title_label'), { exact: true }).fill(eventTitle);
    await main.getByLabel(az('events.description'), { exact: true }).fill('İllik konfrans: könüllülük siyasəti və təcrübə mübadiləsi.');
    await main.getByLabel(az('events.place'), { exact: true }).fill('Bakı, Gənclər Evi');
    await main.getByLabel(az('events.starts_on'), { exact: true }).fill(bakuDay(0));
    await main.getByLabel(az('events.ends_on'), { exact: true }).fill(bakuDay(1));
    await main.getByLabel(az('events.time_zone'), { exact: true }).selectOption('Asia/Baku');
    await main.getByLabel(az('events.registration_closes'), { exact: true }).fill(bakuLocal(1));
    await main.getByLabel(az('events.delegation_limit'), { exact: true }).fill('4');
    await axe(page, '/network (event form with partners)');
    const form = main.locator('form').filter({ has: page.getByTestId('event-partners-field') });
    for (const [size, viewport] of [
      ['1280', DESKTOP],
      ['375', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await form.scrollIntoViewIfNeeded();
      await form.screenshot({ path: `${SHOTS}/event-form-partners-${size}.png` });
      await shot(page, `network-event-form-${size}`);
    }
    await page.setViewportSize(DESKTOP);

    // A partner that left the network meanwhile is refused beside the partners, named.
    const left = await api.delete(`${net}/members/${orgs.leaving.id}`);
    expect(left.status(), await left.text()).toBe(200);
    await api.dispose();
    await main.getByRole('button', { name: az('events.create') }).click();
    await expect(partners.locator('#event_partners-error')).toHaveText(
      az('events.partner_error', { name: orgs.leaving.name, message: az('field_errors.not_a_member') }),
    );
    const leaving = partners.getByRole('checkbox', { name: orgs.leaving.name });
    await expect(leaving).toBeFocused();
    await expect(leaving).toHaveAttribute('aria-invalid', 'true');
    await expect(partners.getByRole('checkbox', { name: orgs.partner.name })).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'network-event-form-partner-error-1280');
    await form.screenshot({ path: `${SHOTS}/event-form-partner-error-1280.png` });
    await leaving.uncheck();

    await main.getByRole('button', { name: az('events.create') }).click();
    await expect(page).toHaveURL(/\/event\?id=/);
    eventId = new URL(page.url()).searchParams.get('id') ?? '';
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
    await expect(main.getByTestId('event-partners')).toHaveText(orgs.partner.name);

    await main.getByLabel(az('events.session_title'), { exact: true }).fill(sessionTitle);
    await main.getByLabel(az('events.place'), { exact: true }).fill('Böyük zal');
    await main.getByLabel(az('events.session_starts'), { exact: true }).fill(bakuLocalIn(10));
    await main.getByLabel(az('events.session_ends'), { exact: true }).fill(bakuLocalIn(130));
    await main.getByRole('button', { name: az('events.add_session') }).click();
    await expect(main.getByTestId('event-sessions')).toContainText(sessionTitle);
    await expect(main.getByTestId('event-sessions')).toContainText(`${bakuLocalIn(10).slice(11, 16)}`);
    await shot(page, 'event-created-1280');
    await signOut(page, undefined, 'az');
  });

  const openEvent = async () => {
    await page.getByRole('banner').getByRole('link', { name: az('nav.networks') }).click();
    await main.getByRole('link', { name: networkName }).click();
    await main.getByRole('link', { name: eventTitle }).click();
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
  };

  const delegations = {
    partner: { head: 'Ayşe Yılmaz', member: 'Mehmet Demir' },
    other: { head: 'Aigerim Nurlanovna', member: 'Daniyar Seitkali' },
  };
  for (const which of ['partner', 'other'] as const) {
    const org = orgs[which];
    const people = delegations[which];
    await test.step(`${org.name} registers its delegation`, async () => {
      await signInAs(page, org.admin);
      await openEvent();
      const editor = main.getByTestId('delegation-editor');
      await expect(editor.getByRole('heading', { name: az('events.delegation_of_name', { name: org.name }) })).toBeVisible();
      const first = editor.getByRole('group', { name: az('events.delegate_n', { n: '1' }) });
      await first.getByLabel(az('events.delegate_name'), { exact: true }).fill(people.head);
      await first.getByLabel(az('events.delegate_email'), { exact: true }).fill(`head.${which}.${stamp}@example.org`);
      await first.getByLabel(az('events.delegate_role'), { exact: true }).selectOption('head');
      await editor.getByRole('button', { name: az('events.add_delegate') }).click();
      const second = editor.getByRole('group', { name: az('events.delegate_n', { n: '2' }) });
      await second.getByLabel(az('events.delegate_name'), { exact: true }).fill(people.member);
      await second.getByLabel(az('events.delegate_email'), { exact: true }).fill(`member.${which}.${stamp}@example.org`);
      await second.getByLabel(az('events.delegate_role'), { exact: true }).selectOption('member');
      await editor.getByRole('button', { name: az('events.save_delegation') }).click();
      await expect(editor.getByRole('status')).toContainText(az('events.delegation_saved', { name: org.name, n: '2' }));
      await expect(main.locator(`[data-testid="delegation"][data-organisation="${org.name}"]`).getByTestId('delegate-row')).toHaveCount(2);
      await signOut(page, undefined, 'az');
    });
  }

  const passes = new Map<string, string>();
  await test.step("the host's administrator prints the badges", async () => {
    await signInAs(page, orgs.host.admin);
    await openEvent();
    await expect(main.getByTestId('event-partners')).toHaveText(orgs.partner.name);
    await expect(main.getByTestId('delegation')).toHaveCount(2);
    const link = main.getByTestId('badges-all');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`/api/v1/events/${eventId}/badges\\?lang=az$`));
    // What the link answers, with the page's own session cookie.
    const answer = await page.request.get(href);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^application\/pdf/);
    // And what a click on it saves.
    const download = page.waitForEvent('download');
    await link.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync(await saved.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One A6 page per delegate, each with the QR code of the delegate's pass.
    const codes = qrsInPdf(pdf);
    const texts = pdfPages(pdf);
    expect(codes).toHaveLength(4);
    expect(texts).toHaveLength(4);
    codes.forEach((code, i) => {
      expect(code).toMatch(new RegExp(`^${base}/pass\\?key=[^&]+$`));
      const name = Object.values(delegations)
        .flatMap((d) => [d.head, d.member])
        .find((n) => (texts[i] ?? '').replace(/\s+/g, ' ').includes(n));
      expect(name, `the name on badge ${i + 1}: ${texts[i]}`).toBeTruthy();
      passes.set(name ?? '', code);
    });
    expect(new Set(passes.values()).size).toBe(4);
  });

  const phones = [
    { name: delegations.partner.head, organisation: orgs.partner.name, role: 'badge.role_head' },
    { name: delegations.other.member, organisation: orgs.other.name, role: 'badge.role_member' },
  ];
  const opened = await Promise.all(phones.map(() => otherBrowser(browser, base)));
  try {
    await test.step('two delegates open their pass on their phone', async () => {
      for (const [i, who] of phones.entries()) {
        const phone = opened[i]?.page;
        if (!phone) throw new Error('no phone');
        await phone.goto(passes.get(who.name) ?? '');
        const holder = phone.getByTestId('pass-holder');
        await expect(holder).toContainText(who.name);
        await expect(holder).toContainText(who.organisation);
        await expect(holder).toContainText(az(who.role));
        await expect(phone.getByTestId('pass-kept')).toHaveText(az('pass.kept'));
        await expect(phone.getByRole('heading', { name: eventTitle })).toBeVisible();
        await expect(phone.getByTestId('pass-session').filter({ hasText: sessionTitle })).toHaveAttribute('data-checked', 'no');
        await shot(phone, `pass-${i + 1}-375`);
      }
    });

    await test.step("each phone opens the address of the host's check-in screen", async () => {
      await main.getByTestId('event-sessions').getByRole('link', { name: az('event_check_in.open_screen') }).click();
      await expect(page).toHaveURL(/\/event-check-in-screen\?session=/);
      await expect(page.getByTestId('event-check-in-session')).toContainText(sessionTitle);
      const count = page.getByTestId('event-check-in-count');
      await expect(count).toHaveText(az('event_check_in.present', { present: '0', total: '4' }));
      const qr = page.getByTestId('event-check-in-qr');
      for (const [i, who] of phones.entries()) {
        const phone = opened[i]?.page;
        if (!phone) throw new Error('no phone');
        // What a camera reads off the screen now (the code changes every ten seconds).
        await expect(qr).toBeVisible();
        const url = qrInPng(PNG.sync.read(await qr.locator('svg').screenshot()));
        expect(url).toMatch(new RegExp(`^${base}/event-check-in\\?session=[^&]+&code=[0-9A-Z]+$`));
        await phone.goto(url);
        const done = phone.getByTestId('event-check-in-done');
        await expect(done).toContainText(az('event_check_in.done'));
        await expect(done).toContainText(who.name);
        await shot(phone, `check-in-done-${i + 1}-375`);
        await expect(count).toHaveText(az('event_check_in.present', { present: String(i + 1), total: '4' }), { timeout: 10_000 });
      }
      for (const who of phones) {
        await expect(page.getByTestId('event-roster-row').filter({ hasText: who.name })).toHaveAttribute('data-checked', 'yes');
      }
      await expect(page.getByTestId('event-roster-row').filter({ hasText: delegations.partner.member })).toHaveAttribute('data-checked', 'no');
      await axe(page, '/event-check-in-screen (2 checked in)');
      await shot(page, 'screen-2-checked-in-1280');
      await page.setViewportSize(PHONE);
      await shot(page, 'screen-2-checked-in-375');
      await page.setViewportSize(DESKTOP);
      for (const [i] of phones.entries()) {
        const phone = opened[i]?.page;
        if (!phone) throw new Error('no phone');
        await phone.getByRole('link', { name: az('event_check_in.to_pass') }).click();
        await expect(phone.getByTestId('pass-session').filter({ hasText: sessionTitle })).toHaveAttribute('data-checked', 'yes');
      }
      for (const [i, phone] of opened.entries()) expect(phone.problems, `console errors on phone ${i + 1}`).toEqual([]);
    });
  } finally {
    for (const phone of opened) await phone.close();
  }

  await test.step('the host, chair of this year, hands the chair over to the partner', async () => {
    await page.getByRole('link', { name: az('event_check_in.back') }).click();
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(eventTitle);
    await page.getByRole('link', { name: az('events.back', { network: networkName }) }).click();
    const form = main.getByTestId('hand-over-form');
    await expect(form.getByRole('heading')).toHaveText(az('networks.hand_over_heading', { year: String(year), name: orgs.host.name }));
    await form.getByLabel(az('networks.successor', { year: String(year + 1) }), { exact: true }).selectOption({ label: orgs.partner.name });
    await form.getByLabel(az('networks.hand_over_note'), { exact: true }).fill('Konfransın hesabatı və tərəfdaşların əlaqələri ortaq qovluqdadır.');
    await form.getByRole('button', { name: az('networks.hand_over') }).click();
    await expect(main.getByRole('status').filter({ hasText: az('networks.handed_over', { name: orgs.partner.name, year: String(year + 1) }) })).toBeVisible();
    await expect(main.locator(`[data-testid="chair-row"][data-year="${year + 1}"]`)).toContainText(orgs.partner.name);
    await expect(main.locator(`[data-testid="chair-row"][data-year="${year}"]`)).toContainText('ortaq qovluqdadır');
    await expect(main.getByTestId('hand-over-form')).toHaveCount(0);
    await shot(page, 'network-handed-over-1280');
  });
});
