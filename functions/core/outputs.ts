/**
 * System tab contents after a run, as whole grids (header first). A run replaces its own month's rows
 * (or its own deadline's) and keeps every other row, so re-running never duplicates.
 */
import { cellText, type Cell, type Grid } from './cells.js';
import { formatShanghaiTime } from './dates.js';
import { problemText, type Finding } from './findings.js';
import type { Project } from './ledger.js';
import { roundTo } from './round.js';
import type { UnitScore } from './scoring.js';
import type { Change } from './snapshot.js';
import type { SnapshotRecord } from './system-records.js';
import { headerIndex } from './table.js';
import {
  CHANGES_TAB, CHECK_RESULTS_TAB, RANKING_LEAD, RANKING_TAIL, SCORE_DETAIL_TAB, SNAPSHOT_TAB, WARNINGS_TAB, WEEKLY_TAB, type TabSpec,
} from './tabs.js';
import type { Warning } from './warnings.js';
import type { WeeklyVerdict } from './weekly.js';
import { LEVEL_ERROR } from './vocabulary.js';

/** A grid to write: header row first; `null` is a blank cell. */
export type OutputGrid = Cell[][];

const headersOf = (spec: TabSpec) => spec.columns.map((c) => c.header);

/** 校验结果: every finding of this run, replacing the previous result. */
export function checkResultsGrid(findings: readonly Finding[], now: Date): OutputGrid {
  const time = formatShanghaiTime(now);
  return [
    headersOf(CHECK_RESULTS_TAB),
    // 错误 first (they keep rows out of the assessment), each level in the order found (sort is stable).
    ...[...findings].sort((a, b) => Number(a.level !== '错误') - Number(b.level !== '错误'))
      .map((f) => [f.unit || null, f.projectId || null, `${f.tab}!${f.cell}`, f.field, f.value || null, problemText(f), f.level, time]),
  ];
}

/** The 校验 column text of each ledger row: ✓, or the row's problems, errors first. */
export function checkColumnTexts(projects: readonly Project[], findings: readonly Finding[]): Map<string, Map<number, string>> {
  // tab → row → findings; keyed by tab and row rather than a joined text per row (100,000 rows).
  const byRow = new Map<string, Map<number, Finding[]>>();
  for (const f of findings) {
    if (f.row === 0 || f.unit === '') continue;
    let rows = byRow.get(f.tab);
    if (!rows) byRow.set(f.tab, (rows = new Map()));
    const list = rows.get(f.row);
    if (list) list.push(f);
    else rows.set(f.row, [f]);
  }
  const out = new Map<string, Map<number, string>>();
  for (const p of projects) {
    const mine = byRow.get(p.tab)?.get(p.row);
    let tab = out.get(p.tab);
    if (!tab) out.set(p.tab, (tab = new Map<number, string>()));
    tab.set(p.row, mine ? checkText(mine) : CLEAN);
  }
  return out;
}

/** The 校验 text of a row without findings. */
const CLEAN = '✓';

/**
 * ✓ for a clean row; otherwise one line naming the fields, errors first, e.g.
 * `✗ 2 处错误：产业链、签约日期；⚠ 1 条提醒：更新日期 — 见“校验结果”`. One line, because a multi-line
 * cell spills over the rows below in LibreOffice, WPS and Excel; the full messages are in 校验结果.
 */
export function checkText(findings: readonly Finding[]): string {
  if (findings.length === 0) return CLEAN;
  const errors = findings.filter((f) => f.level === LEVEL_ERROR);
  const warnings = findings.filter((f) => f.level !== LEVEL_ERROR);
  const fields = (list: readonly Finding[]) => [...new Set(list.map((f) => f.field))].join('、');
  const parts = [
    ...(errors.length > 0 ? [`✗ ${errors.length} 处错误：${fields(errors)}`] : []),
    ...(warnings.length > 0 ? [`⚠ ${warnings.length} 条提醒：${fields(warnings)}`] : []),
  ];
  return `${parts.join('；')} — 见“${CHECK_RESULTS_TAB.name}”`;
}

/** Replace rows whose first column equals `key` with `fresh`, keep the rest, sorted by first column. */
function replaceRowsOf(existing: Grid | undefined, header: readonly string[], key: string, fresh: readonly Cell[][]): OutputGrid {
  const kept = remap(existing, header).filter((row) => cellText(row[0]).trim() !== key);
  const all = [...kept, ...fresh];
  const order = (row: readonly Cell[]) => cellText(row[0]).trim();
  const indexed = all.map((row, i) => ({ row, i }));
  indexed.sort((a, b) => order(a.row).localeCompare(order(b.row)) || a.i - b.i);
  return [[...header], ...indexed.map((x) => x.row)];
}

/** Existing rows re-laid under a (possibly changed) header, matching columns by header text. */
function remap(existing: Grid | undefined, header: readonly string[]): Cell[][] {
  if (!existing || existing.length < 2) return [];
  const index = headerIndex(existing[0]);
  const rows: Cell[][] = [];
  for (let i = 1; i < existing.length; i++) {
    const row = existing[i];
    if (!row || row.every((c) => c === null || c === undefined || c === '')) continue;
    rows.push(header.map((h) => {
      const at = index.get(h.replace(/\s+/g, ''));
      const cell = at === undefined ? null : row[at];
      return cell === undefined ? null : cell;
    }));
  }
  return rows;
}

/** 排名 headers: this method's indicators, then indicators only older rows have, so nothing is lost. */
export function rankingHeader(existing: Grid | undefined, indicatorNames: readonly string[]): string[] {
  const fixed = new Set<string>([...RANKING_LEAD, ...RANKING_TAIL]);
  const old = (existing?.[0] ?? []).map((c) => cellText(c).trim()).filter((h) => h !== '' && !fixed.has(h) && !indicatorNames.includes(h));
  return [...RANKING_LEAD, ...indicatorNames, ...old, ...RANKING_TAIL];
}

/** 排名 after assessing `month`. */
export function rankingGrid(existing: Grid | undefined, month: string, indicatorNames: readonly string[], scores: readonly UnitScore[], now: Date): OutputGrid {
  const header = rankingHeader(existing, indicatorNames);
  const time = formatShanghaiTime(now);
  const sorted = [...scores].sort((a, b) => a.cityRank - b.cityRank || a.unit.row - b.unit.row);
  const fresh = sorted.map((s) => {
    const byName = new Map(s.scores.map((x) => [x.indicator.name, x.score]));
    return header.map((h): Cell => {
      switch (h) {
        case '月份': return month;
        case '单位名称': return s.unit.name;
        case '考核组别': return s.unit.group;
        case '加减分': return s.adjustment;
        case '总分': return s.total;
        case '组内排名': return s.groupRank;
        case '全市排名': return s.cityRank;
        case '较上月': return s.change ?? null;
        case '等次': return s.grade;
        case '计算时间': return time;
        default: return byName.get(h) ?? null;
      }
    });
  });
  return replaceRowsOf(existing, header, month, fresh);
}

/**
 * Decimals 得分明细 writes. The contract fixes the rounding of scores only ("each indicator score is rounded
 * to 2 decimals"); these are the v1 precisions, kept because "every v1 workbook keeps its exact v1 meaning
 * under v2" and a v1 得分明细 must hold the values it held. 4 decimals of a fraction is 0.01 percentage
 * point, the most the percentage cell format shows; scores, 门槛, tiers and ranks use the unrounded x
 * (rounded to 6 decimals where the contract says so), never these written values.
 */
export const SCORE_DETAIL_DECIMALS = { actual: 4, paceTarget: 2, completion: 4 } as const;

/** 得分明细 after assessing `month`. */
export function scoreDetailGrid(existing: Grid | undefined, month: string, scores: readonly UnitScore[]): OutputGrid {
  const fresh: Cell[][] = [];
  for (const s of [...scores].sort((a, b) => a.unit.row - b.unit.row)) {
    for (const x of s.scores) {
      fresh.push([
        month, s.unit.name, x.indicator.name, x.indicator.basis, roundTo(x.actual, SCORE_DETAIL_DECIMALS.actual),
        x.target === undefined ? null : x.target,
        x.paceTarget === undefined ? null : roundTo(x.paceTarget, SCORE_DETAIL_DECIMALS.paceTarget),
        x.completion === undefined ? null : roundTo(x.completion, SCORE_DETAIL_DECIMALS.completion), x.score,
        [x.note, s.gradeNote ? `等次 ${s.grade}（${s.gradeNote}）` : ''].filter(Boolean).join('；') || null,
      ]);
    }
  }
  return replaceRowsOf(existing, headersOf(SCORE_DETAIL_TAB), month, fresh);
}

/** 预警 after assessing `month`: red first, then by unit order. */
export function warningsGrid(existing: Grid | undefined, month: string, warnings: readonly Warning[]): OutputGrid {
  const fresh = warnings.map((w) => [month, w.unit, w.projectId || null, w.projectName || null, w.kind, w.detail, w.level]);
  return replaceRowsOf(existing, headersOf(WARNINGS_TAB), month, fresh);
}

/** 周报记录 with this deadline's verdicts replacing any earlier record of the same deadline. */
export function weeklyGrid(existing: Grid | undefined, verdicts: readonly WeeklyVerdict[]): OutputGrid {
  const first = verdicts[0];
  if (!first) return [headersOf(WEEKLY_TAB), ...remap(existing, headersOf(WEEKLY_TAB))];
  const deadline = formatShanghaiTime(first.deadline);
  const fresh = verdicts.map((v) => [deadline, v.unit, v.onTime ? '是' : '否', v.updated, v.due]);
  return replaceRowsOf(existing, headersOf(WEEKLY_TAB), deadline, fresh);
}

/** 快照: the whole new snapshot. */
export function snapshotGrid(records: readonly SnapshotRecord[], now: Date): OutputGrid {
  const time = formatShanghaiTime(now);
  return [headersOf(SNAPSHOT_TAB), ...records.map((r) => [r.unit, r.id, r.stage ?? null, r.json, r.time || time])];
}

/** 变更记录: earlier rows kept, this run's changes appended. */
export function changesGrid(existing: Grid | undefined, changes: readonly Change[], now: Date): OutputGrid {
  const time = formatShanghaiTime(now);
  return [
    headersOf(CHANGES_TAB),
    ...remap(existing, headersOf(CHANGES_TAB)),
    ...changes.map((c) => [time, c.unit, c.id, c.field, c.before || null, c.after || null]),
  ];
}

/** Rows appended to a log tab (发送记录, 运行记录), earlier rows kept. */
export function appendGrid(existing: Grid | undefined, spec: TabSpec, rows: readonly Cell[][]): OutputGrid {
  return [headersOf(spec), ...remap(existing, headersOf(spec)), ...rows.map((r) => [...r])];
}

