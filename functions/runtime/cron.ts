/** Five-field cron expressions (minute hour day month weekday), as Cloud Scheduler reads them. */
import { shanghaiParts } from '../core/index.js';

function matches(field: string, value: number, min: number, max: number): boolean {
  return field.split(',').some((part) => {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [lo, hi] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) as [number, number] : [Number(range), stepText === undefined ? Number(range) : max];
    if (lo === undefined || hi === undefined || !(step > 0)) return false;
    if (max === 7 && hi === 7) hi = 7;
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}

/** True when the expression fires at this minute, Asia/Shanghai. */
export function cronMatches(expression: string, instant: Date): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron 表达式必须有 5 个字段：${expression}`);
  const p = shanghaiParts(instant);
  const weekday = p.weekday % 7; // cron: 0 or 7 = Sunday
  const [minute, hour, day, month, week] = fields as [string, string, string, string, string];
  return matches(minute, p.minute, 0, 59) && matches(hour, p.hour, 0, 23) && matches(day, p.day, 1, 31) && matches(month, p.month, 1, 12) &&
    (matches(week, weekday, 0, 7) || (weekday === 0 && matches(week, 7, 0, 7)));
}
