/**
 * A small subset of Sheets number formatting, enough for FORMATTED_VALUE
 * reads: automatic numbers, NUMBER/PERCENT/CURRENCY patterns like `#,##0.00`
 * or `0.0%`, and DATE/TIME/DATE_TIME patterns like `yyyy-mm-dd hh:mm:ss`.
 */
import type { Json } from './types.js';

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The NumberFormat types that denote dates and times. */
export const DATE_TYPES: ReadonlySet<string> = new Set(['DATE', 'TIME', 'DATE_TIME']);

const DEFAULT_DATE_PATTERNS: Record<string, string> = {
  DATE: 'yyyy-mm-dd',
  TIME: 'hh:mm:ss',
  DATE_TIME: 'yyyy-mm-dd hh:mm:ss',
};

/** Converts a UTC calendar date to a Sheets serial number (days since 1899-12-30). */
export function dateToSerial(date: Date): number {
  return (date.getTime() - SERIAL_EPOCH_MS) / DAY_MS;
}

/** Converts a Sheets serial number to a UTC `Date`. */
export function serialToDate(serial: number): Date {
  return new Date(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
}

/** The `numberFormat` object of a cell format, if any. */
export function numberFormatOf(format: Json | undefined): { type: string; pattern?: string } | undefined {
  const nf = format?.['numberFormat'];
  if (!nf || typeof nf !== 'object') return undefined;
  const { type, pattern } = nf as { type?: unknown; pattern?: unknown };
  if (typeof type !== 'string') return undefined;
  return typeof pattern === 'string' && pattern ? { type, pattern } : { type };
}

/** Renders a number the way the "Automatic" format does (up to 10 significant digits). */
export function formatAutomatic(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number.parseFloat(value.toPrecision(10)));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const DATE_TOKEN = /yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|"[^"]*"|\\.|./gi;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats a date serial with a Sheets date/time pattern. */
export function formatDatePattern(serial: number, pattern: string): string {
  const d = serialToDate(serial);
  const tokens = pattern.match(DATE_TOKEN) ?? [];
  const hasAmPm = /am\/pm/i.test(pattern);
  const hours = d.getUTCHours();
  const isMinute = (i: number): boolean => {
    const prev = tokens.slice(0, i).reverse().find((t) => /^[a-z]/i.test(t));
    const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t));
    return Boolean((prev && /^h/i.test(prev)) || (next && /^s/i.test(next)));
  };
  return tokens
    .map((tok, i) => {
      const t = tok.toLowerCase();
      switch (t) {
        case 'yyyy': return String(d.getUTCFullYear());
        case 'yy': return pad(d.getUTCFullYear() % 100, 2);
        case 'mmmm': return MONTHS[d.getUTCMonth()] ?? '';
        case 'mmm': return (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
        case 'mm': return isMinute(i) ? pad(d.getUTCMinutes(), 2) : pad(d.getUTCMonth() + 1, 2);
        case 'm': return isMinute(i) ? String(d.getUTCMinutes()) : String(d.getUTCMonth() + 1);
        case 'dddd': return DAYS[d.getUTCDay()] ?? '';
        case 'ddd': return (DAYS[d.getUTCDay()] ?? '').slice(0, 3);
        case 'dd': return pad(d.getUTCDate(), 2);
        case 'd': return String(d.getUTCDate());
        case 'hh': return pad(hasAmPm ? ((hours + 11) % 12) + 1 : hours, 2);
        case 'h': return String(hasAmPm ? ((hours + 11) % 12) + 1 : hours);
        case 'ss': return pad(d.getUTCSeconds(), 2);
        case 's': return String(d.getUTCSeconds());
        case 'am/pm': return hours < 12 ? 'AM' : 'PM';
        default:
          if (tok.startsWith('"')) return tok.slice(1, -1);
          if (tok.startsWith('\\')) return tok.slice(1);
          return tok;
      }
    })
    .join('');
}

/** Formats a number with a numeric pattern such as `0`, `0.00`, `#,##0.00`, `0.0%`, `"¥"#,##0`. */
export function formatNumberPattern(value: number, pattern: string): string {
  const section = pattern.split(';')[0] ?? pattern;
  const first = section.search(/[#0?]/);
  if (first < 0) return formatAutomatic(value);
  let last = first;
  for (let i = first; i < section.length; i++) if (/[#0?,.]/.test(section[i] ?? '')) last = i;
  const core = section.slice(first, last + 1);
  const strip = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const prefix = strip(section.slice(0, first));
  const suffix = strip(section.slice(last + 1));
  const percent = section.includes('%');
  const fraction = core.split('.')[1] ?? '';
  const required = fraction.replace(/[^0]/g, '').length;
  const decimals = fraction.replace(/[^0#?]/g, '').length;
  const grouped = (core.split('.')[0] ?? '').includes(',');
  const scaled = Math.abs(percent ? value * 100 : value);
  let text = scaled.toFixed(decimals);
  if (decimals > required) {
    text = text.replace(new RegExp(`0{0,${decimals - required}}$`), '').replace(/\.$/, '');
  }
  if (grouped) {
    const [int = '', frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return `${value < 0 ? '-' : ''}${prefix}${text}${suffix}`;
}

/** Formats a numeric cell value according to its `userEnteredFormat.numberFormat`. */
export function formatNumber(value: number, format: Json | undefined): string {
  const nf = numberFormatOf(format);
  if (!nf) return formatAutomatic(value);
  if (DATE_TYPES.has(nf.type)) return formatDatePattern(value, nf.pattern ?? DEFAULT_DATE_PATTERNS[nf.type] ?? 'yyyy-mm-dd');
  if (nf.type === 'TEXT') return formatAutomatic(value);
  if (nf.pattern) return formatNumberPattern(value, nf.pattern);
  if (nf.type === 'PERCENT') return formatNumberPattern(value, '0.00%');
  if (nf.type === 'CURRENCY') return formatNumberPattern(value, '"$"#,##0.00');
  if (nf.type === 'SCIENTIFIC') return value.toExponential(2).toUpperCase();
  return formatAutomatic(value);
}

/** True when the cell's number format is a date/time type. */
export function isDateFormat(format: Json | undefined): boolean {
  const nf = numberFormatOf(format);
  return nf !== undefined && DATE_TYPES.has(nf.type);
}
