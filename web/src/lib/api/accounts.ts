// Accounts routes, one function per route of docs/api/accounts.md. Browser
// calls authenticate with the session cookie; client.ts adds the CSRF token.
import { request } from './client';

export interface Membership {
  organisation_id: string;
  organisation_name: string;
  role: string;
}

export interface Account {
  id: string;
  email: string;
  name: string;
  locale: string;
  email_verified: boolean;
  totp_enabled: boolean;
  totp_required: boolean;
  is_platform_admin: boolean;
  memberships: Membership[];
}

export interface Me {
  account: Account;
  csrf_token: string;
}

/** What `GET /api/v1/session` answers: never 401, `account` is null when signed out. */
export interface SessionInfo {
  account: Account | null;
  csrf_token: string;
}

export interface NewToken extends TokenInfo {
  /** The secret, shown this once. */
  token: string;
}

export interface RegisterBody {
  name: string;
  email: string;
  password: string;
  locale: string;
  consent: boolean;
}

export interface TokenInfo {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

// Registration and e-mail verification
export const register = (body: RegisterBody) =>
  request<{ status: 'verification_sent' }>('/api/v1/accounts', { method: 'POST', body });
export const verifyEmail = (token: string) =>
  request<{ status: 'verified' }>('/api/v1/accounts/verify', { method: 'POST', body: { token } });
export const privacyNotice = () => request<{ version: string }>('/api/v1/privacy-notice');

// Session
export const signIn = (body: { email: string; password: string; totp_code?: string }) =>
  request<Me>('/api/v1/session', { method: 'POST', body });
export const signOut = () => request<void>('/api/v1/session', { method: 'DELETE' });
export const session = () => request<SessionInfo>('/api/v1/session');
export const me = () => request<Me>('/api/v1/me');

// Profile
export const updateProfile = (body: { name?: string; locale?: string }) =>
  request<{ account: Account }>('/api/v1/me', { method: 'PATCH', body });
export const changePassword = (body: { current_password: string; new_password: string }) =>
  request<void>('/api/v1/me/password', { method: 'POST', body });
export const changeEmail = (body: { new_email: string; password: string }) =>
  request<{ status: 'confirmation_sent' }>('/api/v1/me/email', { method: 'POST', body });

// Password reset
export const requestReset = (email: string) =>
  request<{ status: 'reset_sent' }>('/api/v1/password-reset', { method: 'POST', body: { email } });
export const confirmReset = (body: { token: string; new_password: string }) =>
  request<void>('/api/v1/password-reset/confirm', { method: 'POST', body });

// Two-step sign-in (TOTP)
export const totpSetup = () =>
  request<{ secret: string; otpauth_uri: string }>('/api/v1/me/totp/setup', { method: 'POST' });
export const totpEnable = (code: string) => request<void>('/api/v1/me/totp/enable', { method: 'POST', body: { code } });
export const totpDisable = (code: string) =>
  request<void>('/api/v1/me/totp/disable', { method: 'POST', body: { code } });

// Personal API tokens
export const listTokens = () => request<{ items: TokenInfo[] }>('/api/v1/me/tokens');
export const createToken = (name: string) => request<NewToken>('/api/v1/me/tokens', { method: 'POST', body: { name } });
export const revokeToken = (id: string) =>
  request<void>(`/api/v1/me/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
