/**
 * 参数: each row of SETTING_ROWS (tabs.ts) read into typed settings. A bad value falls back to its default
 * with an 错误 naming the cell and how to write it.
 */
import { a1, cellText, isBlank, normalizeHeader, splitList, toHalfWidth, type Cell, type Grid } from './cells.js';
import { decodeNumber } from './codecs.js';
import type { FindingSink } from './findings.js';
import { defaultPace, PACE_FIX, parsePaceText } from './pace.js';
import { SETTINGS_TAB, SETTING_ROWS } from './tabs.js';
import { DEFAULT_CHAINS, LEVEL_ERROR, LEVEL_REMINDER } from './vocabulary.js';
import { parseWeeklyDeadline, type WeeklyDeadline } from './weekly-deadline.js';

export interface Grade {
  readonly name: string;
  readonly min: number;
}

export interface Settings {
  readonly year: number;
  readonly city: string;
  readonly overdueDays: number;
  readonly staleDays: number;
  readonly weeklyDeadline: WeeklyDeadline;
  /** Cumulative share of the annual target due by the end of each month, 12 fractions. */
  readonly pace: readonly number[];
  readonly bulletinTo: readonly string[];
  readonly adminTo: readonly string[];
  /** Highest threshold first. */
  readonly grades: readonly Grade[];
  readonly chains: readonly string[];
  /** v2 美元汇率: 万元 per 万美元; undefined when not set. */
  readonly usdRate: number | undefined;
  /** v2 仅计认定项目: row-based 口径 count only 已认定 rows. */
  readonly recognisedOnly: boolean;
  /** 发文单位 of the 通报 (its red header and 落款); default `{城市}招商引资工作领导小组办公室`. */
  readonly issuer: string;
  /** 期号 of the January 通报; month m's is 期号 + m − 1 (default 1: the issue is the month). */
  readonly firstIssue: number;
  /** 通报群: the robot group that gets the city-wide reports' digest, with its cell for messages. */
  readonly bulletinGroup: NamedCell | undefined;
  /** 通报审核 = 是: city-wide reports wait for 同意 in the 审核 tab (see signoff.ts). */
  readonly signoffRequired: boolean;
}

/** A name typed in a cell, and where (A1), for messages about it. */
export interface NamedCell {
  readonly name: string;
  readonly at: string;
}

/** The trimmed text of a cell as a {@link NamedCell}; undefined when blank. */
export function namedCell(cell: Cell, at: string): NamedCell | undefined {
  const name = toHalfWidth(cellText(cell)).trim();
  return name === '' ? undefined : { name, at };
}

export const DEFAULT_GRADES = '优秀:90,良好:80,一般:60,较差:0';

const SETTING_NAMES = SETTING_ROWS.map((r) => r.name);

/** Where a 参数 row's value is (B column of its row), or the tab's A1 when the row is missing. */
export function settingCell(grid: Grid, name: string): { cell: string; value: Cell } {
  const i = grid.findIndex((row, r) => r > 0 && normalizeHeader(row?.[0]) === name);
  return i < 0 ? { cell: 'A1', value: undefined } : { cell: a1(1, i + 1), value: grid[i]?.[1] };
}

/** Reads 参数 (a grid with 参数 | 值 rows). */
export function parseSettings(grid: Grid, report: FindingSink): Settings {
  const tab = SETTINGS_TAB.name;
  const values = new Map<string, { cell: Cell; at: string }>();
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i];
    if (!row || isBlank(row[0])) continue;
    const key = normalizeHeader(row[0]);
    if (!(SETTING_NAMES as readonly string[]).includes(key)) {
      report(LEVEL_REMINDER, tab, a1(0, i + 1), '参数', row[0], '不是系统认识的参数名，将被忽略', `可用的参数名：${SETTING_NAMES.join('、')}`);
      continue;
    }
    values.set(key, { cell: row[1], at: a1(1, i + 1) });
  }
  const get = (key: string) => values.get(key);
  const requiredText = (key: string, fallback: string, fix: string): string => {
    const entry = get(key);
    const text = entry ? cellText(entry.cell).trim() : '';
    if (text === '') report(LEVEL_ERROR, tab, entry?.at ?? 'A1', key, entry?.cell, `参数“${key}”未填写`, fix);
    return text === '' ? fallback : toHalfWidth(text);
  };
  const wholeNumber = (key: string, fallback: number, fix = `请填写天数，如 ${fallback}`): number => {
    const entry = get(key);
    if (!entry || isBlank(entry.cell)) return fallback;
    const decoded = decodeNumber(entry.cell);
    if (decoded.ok && decoded.value !== undefined && Number.isInteger(decoded.value) && decoded.value > 0) return decoded.value;
    report(LEVEL_ERROR, tab, entry.at, key, entry.cell, `不是正整数，暂按默认值 ${fallback} 计算`, fix);
    return fallback;
  };
  const yearText = requiredText('年度', '', '请在“值”列填写考核年度，如 2026');
  let year = Number(yearText);
  if (yearText !== '' && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    report(LEVEL_ERROR, tab, get('年度')?.at ?? 'B2', '年度', get('年度')?.cell, '不是有效年份', '请填写四位年份，如 2026');
  }
  if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) year = 0;
  const city = requiredText('城市', '本市', '请填写城市名称，如 焦作市，报告标题会用到');
  const deadlineEntry = get('周上报截止');
  let weeklyDeadline = parseWeeklyDeadline('周五 17:00')!;
  if (deadlineEntry && !isBlank(deadlineEntry.cell)) {
    const parsed = parseWeeklyDeadline(cellText(deadlineEntry.cell));
    if (parsed) weeklyDeadline = parsed;
    else report(LEVEL_ERROR, tab, deadlineEntry.at, '周上报截止', deadlineEntry.cell, '无法识别，暂按“周五 17:00”', '请写成“周五 17:00”的形式：星期用周一至周日，时间用 24 小时制');
  }
  return {
    year,
    city,
    overdueDays: wholeNumber('超期未开工天数', 180),
    staleDays: wholeNumber('长期未更新天数', 14),
    weeklyDeadline,
    pace: parsePace(get('序时进度'), report),
    bulletinTo: parseEmails(get('通报收件人'), '通报收件人', tab, report),
    adminTo: parseEmails(get('管理员邮箱'), '管理员邮箱', tab, report),
    grades: parseGrades(get('等次'), report),
    chains: parseChains(get('产业链')),
    usdRate: parseUsdRate(get('美元汇率'), report),
    recognisedOnly: parseYesNo(get('仅计认定项目'), '仅计认定项目', report, false),
    issuer: cellText(get('发文单位')?.cell ?? '').trim() || `${city}招商引资工作领导小组办公室`,
    firstIssue: wholeNumber('期号', 1, '请填写 1 月通报的期号（正整数），如 1；留空则期号等于月份'),
    bulletinGroup: get('通报群') ? namedCell(get('通报群')!.cell, get('通报群')!.at) : undefined,
    // An unclear 通报审核 must not skip the review: read it as 是.
    signoffRequired: parseYesNo(get('通报审核'), '通报审核', report, true),
  };
}

function parseUsdRate(entry: { cell: Cell; at: string } | undefined, report: FindingSink): number | undefined {
  if (!entry || isBlank(entry.cell)) return undefined;
  const decoded = decodeNumber(entry.cell);
  if (decoded.ok && decoded.value !== undefined && decoded.value > 0) return decoded.value;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry.at, '美元汇率', entry.cell, '不是正数，暂按未填写处理', '请填写 1 万美元折合的万元数，如 7.1');
  return undefined;
}

/** 是/否, blank = 否; anything else is an 错误 and reads as `unclear`. */
function parseYesNo(entry: { cell: Cell; at: string } | undefined, field: string, report: FindingSink, unclear: boolean): boolean {
  const text = entry ? toHalfWidth(cellText(entry.cell)).trim() : '';
  if (text === '' || text === '否') return false;
  if (text === '是') return true;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry?.at ?? 'A1', field, entry?.cell, `只能填“是”或“否”，暂按“${unclear ? '是' : '否'}”处理`, `请填写 是 或 否`);
  return unclear;
}

function parsePace(entry: { cell: Cell; at: string } | undefined, report: FindingSink): number[] {
  if (!entry || isBlank(entry.cell)) return defaultPace();
  const pace = parsePaceText(cellText(entry.cell));
  if (pace) return pace;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry.at, '序时进度', entry.cell, '不是 12 个逐月不减、介于 0 和 100% 之间的累计进度，暂按每月 1/12 计算', `${PACE_FIX}；留空则按每月 1/12`);
  return defaultPace();
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Email lists separated by `,` `;` `、` spaces or newlines (full-width too); bad addresses are errors. */
export function parseEmails(entry: { cell: Cell; at: string } | undefined, field: string, tab: string, report: FindingSink): string[] {
  if (!entry || isBlank(entry.cell)) return [];
  const good: string[] = [];
  for (const part of splitList(cellText(entry.cell))) {
    if (EMAIL.test(part)) {
      if (!good.includes(part.toLowerCase())) good.push(part.toLowerCase());
    } else {
      report(LEVEL_ERROR, tab, entry.at, field, entry.cell, `“${part}”不是有效的邮箱地址，不会给它发信`, '请写成 name@example.gov.cn 的形式，多个地址用逗号或顿号分隔');
    }
  }
  return good;
}

function parseGrades(entry: { cell: Cell; at: string } | undefined, report: FindingSink): Grade[] {
  const text = entry && !isBlank(entry.cell) ? cellText(entry.cell) : DEFAULT_GRADES;
  const grades: Grade[] = [];
  for (const part of toHalfWidth(text).split(/[,;、，；\n]+/)) {
    const m = /^\s*([^:]+?)\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) {
      report(LEVEL_ERROR, SETTINGS_TAB.name, entry?.at ?? 'B1', '等次', entry?.cell, `“${part}”无法识别，暂按默认等次`, `请写成“${DEFAULT_GRADES}”的形式`);
      return parseGrades(undefined, report);
    }
    grades.push({ name: m[1] ?? '', min: Number(m[2]) });
  }
  return grades.sort((a, b) => b.min - a.min);
}

function parseChains(entry: { cell: Cell; at: string } | undefined): string[] {
  if (!entry || isBlank(entry.cell)) return [...DEFAULT_CHAINS];
  const chains = toHalfWidth(cellText(entry.cell)).split(/[,;、，；\n]+/).map((s) => s.trim()).filter(Boolean);
  return chains.length > 0 ? [...new Set(chains)] : [...DEFAULT_CHAINS];
}

