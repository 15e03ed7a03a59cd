// Sets up, through the HTTP API, what the apply, upload, screening, review and
// decision tests start from: an organisation with an administrator, a
// programme, an intake and a published call open from yesterday for a month;
// applicants who apply through the API in request contexts of their own;
// staff members invited into the organisation with a role; and reviewers who
// submit their reviews.
import { request as newRequest, type APIRequestContext } from '@playwright/test';
import { expect, text } from './fixtures';
import { createAdmin, createToken } from './cli';
import { linkIn, verifyLink, waitForMail, type Mail } from './mail';
import { PASSWORD, person, type Person } from './people';

export const ORG_NAME = 'Xarici İşlər Nazirliyi';

/** "YYYY-MM-DDTHH:MM" on the clock of Asia/Baku (UTC+4 all year), `days` from now. */
export function bakuLocal(days: number): string {
  return new Date(Date.now() + 4 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 16);
}

export interface OpenCall {
  id: string;
  title: string;
  intakeId: string;
  organisationId: string;
  /** An administrator of the organisation (signs in with PASSWORD). */
  admin: string;
}

/**
 * A published, open call with these form fields and eligibility rules; the
 * call's description (texts by language) can be given.
 */
export async function openCall(
  request: APIRequestContext,
  fields: unknown[],
  rules: unknown[] = [],
  description: Record<string, string> = { az: 'Nazirliyin altı aylıq təcrübə proqramı.' },
  options: { capacity?: number } = {},
): Promise<OpenCall> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const root = `root.${stamp}@cohort.test`;
  createAdmin(root, PASSWORD);
  const code = `U${stamp.slice(-8)}`;
  const created = await request.post('/api/v1/organisations', {
    headers: { Authorization: `Bearer ${createToken(root)}` },
    data: { slug: code, name: ORG_NAME, country: 'AZ' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const org = (await created.json()) as { id: string };

  const admin = `hr.${stamp}@mfa.test`;
  createAdmin(admin, PASSWORD, code);
  const headers = { Authorization: `Bearer ${createToken(admin)}` };
  const send = async (method: 'post' | 'put', path: string, data: unknown, status: number) => {
    const response = await request[method](path, { headers, data });
    expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(status);
    return (await response.json()) as Record<string, unknown>;
  };
  const programme = await send(
    'post',
    `/api/v1/organisations/${org.id}/programmes`,
    { name: 'Diplomatiya Könüllüləri', code: 'DV', description: 'Gənclər üçün altı aylıq təcrübə proqramı' },
    201,
  );
  const intake = await send(
    'post',
    `/api/v1/programmes/${String(programme.id)}/intakes`,
    { name: '2027', starts_on: '2027-03-01', ends_on: '2027-08-31', capacity: options.capacity ?? 95, time_zone: 'Asia/Baku' },
    201,
  );
  const title = `Diplomatiya Könüllüləri 2027 — ${stamp.slice(-5)}`;
  const call = await send(
    'put',
    `/api/v1/intakes/${String(intake.id)}/call`,
    {
      title: { az: title, en: `Diplomacy Volunteers 2027 — ${stamp.slice(-5)}`, ru: `Волонтёры дипломатии 2027 — ${stamp.slice(-5)}` },
      description,
      opens_at_local: bakuLocal(-1),
      closes_at_local: bakuLocal(30),
      time_zone: 'Asia/Baku',
      published: true,
      form: { fields },
      eligibility: { rules },
    },
    200,
  );
  expect(call.state).toBe('open');
  return { id: String(call.id), title, intakeId: String(intake.id), organisationId: org.id, admin };
}

/**
 * A person who registers, confirms the address, signs in, applies to the
 * call with these answers and submits — all through the API.
 */
export async function applyThroughApi(
  baseURL: string,
  callId: string,
  answers: Record<string, unknown>,
  who: Person = person('applicant'),
  files: Record<string, { name: string; mimeType: string; buffer: Buffer }> = {},
): Promise<{ person: Person; applicationId: string; reference: string }> {
  const api = await newRequest.newContext({ baseURL });
  try {
    await registerThroughApi(api, who);
    const { headers } = await signInThroughApi(api, who.email, who.password);

    const started = await api.post(`/api/v1/calls/${callId}/applications`, { headers, data: {} });
    expect(started.status(), await started.text()).toBe(201);
    const application = (await started.json()) as { id: string; version: number };
    let version = application.version;
    for (const [field, file] of Object.entries(files)) {
      const uploaded = await api.post(`/api/v1/applications/${application.id}/documents`, { headers, multipart: { field, file } });
      expect(uploaded.status(), await uploaded.text()).toBe(201);
      version = ((await uploaded.json()) as { application: { version: number } }).application.version;
    }
    const saved = await api.patch(`/api/v1/applications/${application.id}`, {
      headers,
      data: { answers, version },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    const submitted = await api.post(`/api/v1/applications/${application.id}/submit`, { headers, data: {} });
    expect(submitted.status(), await submitted.text()).toBe(200);
    const reference = String(((await submitted.json()) as { reference: string }).reference);
    return { person: who, applicationId: application.id, reference };
  } finally {
    await api.dispose();
  }
}

/** Registers `who` through the API and confirms the address with the e-mailed link; returns that e-mail. */
export async function registerThroughApi(api: APIRequestContext, who: Person): Promise<Mail> {
  const registered = await api.post('/api/v1/accounts', {
    data: { name: who.name, email: who.email, password: who.password, locale: 'az', consent: true },
  });
  expect(registered.status(), await registered.text()).toBe(202);
  const mail = await waitForMail(who.email, text('az', 'emails.verify_email.subject'));
  const token = new URLSearchParams(verifyLink(mail.body).split('?')[1]).get('token');
  expect((await api.post('/api/v1/accounts/verify', { data: { token } })).status()).toBe(200);
  return mail;
}

/** Signs in within `api` (a session cookie); returns the CSRF header for changes and the account id. */
export async function signInThroughApi(
  api: APIRequestContext,
  email: string,
  password: string = PASSWORD,
): Promise<{ headers: Record<string, string>; accountId: string }> {
  const session = await api.post('/api/v1/session', { data: { email, password } });
  expect(session.status(), await session.text()).toBe(200);
  const body = (await session.json()) as { csrf_token: string; account: { id: string } };
  return { headers: { 'X-CSRF-Token': body.csrf_token }, accountId: body.account.id };
}

/**
 * A staff member of the call's organisation with `role` (reviewer,
 * interviewer …): registers and confirms the address, the administrator
 * invites them, and they accept the e-mailed invitation — all through the
 * API. Returns the person and their account id.
 */
export async function staffMember(
  baseURL: string,
  call: OpenCall,
  role: string,
  who: Person,
): Promise<{ person: Person; accountId: string }> {
  const api = await newRequest.newContext({ baseURL });
  const admin = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(call.admin)}` } });
  try {
    const verification = await registerThroughApi(api, who);
    const invited = await admin.post(`/api/v1/organisations/${call.organisationId}/invitations`, { data: { email: who.email, role } });
    expect(invited.status(), await invited.text()).toBe(201);
    const invitation = await waitForMail(who.email, { exclude: [verification] });
    const token = new URLSearchParams(linkIn(invitation.body).split('?')[1]).get('token');
    const { headers, accountId } = await signInThroughApi(api, who.email, who.password);
    const accepted = await api.post('/api/v1/invitations/accept', { headers, data: { token } });
    expect(accepted.status(), await accepted.text()).toBe(200);
    return { person: who, accountId };
  } finally {
    await api.dispose();
    await admin.dispose();
  }
}

/** A request context acting as the call's administrator (a bearer token made with the command line). */
export function adminApi(baseURL: string, call: OpenCall): Promise<APIRequestContext> {
  return newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${createToken(call.admin)}` } });
}

/**
 * The reviewer signs in and submits every open review in their queue with
 * the scores `scoresFor` gives for its application — all through the API.
 * Returns the applications reviewed.
 */
export async function submitReviews(
  baseURL: string,
  email: string,
  scoresFor: (applicationId: string) => Record<string, number>,
): Promise<string[]> {
  const api = await newRequest.newContext({ baseURL });
  try {
    const { headers } = await signInThroughApi(api, email);
    const queue = await api.get('/api/v1/me/reviews');
    expect(queue.status(), await queue.text()).toBe(200);
    const open = ((await queue.json()) as { items: { id: string; application_id: string; state: string }[] }).items.filter(
      (r) => r.state === 'assigned' || r.state === 'draft',
    );
    for (const row of open) {
      const view = (await (await api.get(`/api/v1/reviews/${row.id}`)).json()) as { version: number };
      const saved = await api.put(`/api/v1/reviews/${row.id}`, {
        headers,
        data: { scores: scoresFor(row.application_id), private_comment: '', shared_comment: '', version: view.version },
      });
      expect(saved.status(), await saved.text()).toBe(200);
      const submitted = await api.post(`/api/v1/reviews/${row.id}/submit`, { headers, data: {} });
      expect(submitted.status(), await submitted.text()).toBe(200);
    }
    return open.map((r) => r.application_id);
  } finally {
    await api.dispose();
  }
}
