// Completion and certificates (docs/api/programme.md): the intake's rules,
// final works, who meets the rules, confirming completion (which issues the
// certificates), the certificates with their PDF and Open Badge downloads,
// revocation, and the public verification anyone may ask for.
import { request } from './client';

export interface CompletionRules {
  /** 0–1: the share of activities a participant must attend. */
  min_attendance: number;
  final_work_required: boolean;
  /** 0–5, whole: 0 not asked; else every rotation evaluated at least so (overall). */
  min_evaluation: number;
  /** 0 leaves hours off the certificate. */
  hours: number;
}

export interface FinalWork {
  title: string;
  grade: string;
  passed: boolean;
}

export type Unmet = 'attendance' | 'evaluations' | 'final_work';

export interface CompletionRow {
  participant_id: string;
  name: string;
  state: 'active' | 'withdrawn' | 'completed';
  attendance: number | null;
  final_work: FinalWork | null;
  /** Rotations the participant has, and how many of them are evaluated at least the rule's least score. */
  rotations?: number;
  evaluated?: number;
  unmet: Unmet[];
  meets: boolean;
  certificate_serial: string | null;
}

/** What is signed. */
export interface Statement {
  serial: string;
  holder: string;
  programme: string;
  organisation: string;
  intake: string;
  /** YYYY-MM-DD */
  from: string;
  to: string;
  hours: number;
  issued: string;
  v?: number;
}

export interface Certificate {
  serial: string;
  participant_id: string;
  intake_id: string;
  state: 'valid' | 'revoked';
  revoked_at: string | null;
  revoke_reason: string | null;
  issued_at: string;
  statement: Statement;
  /** `{public_url}/verify?c=<token>`: what the certificate's QR code carries. */
  verify_url: string;
}

export const VERIFICATION_STATUSES = ['valid', 'revoked', 'unknown', 'tampered'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface Verification {
  status: VerificationStatus;
  signature_valid: boolean;
  certificate: Statement | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export const PDF_LANGUAGES = ['az', 'en', 'ru'] as const;

const enc = encodeURIComponent;
const intake = (id: string) => `/api/v1/intakes/${enc(id)}`;
const certificate = (serial: string) => `/api/v1/certificates/${enc(serial)}`;

export const getRules = (intakeId: string) => request<CompletionRules>(`${intake(intakeId)}/completion-rules`);
export const saveRules = (intakeId: string, body: CompletionRules) =>
  request<CompletionRules>(`${intake(intakeId)}/completion-rules`, { method: 'PUT', body });
export const saveFinalWork = (participantId: string, body: FinalWork) =>
  request<FinalWork>(`/api/v1/participants/${enc(participantId)}/final-work`, { method: 'PUT', body });
/** Every participant not withdrawn. */
export const getCompletion = (intakeId: string) => request<{ items: CompletionRow[] }>(`${intake(intakeId)}/completion`);
/** Each becomes `completed` and gets a certificate; 422 per `participant_ids[i]` issues nothing. */
export const confirmCompletion = (intakeId: string, participantIds: string[]) =>
  request<unknown>(`${intake(intakeId)}/completion/confirm`, { method: 'POST', body: { participant_ids: participantIds } });
export const listCertificates = (intakeId: string) => request<{ items: Certificate[] }>(`${intake(intakeId)}/certificates`);
export const myCertificates = () => request<{ items: Certificate[] }>('/api/v1/me/certificates');
export const revoke = (serial: string, reason: string) => request<Certificate>(`${certificate(serial)}/revoke`, { method: 'POST', body: { reason } });

/** Links (downloads) rather than requests: the browser saves the files. */
export const pdfUrl = (serial: string, lang: string) => `${certificate(serial)}/pdf?lang=${enc(lang)}`;
export const badgeUrl = (serial: string) => `${certificate(serial)}/badge`;

/** Anyone: by the QR code's token or by the serial. */
export const verify = (query: { c: string } | { serial: string }) =>
  request<Verification>(
    'c' in query ? `/api/v1/certificates/verify?c=${enc(query.c)}` : `/api/v1/certificates/verify?serial=${enc(query.serial)}`,
  );

/** The public page that verifies a certificate by its serial. */
export const verifyPageBySerial = (serial: string) => `/verify?serial=${enc(serial)}`;
