// Times of a call's window, shown in the call's own time zone with the zone
// named ("15 yanvar 2027, saat 18:00 (Asia/Baku, UTC+04:00)"): a deadline is
// the organisation's, wherever the applicant reads it. Day and month names
// come from the catalogues (Chromium has no Azerbaijani locale data).
import type { TOptions } from 'i18next';

type Translate = (key: string, options?: TOptions) => string;

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function partsIn(date: Date, zone: string): Parts | undefined {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(date)) parts[p.type] = p.value;
    return {
      year: parts.year ?? '',
      month: parts.month ?? '',
      day: parts.day ?? '',
      hour: (parts.hour ?? '00').padStart(2, '0'),
      minute: (parts.minute ?? '00').padStart(2, '0'),
    };
  } catch {
    return undefined; // an unknown zone name
  }
}

/** "UTC+04:00" for the zone at that moment ("UTC" itself for offset zero). */
function offsetIn(date: Date, zone: string): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    return (name ?? 'GMT').replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/** The date and time in `zone`, without the zone's name. */
export function formatZonedTime(iso: string, zone: string, t: Translate): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = partsIn(date, zone) ?? partsIn(date, 'UTC');
  if (!p) return iso;
  const day = t('format.date', { day: String(Number(p.day)), month: t(`format.months.${Number(p.month)}`), year: p.year });
  return t('format.date_time', { date: day, time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` });
}

/** The zone as formatInZone names it at that moment: "Asia/Baku, UTC+04:00" (UTC for an unknown zone). */
export function zoneLabel(iso: string, zone: string): string {
  const date = new Date(iso);
  const at = Number.isNaN(date.getTime()) ? new Date() : date;
  const name = partsIn(at, zone) !== undefined ? zone : 'UTC';
  const offset = offsetIn(at, name);
  return offset && offset !== name ? `${name}, ${offset}` : name;
}

/** The date and time in `zone`, with the zone named. */
export function formatInZone(iso: string, zone: string, t: Translate): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const name = partsIn(date, zone) !== undefined ? zone : 'UTC';
  return t('calls.in_zone', { time: formatZonedTime(iso, name, t), zone: zoneLabel(iso, zone) });
}

/**
 * The calendar day "YYYY-MM-DD" and the clock time "HH:MM" of a moment in
 * `zone` (UTC for an unknown zone), e.g. to group times by day or to fill
 * date and time inputs; undefined when `iso` does not parse.
 */
export function zonedParts(iso: string, zone: string): { day: string; time: string } | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const p = partsIn(date, zone) ?? partsIn(date, 'UTC');
  if (!p) return undefined;
  const day = `${p.year.padStart(4, '0')}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
  return { day, time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` };
}

/** A calendar date "YYYY-MM-DD" (an answer) in words. */
export function formatDay(value: string, t: Translate): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return t('format.date', { day: String(Number(match[3])), month: t(`format.months.${Number(match[2])}`), year: match[1] ?? '' });
}

/**
 * A span of time on the clock of `zone`, as a candidate states when they can
 * come: "10 yanvar 2027, 09:00–12:00" within one day, else both ends in full
 * ("10 yanvar 2027, saat 18:00 – 11 yanvar 2027, saat 09:00").
 */
export function formatWindow(start: string, end: string, zone: string, t: Translate): string {
  const from = zonedParts(start, zone);
  const to = zonedParts(end, zone);
  if (from && to && from.day === to.day) {
    return t('interviews.window_range', { day: formatDay(from.day, t), from: from.time, to: to.time });
  }
  return t('interviews.window_span', { start: formatZonedTime(start, zone, t), end: formatZonedTime(end, zone, t) });
}

/**
 * The moment (RFC 3339 UTC) at which the clock of `zone` reads `day` ("YYYY-MM-DD")
 * at `time` ("HH:MM"); undefined when either does not parse. Around a clock
 * change the first matching moment wins.
 */
export function zonedToUtc(day: string, time: string, zone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const c = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !c) return undefined;
  const wanted = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(c[1]), Number(c[2]));
  let guess = wanted;
  // Two corrections by the zone's offset settle it (offsets change at most once nearby).
  for (let i = 0; i < 3; i += 1) {
    const p = zonedParts(new Date(guess).toISOString(), zone);
    if (!p) return undefined;
    const [y, m, dd] = p.day.split('-').map(Number);
    const [hh, mm] = p.time.split(':').map(Number);
    const shown = Date.UTC(y ?? 1970, (m ?? 1) - 1, dd ?? 1, hh ?? 0, mm ?? 0);
    if (shown === wanted) break;
    guess += wanted - shown;
  }
  return new Date(guess).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
