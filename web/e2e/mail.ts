// Reads what the server sent to the SMTP sink: Debian's aiosmtpd with its
// Mailbox handler writes every message into a Maildir (see
// playwright.config.ts), and the tests poll its new/ folder. Messages are
// plain UTF-8 text, sent quoted-printable or base64; both are decoded here, as
// are RFC 2047 encoded words in the headers.
import { readdirSync, readFileSync, statSync } from 'node:fs';

export interface Mail {
  /** File name in the Maildir: unique, so tests can tell messages apart. */
  id: string;
  /** Every recipient, lower-case: the To/Cc headers and the SMTP envelope (X-RcptTo). */
  to: string[];
  subject: string;
  /** The decoded plain-text body. */
  body: string;
  headers: Map<string, string>;
}

export interface MailQuery {
  /** Only messages with exactly this (decoded) subject. */
  subject?: string;
  /** Skip messages already seen (by id), e.g. an earlier one to the same address. */
  exclude?: Iterable<string | Mail>;
  timeoutMs?: number;
}

function maildir(): string {
  const dir = process.env.COHORT_E2E_MAILDIR;
  if (!dir) throw new Error('COHORT_E2E_MAILDIR is not set (playwright.config.ts sets it)');
  return dir;
}

/** Headers with folded lines joined; names lower-case. The first occurrence wins. */
function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Bytes of a quoted-printable text (soft line breaks removed), as UTF-8. */
export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    const hex = input.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words does not count
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeBody(body: string, transferEncoding: string): string {
  const encoding = transferEncoding.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The text/plain part of a message (the whole body when it is not multipart). */
function plainText(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      const partHeaders = parseHeaders(part.slice(0, split).replace(/^\r?\n/, ''));
      const partBody = part.slice(split).replace(/^\r?\n\r?\n/, '');
      const text = plainText(partHeaders, partBody);
      if (text) return text;
    }
    return '';
  }
  if (!/^text\/plain/i.test(type)) return '';
  return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit').replace(/\r\n/g, '\n');
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return [...decodeHeader(value).matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0].toLowerCase());
}

export function parseMail(id: string, raw: string): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaders(head);
  const to = new Set([
    ...addresses(headers.get('to')),
    ...addresses(headers.get('cc')),
    ...addresses(headers.get('x-rcptto')),
  ]);
  return { id, to: [...to], subject: decodeHeader(headers.get('subject') ?? ''), body: plainText(headers, body), headers };
}

/** Every message delivered so far to `to`, oldest first. */
export function mailsTo(to: string): Mail[] {
  const dir = `${maildir()}/new`;
  const address = to.toLowerCase();
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, time: statSync(`${dir}/${name}`).mtimeMs }))
    .sort((a, b) => a.time - b.time || a.name.localeCompare(b.name))
    .map(({ name }) => parseMail(name, readFileSync(`${dir}/${name}`, 'utf8')))
    .filter((mail) => mail.to.includes(address));
}

/**
 * Waits (polling new/, up to 15 s by default) for a message to `to` and
 * returns the newest that matches. The second argument may be just a subject.
 */
export async function waitForMail(to: string, query: MailQuery | string = {}): Promise<Mail> {
  const { subject, exclude = [], timeoutMs = 15_000 } = typeof query === 'string' ? { subject: query } : query;
  const seen = new Set([...exclude].map((m) => (typeof m === 'string' ? m : m.id)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matching = mailsTo(to).filter((m) => !seen.has(m.id) && (subject === undefined || m.subject === subject));
    const newest = matching.at(-1);
    if (newest) return newest;
    if (Date.now() > deadline) {
      const got = mailsTo(to).map((m) => `“${m.subject}”`);
      throw new Error(
        `No mail to ${to}${subject ? ` with the subject “${subject}”` : ''} within ${timeoutMs} ms` +
          (got.length ? ` (it has: ${got.join(', ')})` : ' (none at all)'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function firstLink(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`No ${what} link in:\n${text}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

/** Path and query of the first link to this server with a token (any page). */
export function linkIn(text: string): string {
  return firstLink(text, /https?:\/\/[^\s/]+\/[^\s]*[?&]token=[A-Za-z0-9_~.%-]+/, 'token');
}

/** Path and query of the first `http…/verify-email?token=…` link. */
export function verifyLink(text: string): string {
  return firstLink(text, /https?:\/\/[^\s/]+\/verify-email\?token=[A-Za-z0-9_~.%-]+/, 'verify-email');
}

/** Path and query of the first `http…/reset-password?token=…` link. */
export function resetLink(text: string): string {
  return firstLink(text, /https?:\/\/[^\s/]+\/reset-password\?token=[A-Za-z0-9_~.%-]+/, 'reset-password');
}
