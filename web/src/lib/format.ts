// Formatting of values the server sends raw. Dates are built from the catalogues
// rather than Intl because browsers without Azerbaijani locale data (Chromium
// among them) would print "2026 M11 22".
import type { TOptions } from 'i18next';

type Translate = (key: string, options?: TOptions) => string;

const UNITS = [
  { key: 'duration.days', seconds: 86_400 },
  { key: 'duration.hours', seconds: 3_600 },
  { key: 'duration.minutes', seconds: 60 },
  { key: 'duration.seconds', seconds: 1 },
] as const;

/** "2 days 3 hours": the two largest non-zero units, which is precise enough for an uptime. */
export function formatDuration(totalSeconds: number, t: Translate): string {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (count > 0 || (unit.seconds === 1 && parts.length === 0)) parts.push(t(unit.key, { count }));
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** "22 noyabr 2026, saat 13:00" in the reader's time zone; the raw text when it does not parse. */
export function formatDateTime(iso: string, t: Translate): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = t('format.date', {
    day: String(date.getDate()),
    month: t(`format.months.${date.getMonth() + 1}`),
    year: String(date.getFullYear()),
  });
  return t('format.date_time', { date: day, time: formatTime(date, false) });
}

/** 24-hour "13:05" or "13:05:09", as used in all three languages. */
export function formatTime(date: Date, withSeconds = true): string {
  const parts = [date.getHours(), date.getMinutes()];
  if (withSeconds) parts.push(date.getSeconds());
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * A number with `digits` decimals (scores, spreads), with the decimal comma
 * Azerbaijani and Russian use; "—" when there is none. `signed` writes "+"
 * before positive values (a calibration effect).
 */
export function formatNumber(value: number | null | undefined, locale: string, digits = 1, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  // -0.04 would print as "-0.0".
  const rounded = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  const text = rounded.toFixed(digits);
  const local = locale === 'en' ? text : text.replace('.', ',');
  return signed && rounded > 0 ? `+${local}` : local;
}
