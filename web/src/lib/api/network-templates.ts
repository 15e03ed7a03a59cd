// Templates a network publishes and its members adopt (docs/api/networks.md,
// "Templates"): a snapshot of a member's programme, call, form and selection
// stages, which another member takes as a new programme and intake of its own.
import type { FormField } from './calls';
import type { CallSettings, Translated } from './programmes';
import type { StageSettings } from './review';
import { request } from './client';

export interface TemplateStage {
  kind: string;
  settings: StageSettings;
}

/** What the template holds: the call without its window (each member sets its own dates). */
export interface TemplateContent {
  programme: { name: string; description: string };
  call: Omit<CallSettings, 'opens_at_local' | 'closes_at_local' | 'form'> & {
    form: { fields: FormField[]; second_stage_days?: number };
  };
  stages: TemplateStage[];
}

export interface Template {
  id: string;
  network_id: string;
  title: string;
  description: string;
  source_organisation_id: string;
  source_organisation_name: string;
  programme_name: string;
  /** How many questions the form has. */
  fields: number;
  /** How many selection stages. */
  stages: number;
  published_at: string;
  adoptions: number;
  /** Only when one template is read (or has just been published). */
  content?: TemplateContent;
}

export interface AdoptInput {
  organisation_id: string;
  code: string;
  intake: { name: string; starts_on: string; ends_on: string; capacity: number | null; time_zone: string };
}

export interface Adopted {
  template_id: string;
  organisation_id: string;
  programme_id: string;
  intake_id: string;
}

const enc = encodeURIComponent;

export const listTemplates = (networkId: string) =>
  request<{ items: Template[] }>(`/api/v1/networks/${enc(networkId)}/templates`);
export const publishTemplate = (networkId: string, body: { title: string; description: string; intake_id: string }) =>
  request<Template>(`/api/v1/networks/${enc(networkId)}/templates`, { method: 'POST', body });
export const getTemplate = (id: string) => request<Template>(`/api/v1/network-templates/${enc(id)}`);
export const adoptTemplate = (id: string, body: AdoptInput) =>
  request<Adopted>(`/api/v1/network-templates/${enc(id)}/adopt`, { method: 'POST', body });

export type { Translated };
