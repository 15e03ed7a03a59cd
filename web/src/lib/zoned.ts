// Times shown in a named time zone (a call's, e.g. Asia/Baku) rather than the
// reader's, and the list of zones to choose from. Month names come from the
// catalogues, as in format.ts (Chromium lacks Azerbaijani locale data).
import type { TOptions } from 'i18next';

type Translate = (key: string, options?: TOptions) => string;

/** "2 dekabr 2026, saat 15:04" as the clock reads in `timeZone`; the raw text when it does not parse. */
export function formatInZone(iso: string, timeZone: string, t: Translate): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    // An unknown zone name: UTC, said so.
    return `${formatInZone(iso, 'UTC', t)} UTC`;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = t('format.date', {
    day: String(Number(part('day'))),
    month: t(`format.months.${Number(part('month'))}`),
    year: part('year'),
  });
  return t('format.date_time', { date: day, time: `${part('hour')}:${part('minute')}` });
}

/** "2026-03-01" as a date in the catalogue's words ("1 mart 2026"). */
export function formatDay(day: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return t('format.date', { day: String(Number(m[3])), month: t(`format.months.${Number(m[2])}`), year: m[1] });
}

const COMMON_ZONES = [
  'Asia/Baku',
  'Asia/Tbilisi',
  'Asia/Yerevan',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Asia/Almaty',
  'Asia/Tashkent',
  'Asia/Bishkek',
  'Asia/Dushanbe',
  'Europe/London',
  'Europe/Berlin',
  'UTC',
];

/** IANA zone names the browser knows, the region's first; always includes `current`. */
export function timeZones(current: string): string[] {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    all = [];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const zone of [...COMMON_ZONES, current, ...all]) {
    if (zone && !seen.has(zone)) {
      seen.add(zone);
      out.push(zone);
    }
  }
  return out;
}
