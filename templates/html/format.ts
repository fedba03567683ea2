/**
 * Numbers and dates as a Chinese government bulletin writes them. Money in the ledger is 万元: totals are
 * shown in 亿元 with 2 decimals, project amounts in 万元. Digits are grouped by hand so the output never
 * depends on the host's locale data.
 */
import { shanghaiParts, type Period } from '../../functions/core/index.js';

/** 12345.678 → "12,345.68" (at most `decimals`; `fixed` keeps trailing zeros). */
export function groupDigits(value: number, decimals: number, fixed = false): string {
  if (!Number.isFinite(value)) return '—';
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  let [whole = '0', fraction = ''] = rounded.toFixed(decimals).split('.');
  if (!fixed) fraction = fraction.replace(/0+$/, '');
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** 万元 → 亿元 number text with 2 decimals: 16500.5 → "1.65". */
export function yi(wan: number): string {
  return groupDigits(wan / 10_000, 2, true);
}

/** 万元 → "1.65 亿元". */
export function yiText(wan: number): string {
  return `${yi(wan)} 亿元`;
}

/** 万元 number text, up to 2 decimals: 15000 → "15,000". */
export function wan(value: number): string {
  return groupDigits(value, 2);
}

/** "15,000 万元". */
export function wanText(value: number): string {
  return `${wan(value)} 万元`;
}

/** A fraction as a percentage: 0.4342 → "43.4%". */
export function pct(fraction: number | undefined, digits = 1): string {
  return fraction === undefined || !Number.isFinite(fraction) ? '—' : `${(fraction * 100).toFixed(digits)}%`;
}

/** A score with 2 decimals: 94.5 → "94.50". */
export function pts(value: number): string {
  return value.toFixed(2);
}

/** A signed score: 1.5 → "+1.50", -2 → "-2.00", 0 → "0.00". */
export function signedPts(value: number): string {
  return value > 0 ? `+${pts(value)}` : pts(value);
}

/** The unit in which an indicator's actual value is shown. */
export type ValueUnit = '万元' | '万美元' | '个' | '%';

/** An indicator value in its own unit: "8,000 万元", "2 个", "50.0%". */
export function valueText(value: number, unit: ValueUnit): string {
  if (unit === '%') return pct(value);
  if (unit === '万元') return wanText(value);
  if (unit === '万美元') return `${groupDigits(value, 2)} 万美元`;
  return `${groupDigits(value, 2)} 个`;
}

/** "2026年6月". */
export function monthLabel(period: Period): string {
  return `${period.year}年${period.month}月`;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

/** 6 → "第二季度". */
export function quarterLabel(month: number): string {
  return `第${QUARTER_NAMES[Math.ceil(month / 3) - 1] ?? ''}季度`;
}

const WEEKDAY_NAMES = ['', '一', '二', '三', '四', '五', '六', '日'] as const;

/** An instant in Shanghai: "2026年7月1日 06:00". */
export function shanghaiText(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}年${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The date of an instant in Shanghai, as a 公文 writes it: "2026年11月1日". */
export function shanghaiDateText(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** A deadline in Shanghai with its weekday: "6月26日（周五）17:00". */
export function deadlineText(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.month}月${p.day}日（周${WEEKDAY_NAMES[p.weekday] ?? ''}）${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
