// Yearly reports of a network's members (docs/api/networks.md, "Yearly
// reports"): the form the year's chair sets (a call's form) and each member's
// report on it, a draft until submitted.
import type { Answers } from './applications';
import type { FormField } from './calls';
import type { Field, Translated } from './programmes';
import { request } from './client';

export interface ReportForm {
  network_id: string;
  year: number;
  title: Translated;
  description: Translated;
  form: { fields: FormField[] };
  /** YYYY-MM-DD */
  due_on: string;
  set_by_organisation_id: string | null;
  updated_at: string;
}

export interface ReportFormInput {
  title: Translated;
  description: Translated;
  form: { fields: Field[] };
  due_on: string;
}

export const REPORT_STATES = ['missing', 'draft', 'submitted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export interface Report {
  network_id: string;
  year: number;
  organisation_id: string;
  organisation_name: string;
  state: ReportState;
  /** Absent in the list. */
  answers?: Answers;
  updated_at: string | null;
  submitted_at: string | null;
}

const enc = encodeURIComponent;
const forms = (networkId: string, year: number) => `/api/v1/networks/${enc(networkId)}/report-forms/${year}`;
const reports = (networkId: string, year: number) => `/api/v1/networks/${enc(networkId)}/yearly-reports/${year}`;

export const getReportForm = (networkId: string, year: number) => request<ReportForm>(forms(networkId, year));
export const setReportForm = (networkId: string, year: number, body: ReportFormInput) =>
  request<ReportForm>(forms(networkId, year), { method: 'PUT', body });
/** The year's reports, with its form (null until the chair sets one). */
export const listReports = (networkId: string, year: number) =>
  request<{ form: ReportForm | null; items: Report[] }>(reports(networkId, year));
export const getReport = (networkId: string, year: number, organisationId: string) =>
  request<Report>(`${reports(networkId, year)}/${enc(organisationId)}`);
export const saveReport = (networkId: string, year: number, organisationId: string, answers: Answers) =>
  request<Report>(`${reports(networkId, year)}/${enc(organisationId)}`, { method: 'PATCH', body: { answers } });
export const submitReport = (networkId: string, year: number, organisationId: string) =>
  request<Report>(`${reports(networkId, year)}/${enc(organisationId)}/submit`, { method: 'POST', body: {} });
