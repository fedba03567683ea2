/**
 * The dated life of one demo project — when it appeared, was signed, started, produced; what money
 * arrived in which month; which days the clerk touched the row — and the ledger row as it stood on
 * any given day. The demo's history is computed from these rows, so every past ranking is what the
 * product computed on the ledger of that month's end. Pure.
 */
import { formatDay, partsOf, type Cell, type Day, type Stage } from '../core/index.js';

/** What a clerk types wrongly, from a given day on, until (maybe) the day it is fixed. */
export interface Mistake {
  readonly kind: number;
  readonly from: Day;
  readonly until?: Day;
}

export interface ProjectLife {
  /** Cells that never change: 项目编号, 项目名称, 投资方所在地, 产业链, 招商方式, 企业类型, 责任领导, 责任人. */
  readonly fixed: Readonly<Record<string, Cell>>;
  readonly investor: string;
  readonly total: number;
  readonly contract: number;
  /** 总投资 typed as `1.2亿`, 签约日期 typed as `2026年3月5日`: the forms real clerks use. */
  readonly totalInYi: boolean;
  readonly signDateInWords: boolean;
  /** Day the row was first typed (as 线索). */
  readonly created: Day;
  /** Day each stage was reached; absent = not (yet) reached. */
  readonly reached: Partial<Record<Stage, Day>>;
  readonly endReason?: string;
  /** The assessment year, whose months `arrivals` are. */
  readonly year: number;
  /** This year's 到位 by month (1–12), in 万元. */
  readonly arrivals: ReadonlyMap<number, number>;
  readonly mistake?: Mistake;
  /** Index into the progress texts of a stage. */
  readonly progressPick: number;
  /** The day the clerk updated the row in the week ending on a Friday, or undefined when they did not. */
  readonly updatedInWeek: (deadlineDay: Day) => Day | undefined;
}

const ORDER: readonly Stage[] = ['线索', '洽谈', '签约', '落地', '开工', '投产', '达效'];

/** The row's stage on a day: 终止 once withdrawn, else the latest stage reached by then. */
export function stageOn(life: ProjectLife, day: Day): Stage | undefined {
  if (life.created > day) return undefined;
  const ended = life.reached['终止'];
  if (ended !== undefined && ended <= day) return '终止';
  let stage: Stage = '线索';
  for (const s of ORDER) if ((life.reached[s] ?? Infinity) <= day) stage = s;
  return stage;
}

/** The 更新日期 shown on a day: the last weekly update on or before it (the creation day at least). */
export function lastUpdateOn(life: ProjectLife, day: Day, firstFriday: Day): Day {
  // Fridays from the one on or after `day` back to the row's creation.
  let friday = firstFriday + Math.ceil((day - firstFriday) / 7) * 7;
  for (; friday >= life.created; friday -= 7) {
    const updated = life.updatedInWeek(friday);
    if (updated !== undefined && updated <= day && updated >= life.created) return updated;
  }
  return life.created;
}

export type Row = Record<string, Cell>;

/** The ledger row as it stood at the end of `day`, or undefined when it did not exist yet. */
export function rowOn(life: ProjectLife, day: Day, firstFriday: Day, texts: RowTexts): Row | undefined {
  const stage = stageOn(life, day);
  if (stage === undefined) return undefined;
  const reached = (s: Stage) => (life.reached[s] ?? Infinity) <= day;
  const row: Row = {
    ...life.fixed,
    项目阶段: stage,
    进展情况: texts.progress(stage, life.progressPick),
    更新日期: formatDay(lastUpdateOn(life, day, firstFriday)),
  };
  if (reached('洽谈')) row['总投资(万元)'] = life.totalInYi ? `${(life.total / 10_000).toFixed(1)}亿` : life.total;
  const signed = life.reached['签约'];
  if (signed !== undefined && signed <= day) {
    row['投资方'] = life.investor;
    row['合同投资额(万元)'] = life.contract;
    const text = formatDay(signed);
    row['签约日期'] = life.signDateInWords ? text.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') : text;
  }
  if (stage !== '终止') {
    if (reached('开工')) row['开工日期'] = formatDay(life.reached['开工']!);
    if (reached('投产')) row['投产日期'] = formatDay(life.reached['投产']!);
  } else {
    row['存在问题'] = life.endReason ?? '项目终止';
  }
  const { year, month, day: dayOfMonth } = partsOf(day);
  for (const [m, amount] of life.arrivals) {
    // A month's 到位 is typed once the month's figures are in, from the 20th.
    if (year === life.year && (m < month || (m === month && dayOfMonth >= 20))) row[`${m}月到位(万元)`] = amount;
  }
  const { mistake } = life;
  if (mistake && mistake.from <= day && (mistake.until === undefined || mistake.until > day)) texts.mistake(row, mistake.kind, year);
  return row;
}

/** Texts that depend on the stage, and the mistakes, kept with the generator's word lists. */
export interface RowTexts {
  readonly progress: (stage: Stage, pick: number) => string | null;
  readonly mistake: (row: Row, kind: number, year: number) => void;
}
