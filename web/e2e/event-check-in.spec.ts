// Check-in at the sessions of a network's event, end to end, with no account
// on the delegate's side (docs/api/networks.md, "Check-in at sessions").
// Through the HTTP API: a platform administrator, two organisations (the
// host and a member) in a network, an event whose registration is open with
// a session starting in ten minutes and another tomorrow, and the member's
// delegation of two registered by its administrator. Then:
// - the badges PDF is downloaded, rasterised (pdftoppm) and the QR code of
//   the head of delegation's badge decoded (jsQR): a /pass?key=… address;
// - a 375 px phone opens it: the delegate, the event, its agenda, and "this
//   phone now carries your pass" (the phone also holds a pass that is no
//   longer known, which the check-in page must skip);
// - the host's administrator opens the session's check-in screen: a QR code
//   (decoded from a screenshot of the screen) of /event-check-in?…, the code
//   as text, "0 of 2";
// - the phone opens that address: checked in, with the name and the time;
//   the screen counts 1 of 2 and the roster shows the time; the pass page
//   ticks the session; a made-up code is refused, and so is the code read
//   from the screen once it has changed twice (scan again);
// - a phone without a pass is told (in Russian) to scan the badge first; an
//   unknown pass is refused; the screen of tomorrow's session says check-in
//   is closed.
// Screenshots land in /tmp/shots-B.
import type { APIRequestContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { createAdmin, createToken } from './cli';
import { expect, test, text } from './fixtures';
import { axe, bakuDay, noSideScroll, otherBrowser, PHONE, qrInPdf, qrInPng, utcIn } from './network-setup';
import { PASSWORD, signIn } from './people';

// Refused on purpose: the screen of a session whose check-in is not open yet (409).
test.use({ allowedConsoleErrors: [/status of 409/] });

const SHOTS = '/tmp/shots-B';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const shown = await page.locator('main').innerText();
  expect(shown.match(/\b(pass|event_check_in|badge)\.[a-z_.]+/g), `catalogue keys on ${name}`).toBeNull();
}

interface Setup {
  eventId: string;
  sessionNow: string;
  sessionTomorrow: string;
  hostAdmin: string;
  head: string;
  member: string;
  badges: Buffer;
}

/** The network, the event, its sessions and a registered delegation, through the API. */
async function prepare(request: APIRequestContext): Promise<Setup> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(-9);
  const root = `root.ev${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const rootAuth = { Authorization: `Bearer ${createToken(root)}` };
  const send = async (method: 'post' | 'put', path: string, data: unknown, status: number, headers = rootAuth) => {
    const response = await request[method](path, { headers, data });
    expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
    return (await response.json()) as Record<string, unknown>;
  };

  const orgs: Record<'host' | 'member', { id: string; code: string }> = { host: { id: '', code: '' }, member: { id: '', code: '' } };
  const names = { host: 'Azərbaycan Könüllülər Mərkəzi', member: 'Qazaxıstan Könüllülər Assosiasiyası' };
  for (const which of ['host', 'member'] as const) {
    const code = `${which === 'host' ? 'H' : 'M'}${stamp}`;
    const org = await send('post', '/api/v1/organisations', { slug: code, name: names[which], country: which === 'host' ? 'AZ' : 'KZ' }, 201);
    orgs[which] = { id: String(org.id), code };
  }
  const hostAdmin = `host.${stamp}@cohort.test`;
  createAdmin(hostAdmin, PASSWORD, orgs.host.code);
  const memberAdmin = `member.${stamp}@cohort.test`;
  createAdmin(memberAdmin, PASSWORD, orgs.member.code);

  const network = await send('post', '/api/v1/networks', { code: `N${stamp.slice(-8)}`, name: 'Beynəlxalq Könüllülər Şəbəkəsi', description: '' }, 201);
  const net = `/api/v1/networks/${String(network.id)}`;
  for (const org of Object.values(orgs)) await send('post', `${net}/members`, { organisation_id: org.id }, 200);

  const event = await send(
    'post',
    `${net}/events`,
    {
      kind: 'forum',
      title: 'Könüllülük Forumu 2026',
      description: 'İllik forum',
      place: 'Bakı, Gənclər Evi',
      host_organisation_id: orgs.host.id,
      partner_organisation_ids: [],
      starts_on: bakuDay(0),
      ends_on: bakuDay(1),
      time_zone: 'Asia/Baku',
      registration_closes_at: utcIn(24 * 60),
      delegation_limit: 5,
    },
    201,
  );
  const eventId = String(event.id);
  await send('post', `/api/v1/events/${eventId}/sessions`, { title: 'Açılış plenarı', place: 'Böyük zal', starts_at: utcIn(10), ends_at: utcIn(120) }, 200);
  const agenda = await send(
    'post',
    `/api/v1/events/${eventId}/sessions`,
    { title: 'Dəyirmi masa', place: 'Kiçik zal', starts_at: utcIn(24 * 60), ends_at: utcIn(25 * 60) },
    200,
  );
  const sessions = agenda.sessions as { id: string; title: string }[];
  const sessionNow = sessions.find((s) => s.title === 'Açılış plenarı')?.id ?? '';
  const sessionTomorrow = sessions.find((s) => s.title === 'Dəyirmi masa')?.id ?? '';

  const head = 'Aigerim Nurlanovna';
  const member = 'Daniyar Seitkali';
  const memberAuth = { Authorization: `Bearer ${createToken(memberAdmin)}` };
  await send(
    'put',
    `/api/v1/events/${eventId}/delegations/${orgs.member.id}`,
    {
      delegates: [
        { role: 'head', name: head, email: `aigerim.${stamp}@example.kz`, arrival: '', departure: '', accommodation: '' },
        { role: 'member', name: member, email: `daniyar.${stamp}@example.kz`, arrival: '', departure: '', accommodation: '' },
      ],
    },
    200,
    memberAuth,
  );
  const pdf = await request.get(`/api/v1/events/${eventId}/badges?lang=en&organisation=${orgs.member.id}`, { headers: memberAuth });
  expect(pdf.status(), 'badges PDF').toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  return { eventId, sessionNow, sessionTomorrow, hostAdmin, head, member, badges: await pdf.body() };
}

test('a delegate checks in at a session with the pass of their badge on a phone; the host screen counts them', async ({ page, browser, baseURL }) => {
  test.slow();
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });
  const setup = await prepare(page.request);

  // ---- the badge's QR code: the pass address ----
  const passUrl = qrInPdf(setup.badges);
  expect(passUrl).toMatch(new RegExp(`^${base}/pass\\?key=[^&]+$`));

  const phone = await otherBrowser(browser, base);
  const stranger = await otherBrowser(browser, base);
  try {
    // ---- the phone opens the pass (it also holds a pass nobody knows any more) ----
    await phone.page.addInitScript(() => {
      if (!window.localStorage.getItem('cohort.event-pass.0000000000')) window.localStorage.setItem('cohort.event-pass.0000000000', 'no-such-pass');
    });
    await phone.page.goto(passUrl);
    await expect(phone.page.getByTestId('pass-holder')).toContainText(setup.head);
    await expect(phone.page.getByTestId('pass-holder')).toContainText(text('az', 'badge.role_head'));
    await expect(phone.page.getByTestId('pass-holder')).toContainText('Qazaxıstan Könüllülər Assosiasiyası');
    await expect(phone.page.getByTestId('pass-kept')).toHaveText(text('az', 'pass.kept'));
    await expect(phone.page.getByTestId('pass-event')).toContainText('Bakı, Gənclər Evi');
    await expect(phone.page.getByRole('heading', { name: 'Könüllülük Forumu 2026' })).toBeVisible();
    const agenda = phone.page.getByTestId('pass-session');
    await expect(agenda).toHaveCount(2);
    await expect(agenda.filter({ hasText: 'Açılış plenarı' })).toHaveAttribute('data-checked', 'no');
    const kept = await phone.page.evaluate((id) => window.localStorage.getItem(`cohort.event-pass.${id}`), setup.eventId);
    expect(kept).toBe(new URL(passUrl).searchParams.get('key'));
    await axe(phone.page, '/pass');
    await shot(phone.page, 'pass-375');
    await noSideScroll(phone.page, '/pass');

    // ---- the host's administrator opens the session's check-in screen ----
    await signIn(page, setup.hostAdmin, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto(`/event-check-in-screen?session=${setup.sessionNow}&event=${setup.eventId}`);
    await expect(page.getByTestId('event-check-in-session')).toContainText('Açılış plenarı');
    const qr = page.getByTestId('event-check-in-qr');
    await expect(qr).toHaveAttribute('data-url', new RegExp(`/event-check-in\\?session=${setup.sessionNow}&code=[0-9A-Z]+$`));
    await expect(page.getByTestId('event-check-in-count')).toHaveText(text('az', 'event_check_in.present', { present: '0', total: '2' }));
    await expect(page.getByTestId('event-roster-row')).toHaveCount(2);
    // What a camera reads off the screen.
    const url = qrInPng(PNG.sync.read(await qr.locator('svg').screenshot()));
    const readAt = Date.now();
    expect(url).toMatch(new RegExp(`^${base}/event-check-in\\?session=${setup.sessionNow}&code=[0-9A-Z]+$`));
    expect(url).toContain(`code=${await page.getByTestId('event-check-in-code').innerText()}`);
    await axe(page, '/event-check-in-screen');
    await shot(page, 'screen-1280');

    // ---- the phone scans it ----
    await phone.page.goto(url);
    const done = phone.page.getByTestId('event-check-in-done');
    await expect(done).toContainText(text('az', 'event_check_in.done'));
    await expect(done).toContainText(setup.head);
    await expect(done).toContainText(/\d{2}:\d{2}/);
    await axe(phone.page, '/event-check-in (done)');
    await shot(phone.page, 'check-in-done-375');
    await noSideScroll(phone.page, '/event-check-in');

    await expect(page.getByTestId('event-check-in-count')).toHaveText(text('az', 'event_check_in.present', { present: '1', total: '2' }), {
      timeout: 10_000,
    });
    const row = page.getByTestId('event-roster-row').filter({ hasText: setup.head });
    await expect(row).toHaveAttribute('data-checked', 'yes');
    await expect(page.getByTestId('event-roster-row').filter({ hasText: setup.member })).toHaveAttribute('data-checked', 'no');
    await shot(page, 'screen-after-1280');
    await page.setViewportSize(PHONE);
    await shot(page, 'screen-375');
    await noSideScroll(page, '/event-check-in-screen');
    await page.setViewportSize({ width: 1280, height: 800 });

    // ---- the pass page ticks the session; the link from the confirmation leads there ----
    await phone.page.getByRole('link', { name: text('az', 'event_check_in.to_pass') }).click();
    await expect(phone.page.getByTestId('pass-session').filter({ hasText: 'Açılış plenarı' })).toHaveAttribute('data-checked', 'yes');
    await expect(phone.page.getByTestId('pass-session').filter({ hasText: 'Dəyirmi masa' })).toHaveAttribute('data-checked', 'no');
    await shot(phone.page, 'pass-ticked-375');

    // ---- a made-up code is refused with the reason ----
    await phone.page.goto(url.replace(/code=[0-9A-Z]+/, 'code=ZZZZ9999'));
    await expect(phone.page.getByTestId('event-check-in-error')).toHaveText(text('az', 'event_check_in.errors.invalid_code'));
    await shot(phone.page, 'check-in-invalid-375');

    // ---- the code read earlier has changed twice since: scan again ----
    await phone.page.waitForTimeout(Math.max(0, readAt + 21_000 - Date.now()));
    await phone.page.goto(url);
    await expect(phone.page.getByTestId('event-check-in-error')).toHaveText(text('az', 'event_check_in.errors.expired_code'));

    // ---- a phone without a pass (in Russian): scan the badge first ----
    await stranger.page.addInitScript(() => window.localStorage.setItem('cohort.locale', 'ru'));
    await stranger.page.goto(url);
    await expect(stranger.page.getByTestId('event-check-in-no-pass')).toContainText(text('ru', 'event_check_in.no_pass'));
    await axe(stranger.page, '/event-check-in (no pass)');
    await shot(stranger.page, 'check-in-no-pass-375');
    await noSideScroll(stranger.page, '/event-check-in (no pass)');

    // ---- an unknown pass ----
    await stranger.page.goto('/pass?key=no-such-pass');
    await expect(stranger.page.getByRole('alert')).toHaveText(text('ru', 'pass.unknown'));
    await shot(stranger.page, 'pass-unknown-375');

    // ---- tomorrow's session: check-in is closed ----
    await page.goto(`/event-check-in-screen?session=${setup.sessionTomorrow}&event=${setup.eventId}`);
    await expect(page.getByTestId('event-check-in-session')).toContainText('Dəyirmi masa');
    await expect(page.getByText(text('az', 'event_check_in.closed'))).toBeVisible();
    await expect(page.getByTestId('event-check-in-qr')).toHaveCount(0);
    await expect(page.getByTestId('event-check-in-count')).toHaveText(text('az', 'event_check_in.present', { present: '0', total: '2' }));
    await shot(page, 'screen-closed-1280');

    expect(phone.problems, 'console errors on the phone').toEqual([]);
    expect(stranger.problems, 'console errors on the other phone').toEqual([]);
  } finally {
    await phone.close();
    await stranger.close();
  }
});
