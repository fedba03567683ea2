/**
 * Cell codecs: what staff type → a domain value, or a Chinese problem and how to fix it.
 * Every codec takes any Cell and never throws; blank gives `{ ok: true, value: undefined }`.
 */
import { cellErrorText, cellText, isBlank, splitList, toHalfWidth, type Cell } from './cells.js';
import { dayFromDateCell, dayOf, formatDay, isRealDate, type Day } from './dates.js';

/** The outcome of decoding one cell. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T | undefined }
  | { readonly ok: false; readonly problem: string; readonly fix: string };

const BLANK = { ok: true, value: undefined } as const;

function fail(problem: string, fix: string): Decoded<never> {
  return { ok: false, problem, fix };
}

function ok<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

function formulaError(cell: Cell): Decoded<never> | undefined {
  const error = cellErrorText(cell);
  return error === undefined
    ? undefined
    : fail(`单元格是公式错误 ${error}`, '请检查该单元格的公式或引用，改为直接填写数值或文字');
}

const AMOUNT_FIX = '请填写以万元为单位的非负数字，如 3500、3,500、3500万元、1.2亿';
const AMOUNT_TEXT = /^(\d+(?:\.\d+)?)(万元|万|亿元|亿|元)?$/;

/** Amounts in 万元: numbers, `3,500`, `３５００`, `3500万元`, `1.2亿` (12000), `80000000元` (8000). */
export function decodeAmount(cell: Cell): Decoded<number> {
  if (isBlank(cell)) return BLANK;
  const error = formulaError(cell);
  if (error) return error;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('不是有效数字', AMOUNT_FIX);
    return checkRange(cell);
  }
  if (typeof cell !== 'string') {
    return fail(cell instanceof Date ? '这是日期，不是金额' : '不是金额', AMOUNT_FIX);
  }
  const text = toHalfWidth(cell).replace(/[,\s]/g, '');
  if (/^-\d/.test(text)) return fail('金额不能为负数', AMOUNT_FIX);
  const m = AMOUNT_TEXT.exec(text);
  if (!m) return fail('无法识别为金额', AMOUNT_FIX);
  const number = Number(m[1]);
  switch (m[2]) {
    case '亿':
    case '亿元':
      return checkRange(scaled(number, 10_000));
    case '元':
      return checkRange(scaled(number, 1 / 10_000));
    default:
      return checkRange(number);
  }
}

/** 100 万亿元: beyond any project; such a number is a typing accident, and would break the sums. */
const LARGEST_AMOUNT = 1e10;

function checkRange(value: number): Decoded<number> {
  if (value < 0) return fail('金额不能为负数', AMOUNT_FIX);
  if (value > LARGEST_AMOUNT) return fail('金额大得不合理（超过 100 万亿元）', '请核对位数和单位（本表单位是万元）');
  return ok(value);
}

/** Avoids 1.2 × 10000 = 11999.999999999998. */
function scaled(value: number, factor: number): number {
  return Number((value * factor).toPrecision(15));
}

/** Context a date codec needs: what today is (Shanghai). */
export interface DateContext {
  readonly today: Day;
}

const DATE_FIX = '请填写实际日期，如 2026-06-14、2026/6/14 或 2026年6月14日';
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const EARLIEST = dayOf(2000, 1, 1);

/** Dates: date cells, serial numbers, `2026-06-14`, `2026/6/14`, `2026.6.14`, `2026年6月14日`. */
export function decodeDate(cell: Cell, context: DateContext): Decoded<Day> {
  if (isBlank(cell)) return BLANK;
  const error = formulaError(cell);
  if (error) return error;
  let day: Day;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('不是有效日期', DATE_FIX);
    day = dayFromDateCell(cell);
  } else if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('不是有效日期', DATE_FIX);
    day = Math.floor(cell);
  } else if (typeof cell === 'string') {
    const m = DATE_TEXT.exec(toHalfWidth(cell).trim());
    if (!m) return fail('无法识别为日期', DATE_FIX);
    const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDate(year, month, date)) return fail('日历上没有这一天', DATE_FIX);
    day = dayOf(year, month, date);
  } else {
    return fail('不是日期', DATE_FIX);
  }
  if (day < EARLIEST) return fail('日期早于 2000 年', '请核对年份，填写实际日期，如 2026-06-14');
  if (day > context.today) {
    return fail(`日期晚于今天（${formatDay(context.today)}）`, '只能填写已经发生的日期，请核对年份和月份');
  }
  return ok(day);
}

/** Free text: numbers and dates are read back as text, formula errors are problems. */
export function decodeText(cell: Cell): Decoded<string> {
  if (isBlank(cell)) return BLANK;
  const error = formulaError(cell);
  if (error) return error;
  if (typeof cell === 'string') return ok(cell.trim());
  if (cell instanceof Date) return ok(Number.isNaN(cell.getTime()) ? cellText(cell) : formatDay(dayFromDateCell(cell)));
  return ok(cellText(cell));
}

/** One of a fixed list; full-width forms and surrounding spaces are forgiven. */
export function decodeChoice<T extends string>(cell: Cell, choices: readonly T[]): Decoded<T> {
  const text = decodeText(cell);
  if (!text.ok || text.value === undefined) return text as Decoded<never>;
  const value = toHalfWidth(text.value).replace(/\s+/g, '');
  const match = choices.find((choice) => choice === value);
  return match === undefined ? fail('不在可选范围内', `请从下拉列表中选择：${choices.join('、')}`) : ok(match);
}

/** Several of a fixed list, separated by `,` `、` `;` (full-width too). */
export function decodeChoices<T extends string>(cell: Cell, choices: readonly T[]): Decoded<T[]> {
  const text = decodeText(cell);
  if (!text.ok || text.value === undefined) return text as Decoded<never>;
  const picked: T[] = [];
  for (const part of splitList(text.value)) {
    const match = choices.find((choice) => choice === part);
    if (match === undefined) {
      return fail(`“${part}”不在可选范围内`, `可填写多项，用顿号或逗号分隔，可选：${choices.join('、')}`);
    }
    if (!picked.includes(match)) picked.push(match);
  }
  return ok(picked);
}

const NUMBER_FIX = '请填写数字，如 5、1.2 或 120%';

/** A number, or a percentage written `120%` (→ 1.2). */
export function decodeNumber(cell: Cell): Decoded<number> {
  if (isBlank(cell)) return BLANK;
  const error = formulaError(cell);
  if (error) return error;
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('不是有效数字', NUMBER_FIX);
  if (typeof cell !== 'string') return fail('不是数字', NUMBER_FIX);
  const text = toHalfWidth(cell).replace(/[,\s]/g, '');
  const m = /^([+-]?\d+(?:\.\d+)?)(%)?$/.exec(text);
  if (!m) return fail('无法识别为数字', NUMBER_FIX);
  const value = Number(m[1]);
  return ok(m[2] ? Number((value / 100).toPrecision(15)) : value);
}
