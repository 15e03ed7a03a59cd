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

// Separators of the languages whose locale data a browser may lack: Chromium
// knows the name "az" but formats it as the root locale ("1,234.5"), so the
// separators of these languages are put in whatever the browser wrote.
const SEPARATORS: Record<string, { group: string; decimal: string }> = { az: { group: '.', decimal: ',' } };
const numberFormats = new Map<string, (value: number) => string>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): (value: number) => string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    const native = new Intl.NumberFormat(locale, options);
    const separators = SEPARATORS[locale];
    format = separators
      ? (value) =>
          native
            .formatToParts(value)
            .map((p) => (p.type === 'group' ? separators.group : p.type === 'decimal' ? separators.decimal : p.value))
            .join('')
      : (value) => native.format(value);
    numberFormats.set(key, format);
  }
  return format;
}

/** A count in the reader's language ("1.032" in Azerbaijani, "1,032" in English); "—" when there is none. */
export function formatCount(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(locale, { maximumFractionDigits: 0 })(value);
}

/** A share (0.844) as a percentage with at most one decimal ("84,4%"); "—" when there is none. */
export function formatShare(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })(value);
}
