/**
 * Five-field cron expressions (minute hour day month weekday), read the way Cloud Scheduler reads them:
 * in Asia/Shanghai, day-of-month OR day-of-week when both are restricted (`0 0 1 * 1` fires on the 1st
 * and on every Monday), names such as `THU` and `JAN` accepted. croner implements exactly that rule set,
 * so the local scheduler and the deployed one agree.
 */
import { Cron } from 'croner';
import { LedgerError } from '../errors.js';

const ZONE = 'Asia/Shanghai';

/** Parsed once per expression: the scheduler asks every minute. */
const cache = new Map<string, Cron>();

function cronOf(expression: string): Cron {
  const key = expression.trim();
  let cron = cache.get(key);
  if (!cron) {
    if (key.split(/\s+/).length !== 5) throw new LedgerError('BAD_CONFIG', `cron 表达式“${expression}”必须有 5 个字段（分 时 日 月 周），如 0 6 1 * *`);
    try {
      // paused: this object only answers questions, it never starts a timer of its own.
      cron = new Cron(key, { timezone: ZONE, mode: '5-part', domAndDow: false, paused: true });
    } catch (error) {
      throw new LedgerError('BAD_CONFIG', `cron 表达式“${expression}”无法识别：${(error as Error).message}`);
    }
    cache.set(key, cron);
  }
  return cron;
}

/** True when the expression fires in the minute that contains this instant, Asia/Shanghai. */
export function cronMatches(expression: string, instant: Date): boolean {
  const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  return cronOf(expression).match(minute);
}
