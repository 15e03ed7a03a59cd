// What a file question takes (docs/api/calls-and-applications.md, "Documents"):
// PDF, DOCX, JPEG or PNG, judged by content on the server and matched against
// the file name's extension, at most 10 MiB unless the question says less.
import type { TOptions } from 'i18next';
import type { FormField } from './api/calls';

type Translate = (key: string, options?: TOptions) => string;

export type DocumentKind = 'pdf' | 'docx' | 'jpeg' | 'png';

export const ACCEPTED_KINDS: Record<DocumentKind, { label: string; extensions: string[]; mime: string }> = {
  pdf: { label: 'PDF', extensions: ['.pdf'], mime: 'application/pdf' },
  docx: {
    label: 'DOCX',
    extensions: ['.docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  jpeg: { label: 'JPEG', extensions: ['.jpg', '.jpeg'], mime: 'image/jpeg' },
  png: { label: 'PNG', extensions: ['.png'], mime: 'image/png' },
};

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const isKind = (value: string): value is DocumentKind => value in ACCEPTED_KINDS;

/** The kinds a question takes (all four when it names none; "jpg" counts as JPEG). */
export function kindsOf(field: FormField): DocumentKind[] {
  const named = (field.accept ?? []).map((a) => a.toLowerCase().replace(/^\./, '')).map((a) => (a === 'jpg' ? 'jpeg' : a));
  const kinds = [...new Set(named.filter(isKind))];
  return kinds.length > 0 ? kinds : (Object.keys(ACCEPTED_KINDS) as DocumentKind[]);
}

/** The `accept` attribute of the file input: extensions and media types. */
export function acceptAttribute(kinds: DocumentKind[]): string {
  return kinds.flatMap((k) => [...ACCEPTED_KINDS[k].extensions, ACCEPTED_KINDS[k].mime]).join(',');
}

/** The most a question takes: its `max_bytes` when smaller than the server's 10 MiB. */
export function maxBytesOf(field: FormField): number {
  const own = field.max_bytes;
  return typeof own === 'number' && own > 0 ? Math.min(own, DEFAULT_MAX_BYTES) : DEFAULT_MAX_BYTES;
}

/** "10 MB", "2,5 MB", "312 KB" — binary units; a decimal comma but in English. */
export function fileSize(bytes: number, t: Translate, locale: string): string {
  if (bytes >= 1024 * 1024) {
    const n = Math.round((bytes / (1024 * 1024)) * 10) / 10;
    const text = locale === 'en' ? String(n) : String(n).replace('.', ',');
    return t('documents.mb', { n: text });
  }
  return t('documents.kb', { n: String(Math.max(1, Math.ceil(bytes / 1024))) });
}
