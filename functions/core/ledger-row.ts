/**
 * One schema for a row of a unit's ledger tab: every column's codec and every cross-field rule of the
 * contract, as a zod object. Field codecs report a bad cell and yield `null`; cross-field rules run on
 * the partly decoded row (`when: () => true`) and skip fields already reported, so a clerk sees every
 * problem of a row at once and never the same cell twice.
 */
import * as z from 'zod';
import type { Cell } from './cells.js';
import {
  decodeAmount, decodeChoice, decodeChoices, decodeDate, decodeText, type Decoded,
} from './codecs.js';
import { formatDay, type Day } from './dates.js';
import { LEDGER_COLUMNS, MONTH_KEYS } from './tabs.js';
import { COMPANY_TYPES, CURRENCIES, FUND_SOURCES, INVESTMENT_METHODS, RECOGNITIONS, STAGES, isFrom, stageRank, type Stage } from './vocabulary.js';

/** What a row's schema depends on: the allowed chains, today, and which months may hold 到位. */
export interface RowContext {
  readonly chains: readonly string[];
  readonly today: Day;
  /** Months of the assessment year that have begun (0–12); later month columns must be blank. */
  readonly openMonths: number;
  /** v2: the method uses 资金来源 and the tab has the column, so it is required from 签约. */
  readonly sourceRequired?: boolean;
}

/** Issue params carried from a rule to a finding. */
export interface RuleParams {
  readonly fix: string;
}

/** Header of a ledger field, for messages. */
export const HEADER_OF: ReadonlyMap<string, string> = new Map(LEDGER_COLUMNS.map((c) => [c.key, c.header]));

/** Fields required once a project reaches a stage. */
const REQUIRED_FROM: readonly { key: string; from: Stage; fix: string }[] = [
  { key: 'totalInvestment', from: '洽谈', fix: '请填写项目总投资，单位万元' },
  { key: 'leader', from: '洽谈', fix: '请填写分包该项目的责任领导' },
  { key: 'investor', from: '签约', fix: '请填写投资企业全称' },
  { key: 'contractAmount', from: '签约', fix: '请按合同填写合同投资额，单位万元' },
  { key: 'signDate', from: '签约', fix: '请填写合同签订日期，如 2026-06-14；尚未签约请把项目阶段改回“洽谈”' },
  { key: 'startDate', from: '开工', fix: '请填写开工日期；尚未开工请把项目阶段改回实际阶段' },
  { key: 'productionDate', from: '投产', fix: '请填写投产日期；尚未投产请把项目阶段改回实际阶段' },
];

/** Dates that belong to a stage: filled on an earlier-stage row they are inconsistent. */
const STAGE_DATES: readonly { key: 'signDate' | 'startDate' | 'productionDate'; stage: Stage }[] = [
  { key: 'signDate', stage: '签约' },
  { key: 'startDate', stage: '开工' },
  { key: 'productionDate', stage: '投产' },
];

/**
 * The codec of every ledger field, in column order: the single table parsing and messages derive from.
 * The codecs of closed lists, amounts and dates remember what they made of each text (see
 * {@link rememberTexts}), so one table serves every tab of a run.
 */
function fieldCodecs(context: CodecContext) {
  const amount = rememberTexts(decodeAmount);
  const date = rememberTexts((cell: Cell) => decodeDate(cell, context));
  const choice = <T extends string>(choices: readonly T[]) => rememberTexts((cell: Cell) => decodeChoice(cell, choices));
  const month = (index: number) => (cell: Cell): Decoded<number> => {
    const decoded = amount(cell);
    if (decoded.ok && decoded.value !== undefined && index >= context.openMonths) {
      return { ok: false, problem: `${index + 1}月还没有到`, fix: '未来月份的到位资金请留空，到了当月再填写' };
    }
    return decoded;
  };
  const name = rememberTexts(decodeText); // 责任领导, 责任人: a few people fill every row
  return {
    id: decodeText,
    name: decodeText,
    investor: decodeText,
    investorPlace: name,
    source: choice(FUND_SOURCES),
    currency: choice(CURRENCIES),
    chain: choice(context.chains),
    method: choice(INVESTMENT_METHODS),
    companyTypes: rememberTexts((cell: Cell) => decodeChoices(cell, COMPANY_TYPES)),
    stage: choice(STAGES),
    recognition: choice(RECOGNITIONS),
    totalInvestment: amount,
    contractAmount: amount,
    signDate: date,
    startDate: date,
    productionDate: date,
    priorArrived: amount,
    m1: month(0), m2: month(1), m3: month(2), m4: month(3), m5: month(4), m6: month(5),
    m7: month(6), m8: month(7), m9: month(8), m10: month(9), m11: month(10), m12: month(11),
    leader: name,
    owner: name,
    progress: decodeText,
    problems: decodeText,
    updated: date,
  };
}

/** What the field codecs depend on: a row's schema also depends on {@link RowContext.sourceRequired}. */
export type CodecContext = Omit<RowContext, 'sourceRequired'>;

/** The field codecs for one context, to share between the tabs of a run: {@link ledgerRowSchema}'s third argument. */
export type RowCodecs = ReturnType<typeof fieldCodecs>;

/** Builds the field codecs of a context once, for every tab read with it. */
export function rowCodecs(context: CodecContext): RowCodecs {
  return fieldCodecs(context);
}

/** Most texts a codec remembers: the table is emptied when full, so a file of all-different texts costs no more than memory for this many. */
const REMEMBERED_TEXTS = 4096;

/**
 * A codec that remembers its result for each text cell. Why: the same texts recur in thousands of rows
 * (stages, chains, dates, amounts like 1.2亿), and decoding them again was a large share of reading a
 * ledger. Why it is the same: a codec's result depends only on the cell and the context the table was
 * built for, and results are never changed by their users, so the remembered result is the result.
 */
function rememberTexts<T>(decode: (cell: Cell) => Decoded<T>): (cell: Cell) => Decoded<T> {
  const seen = new Map<string, Decoded<T>>();
  return (cell) => {
    if (typeof cell !== 'string') return decode(cell);
    let result = seen.get(cell);
    if (result === undefined) {
      result = decode(cell);
      if (seen.size >= REMEMBERED_TEXTS) seen.clear();
      seen.set(cell, result);
    }
    return result;
  };
}

type Codecs = RowCodecs;
type ValueOf<C> = C extends (cell: Cell) => Decoded<infer T> ? T : never;
/** A decoded row: `undefined` = blank, `null` = reported as invalid. */
export type DecodedRow = { -readonly [K in keyof Codecs]: ValueOf<Codecs[K]> | undefined | null };

/** A row parser: the zod schema over a row's cells, and a parse that keeps the partly decoded row. */
export interface RowParser {
  readonly schema: z.ZodType<DecodedRow, readonly Cell[]>;
  parse(cells: readonly Cell[]): { row: DecodedRow; issues: readonly z.core.$ZodIssue[] };
}

/** Where a rule reports a problem of a field. */
type Report = (key: string, message: string, fix: string) => void;

/** One field of the plan: where its cell is and its codec. */
interface FieldStep {
  readonly key: string;
  readonly at: number;
  readonly decode: (cell: Cell) => Decoded<unknown>;
}

/**
 * Builds the row schema for one tab of one run. The input is the row's cells as read; `columns` says
 * where each field is; `codecs`, when given, must be built for the same chains, today and open months
 * ({@link rowCodecs}). One transform decodes every field through its codec, then the cross-field rules
 * refine the partly decoded row.
 *
 * `parse` runs the same two steps ({@link decodeFields}, {@link crossFieldRules}) directly, without zod's
 * machinery (a safeParse per row was half of reading 100,000 rows), and hands a row to zod only when a
 * step reported a problem, so every issue still comes from the schema. The two cannot disagree on a row:
 * the schema's only other check (the input is an array) holds for every row a grid yields, and the
 * schema's transform and refinement are these same functions. test/core/ledger-row-fast-path.test.ts
 * checks that over many generated rows.
 */
export function ledgerRowSchema(context: RowContext, columns: ReadonlyMap<string, number>, codecs: RowCodecs = fieldCodecs(context)): RowParser {
  const plan: readonly FieldStep[] = (Object.keys(codecs) as (keyof Codecs)[]).map((key) => ({ key, at: columns.get(key) ?? -1, decode: codecs[key] as (cell: Cell) => Decoded<unknown> }));
  let seen: DecodedRow | undefined;
  const blank = Object.fromEntries(plan.map(({ key }) => [key, undefined]));
  const schema = z.custom<readonly Cell[]>((value) => Array.isArray(value)).transform((cells, ctx) => {
    seen = decodeFields(plan, blank, cells, (key, message, fix) =>
      ctx.addIssue({ code: 'custom', path: [key], message, params: { fix } satisfies RuleParams }));
    return seen;
  }).superRefine((row, ctx) => {
    crossFieldRules(row, context, (key, message, fix) =>
      ctx.addIssue({ code: 'custom', path: [key], message, params: { fix } satisfies RuleParams }));
  }, { when: () => true });
  // The fast path's report: it only needs to know that some step found a problem.
  let clean = true;
  const flag: Report = () => {
    clean = false;
  };
  return {
    schema,
    /**
     * Parses one row. zod withholds the output when there are issues; the cross-field rule has seen the
     * partly decoded row (parsing is synchronous), so that is returned with the issues.
     */
    parse(cells) {
      clean = true;
      const row = decodeFields(plan, blank, cells, flag);
      if (clean) crossFieldRules(row, context, flag);
      if (clean) return { row, issues: NO_ISSUES };
      seen = undefined;
      const result = schema.safeParse(cells);
      if (result.success) return { row: result.data, issues: [] };
      return { row: seen as unknown as DecodedRow, issues: result.error.issues };
    },
  };
}

/** The issues of a clean row: one shared empty list rather than one per row. */
const NO_ISSUES: readonly z.core.$ZodIssue[] = Object.freeze([]);

/** Every field through its codec: the decoded row, `null` where a codec reported a problem. */
function decodeFields(plan: readonly FieldStep[], blank: Record<string, undefined>, cells: readonly Cell[], report: Report): DecodedRow {
  // Starting from a copy of an object with every key keeps V8 on one hidden class for all rows.
  const row: Record<string, unknown> = { ...blank };
  for (const { key, at, decode } of plan) {
    const cell = at < 0 ? undefined : cells[at];
    // Every codec reads an empty cell as blank (`undefined`, already in the row): about half the cells of
    // a ledger are empty. test/core/ledger-row-fast-path.test.ts checks each codec says so.
    if (cell === null || cell === undefined) continue;
    const decoded = decode(cell);
    if (decoded.ok) {
      row[key] = decoded.value;
    } else {
      row[key] = null;
      report(key, decoded.problem, decoded.fix);
    }
  }
  return row as DecodedRow;
}

/** The rules that need more than one field, on a partly decoded row; fields already reported are skipped. */
function crossFieldRules(row: DecodedRow, context: RowContext, issue: Report): void {
  if (row.id === undefined) issue('id', '项目编号未填写', '请填写本市统一格式的项目编号，全市不能重复');
  if (row.name === undefined) issue('name', '项目名称未填写', '请填写项目名称');
  if (row.chain === undefined) issue('chain', '产业链未填写', '请从下拉列表选择产业链');
  if (row.stage === undefined) issue('stage', '项目阶段未填写', `请填写：${STAGES.join('、')}`);
  const stage = row.stage;
  if (stage === null || stage === undefined) return;
  const values = row as Record<string, unknown>;
  for (const rule of REQUIRED_FROM) {
    if (values[rule.key] === undefined && isFrom(stage, rule.from)) {
      issue(rule.key, `项目阶段为“${stage}”，${HEADER_OF.get(rule.key)}必须填写`, rule.fix);
    }
  }
  if (context.sourceRequired && row.source === undefined && isFrom(stage, '签约')) {
    issue('source', `项目阶段为“${stage}”，考评办法按资金来源计分，资金来源必须填写`, `请从下拉列表选择：${FUND_SOURCES.join('、')}`);
  }
  if (stage === '终止' && row.problems === undefined) {
    issue('problems', '项目已终止，必须在“存在问题”中写明终止原因', '请填写终止原因，如 投资方资金链断裂');
  }
  const rank = stageRank(stage);
  if (rank !== undefined) {
    for (const { key, stage: owner } of STAGE_DATES) {
      const value = row[key];
      if (typeof value === 'number' && rank < (stageRank(owner) ?? 0)) {
        issue(key, `项目阶段为“${stage}”，却填了${HEADER_OF.get(key)}（${owner}阶段才有）`, `请把项目阶段更新为“${owner}”或之后的实际阶段，或删除${HEADER_OF.get(key)}`);
      }
    }
  }
  const { signDate, startDate, productionDate } = row;
  if (typeof signDate === 'number' && typeof startDate === 'number' && startDate < signDate) {
    issue('startDate', `开工日期早于签约日期（${formatDay(signDate)}）`, '请核对：开工日期不能早于签约日期');
  }
  const before = typeof startDate === 'number' ? startDate : typeof signDate === 'number' ? signDate : undefined;
  if (typeof productionDate === 'number' && before !== undefined && productionDate < before) {
    issue('productionDate', `投产日期早于${typeof startDate === 'number' ? '开工' : '签约'}日期（${formatDay(before)}）`, '请核对：日期顺序应为 签约 ≤ 开工 ≤ 投产');
  }
  if (typeof row.contractAmount === 'number' && typeof row.totalInvestment === 'number' && row.contractAmount > row.totalInvestment) {
    issue('contractAmount', `合同投资额大于总投资（${row.totalInvestment} 万元）`, '请核对两者的单位是否都是万元；合同投资额不能超过总投资');
  }
}

/** Month keys in order, re-exported for metric code. */
export { MONTH_KEYS };
