// Reads what the server sent to the SMTP sink (a Maildir, see
// playwright.config.ts). Messages are UTF-8 text, base64-encoded.
import { readdirSync, readFileSync } from 'node:fs';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

function decodeWord(value: string): string {
  const m = /^=\?UTF-8\?B\?(.*)\?=$/i.exec(value.trim());
  return m ? Buffer.from(m[1] ?? '', 'base64').toString('utf8') : value;
}

function parse(raw: string): Mail {
  const split = raw.indexOf('\n\n');
  const head = raw.slice(0, split);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
  let body = raw.slice(split + 2);
  if (/base64/i.test(header('Content-Transfer-Encoding'))) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { to: header('To').replace(/[<>]/g, ''), subject: decodeWord(header('Subject')), body };
}

/** The newest message to `to` (with `subject`, when given), waiting up to `timeoutMs`. */
export async function waitForMail(to: string, subject?: string, timeoutMs = 15_000): Promise<Mail> {
  const dir = `${process.env.COHORT_E2E_MAILDIR}/new`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = readdirSync(dir)
      .sort()
      .map((f) => parse(readFileSync(`${dir}/${f}`, 'utf8')))
      .filter((m) => m.to === to && (subject === undefined || m.subject === subject));
    const last = mails.at(-1);
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The path and query of the first link to this server in a text. */
export function linkIn(text: string): string {
  const m = /https?:\/\/[^\s/]+(\/[^\s]*token=[A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no link in: ${text}`);
  return m[1];
}
