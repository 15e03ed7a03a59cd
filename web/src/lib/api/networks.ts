// Networks, their events and delegations (docs/api/networks.md), and the
// network dashboard (docs/api/reports.md).
import { ApiError, request } from './client';

export interface NetworkSummary {
  id: string;
  code: string;
  name: string;
  description: string;
  created_at: string;
}
export interface NetworkMember {
  organisation_id: string;
  name: string;
  country: string;
  joined_at: string;
}
export interface NetworkAdmin {
  account_id: string;
  name: string;
  email: string;
}
export interface Chair {
  year: number;
  organisation_id: string;
  organisation_name: string;
  assigned_at: string;
  handed_over_at: string | null;
  note: string;
}
export interface Network extends NetworkSummary {
  members: NetworkMember[];
  admins: NetworkAdmin[];
  chairs: Chair[];
}

export const EVENT_KINDS = ['conference', 'forum', 'week', 'meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventSession {
  id: string;
  title: string;
  place: string;
  starts_at: string;
  ends_at: string;
}
export interface NetworkEvent {
  id: string;
  network_id: string;
  host_organisation_id: string;
  host_name: string;
  kind: EventKind;
  title: string;
  description: string;
  place: string;
  starts_on: string;
  ends_on: string;
  time_zone: string;
  registration_closes_at: string;
  delegation_limit: number;
  /** Member organisations beside the host, by name. */
  partners?: { organisation_id: string; name: string }[];
  /** Absent in the network's list of events. */
  sessions?: EventSession[];
}
export interface EventInput {
  kind: string;
  title: string;
  description: string;
  place: string;
  host_organisation_id: string;
  starts_on: string;
  ends_on: string;
  time_zone: string;
  registration_closes_at: string;
  delegation_limit: number;
  partner_organisation_ids?: string[];
}
/** What PATCH changes: any field of creating but the host; `partner_organisation_ids` replaces the partners. */
export type EventChange = Partial<Omit<EventInput, 'host_organisation_id'>>;
export interface SessionInput {
  title: string;
  place: string;
  starts_at: string;
  ends_at: string;
}

export const DELEGATE_ROLES = ['head', 'member'] as const;
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

export interface DelegateInput {
  /** An existing delegate's id: they keep their pass (badge) and check-ins. */
  id?: string;
  role: DelegateRole;
  name: string;
  email: string;
  arrival: string;
  departure: string;
  accommodation: string;
}
export interface Delegate extends DelegateInput {
  id: string;
}
export interface Delegation {
  id: string;
  event_id: string;
  organisation_id: string;
  organisation_name: string;
  registered_at: string;
  updated_at: string;
  delegates: Delegate[];
}

export interface DashboardFigures {
  submitted: number;
  accepted: number;
  completed: number;
}
export interface Dashboard {
  members: (DashboardFigures & { organisation_id: string; name: string; country: string })[];
  years: (DashboardFigures & { year: number })[];
  totals: DashboardFigures;
}

const net = (id: string) => `/api/v1/networks/${encodeURIComponent(id)}`;
const ev = (id: string) => `/api/v1/events/${encodeURIComponent(id)}`;

export const listNetworks = () => request<{ items: NetworkSummary[] }>('/api/v1/networks');
export const createNetwork = (body: { code: string; name: string; description: string }) =>
  request<Network>('/api/v1/networks', { method: 'POST', body });
export const getNetwork = (id: string) => request<Network>(net(id));
export const updateNetwork = (id: string, body: { name?: string; description?: string }) =>
  request<Network>(net(id), { method: 'PATCH', body });
export const addMember = (id: string, organisationId: string) =>
  request<Network>(`${net(id)}/members`, { method: 'POST', body: { organisation_id: organisationId } });
export const removeMember = (id: string, organisationId: string) =>
  request<Network>(`${net(id)}/members/${encodeURIComponent(organisationId)}`, { method: 'DELETE' });
export const addAdmin = (id: string, email: string) => request<Network>(`${net(id)}/admins`, { method: 'POST', body: { email } });
export const removeAdmin = (id: string, accountId: string) =>
  request<Network>(`${net(id)}/admins/${encodeURIComponent(accountId)}`, { method: 'DELETE' });
export const setChair = (id: string, year: number, organisationId: string) =>
  request<Network>(`${net(id)}/chairs/${year}`, { method: 'PUT', body: { organisation_id: organisationId } });
export const handOver = (id: string, year: number, body: { organisation_id: string; note: string }) =>
  request<Network>(`${net(id)}/chairs/${year}/hand-over`, { method: 'POST', body });
export const dashboard = (id: string) => request<Dashboard>(`${net(id)}/reports/dashboard`);

export const listEvents = (networkId: string) => request<{ items: NetworkEvent[] }>(`${net(networkId)}/events`);
export const createEvent = (networkId: string, body: EventInput) =>
  request<NetworkEvent>(`${net(networkId)}/events`, { method: 'POST', body });
export const getEvent = (id: string) => request<NetworkEvent>(ev(id));
export const updateEvent = (id: string, body: EventChange) => request<NetworkEvent>(ev(id), { method: 'PATCH', body });
export const addSession = (id: string, body: SessionInput) => request<NetworkEvent>(`${ev(id)}/sessions`, { method: 'POST', body });
/** The session goes from the agenda, with its check-ins. */
export const removeSession = (sessionId: string) =>
  request<NetworkEvent>(`/api/v1/event-sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
export const listDelegations = (id: string) => request<{ items: Delegation[] }>(`${ev(id)}/delegations`);
export const saveDelegation = (id: string, organisationId: string, delegates: DelegateInput[]) =>
  request<Delegation>(`${ev(id)}/delegations/${encodeURIComponent(organisationId)}`, { method: 'PUT', body: { delegates } });

/** The badges PDF (a plain link: the session cookie authenticates it), of one organisation when given. */
export function badgesUrl(id: string, lang: string, organisationId?: string): string {
  const query = new URLSearchParams({ lang });
  if (organisationId) query.set('organisation', organisationId);
  return `${ev(id)}/badges?${query.toString()}`;
}

/** The `code` a 409 problem carries (`chair_taken`, `already_handed_over`, `registration_closed`). */
export function problemCode(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const code = error.problem?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
