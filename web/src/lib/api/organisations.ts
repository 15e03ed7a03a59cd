// Organisation routes (docs/api/organisations.md).
import { request } from './client';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  country: string;
  created_at: string;
  require_totp: boolean;
}
export interface Unit {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  active: boolean;
  created_at: string;
}
export interface Member {
  account_id: string;
  name: string;
  email: string;
  roles: string[];
}
export interface Invitation {
  id: string;
  email: string;
  role: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  before: unknown;
  after: unknown;
}
export interface Notice {
  id: string;
  created_at: string;
  title: string;
  body: string;
  read_at: string | null;
}

export const ROLES = ['organisation_admin', 'coordinator', 'reviewer', 'interviewer', 'unit_supervisor', 'trainer'] as const;

export const listOrganisations = () => request<{ items: Organisation[]; next_cursor: string | null }>('/api/v1/organisations?limit=100');
export const createOrganisation = (body: { slug: string; name: string; country: string }) =>
  request<Organisation>('/api/v1/organisations', { method: 'POST', body });

const org = (id: string) => `/api/v1/organisations/${encodeURIComponent(id)}`;
export const getOrganisation = (id: string) => request<Organisation>(org(id));
export const updateOrganisation = (id: string, body: { name?: string; require_totp?: boolean }) =>
  request<Organisation>(org(id), { method: 'PATCH', body });
export const listUnits = (id: string) => request<{ items: Unit[] }>(`${org(id)}/units`);
export const createUnit = (id: string, body: { name: string; description?: string }) =>
  request<Unit>(`${org(id)}/units`, { method: 'POST', body });
export const updateUnit = (unit: string, body: { name?: string; description?: string; active?: boolean }) =>
  request<Unit>(`/api/v1/units/${encodeURIComponent(unit)}`, { method: 'PATCH', body });
export const listMembers = (id: string) => request<{ items: Member[] }>(`${org(id)}/members`);
export const grantRole = (id: string, account: string, role: string) =>
  request<Member>(`${org(id)}/members/${encodeURIComponent(account)}/roles`, { method: 'POST', body: { role } });
export const revokeRole = (id: string, account: string, role: string) =>
  request<void>(`${org(id)}/members/${encodeURIComponent(account)}/roles/${encodeURIComponent(role)}`, { method: 'DELETE' });
export const listInvitations = (id: string) => request<{ items: Invitation[] }>(`${org(id)}/invitations`);
export const invite = (id: string, body: { email: string; role: string }) =>
  request<Invitation>(`${org(id)}/invitations`, { method: 'POST', body });
export const acceptInvitation = (token: string) =>
  request<Invitation>('/api/v1/invitations/accept', { method: 'POST', body: { token } });
export const history = (type: string, id: string) =>
  request<{ items: AuditEntry[] }>(`/api/v1/audit?subject_type=${encodeURIComponent(type)}&subject_id=${encodeURIComponent(id)}`);
export const notifications = () => request<{ items: Notice[]; unread: number }>('/api/v1/me/notifications');
export const markRead = (id: string) => request<void>(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
