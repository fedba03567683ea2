/** Sheets several workbooks share: score details, warnings, rows left out, a ranking. */
import type { Warning } from '../../functions/core/index.js';
import type { ExcludedRow, IndicatorLine, RankedUnit } from '../model/index.js';
import { rankCell, type SheetColumn, type SheetSpec, type SheetValue } from '../xlsx/workbook.js';

/** 得分明细: one row per unit and indicator, with what was possible and what was lost. */
export function detailSheet(details: readonly { unit: string; group: string; lines: readonly IndicatorLine[] }[]): SheetSpec {
  return {
    name: '得分明细',
    freezeColumns: 3,
    columns: [
      { header: '单位名称', kind: 'text', width: 14 }, { header: '考核组别', kind: 'text', width: 10 }, { header: '指标名称', kind: 'text', width: 14 },
      { header: '实际值', kind: 'num' }, { header: '计量单位', kind: 'text', width: 8 }, { header: '年度目标', kind: 'num' }, { header: '序时目标', kind: 'num' },
      { header: '完成率', kind: 'pct' }, { header: '得分', kind: 'score' }, { header: '满分', kind: 'score' }, { header: '失分', kind: 'score' }, { header: '说明', kind: 'text', width: 36 },
    ],
    rows: details.flatMap((d) => d.lines.map((l): SheetValue[] => [
      d.unit, d.group, l.name, l.valueUnit === '%' ? l.actual * 100 : l.actual, l.valueUnit, l.target, l.paceTarget, l.completion,
      l.score, l.possible, l.lost > 0 && l.lost >= l.possible * 0.3 ? { value: l.lost, tone: 'bad' } : l.lost, l.note,
    ])),
  };
}

/** 预警: every warning, red first. */
export function warningSheet(warnings: readonly Warning[]): SheetSpec {
  return {
    name: '预警',
    freezeColumns: 1,
    columns: [
      { header: '单位名称', kind: 'text', width: 14 }, { header: '项目编号', kind: 'text', width: 14 }, { header: '项目名称', kind: 'text', width: 28 },
      { header: '预警类型', kind: 'text', width: 12 }, { header: '说明', kind: 'text', width: 50 }, { header: '级别', kind: 'level' },
    ],
    rows: warnings.map((w) => [w.unit, w.projectId, w.projectName, w.kind, w.detail, w.level]),
  };
}

/** 未计入考核的项目: one row per problem, with the cell to fix. */
export function excludedSheet(rows: readonly ExcludedRow[]): SheetSpec {
  return {
    name: '未计入考核的项目',
    freezeColumns: 1,
    columns: [
      { header: '单位名称', kind: 'text', width: 14 }, { header: '项目编号', kind: 'text', width: 14 }, { header: '项目名称', kind: 'text', width: 26 },
      { header: '单元格', kind: 'text', width: 16 }, { header: '字段', kind: 'text', width: 14 }, { header: '填报值', kind: 'text', width: 16 },
      { header: '问题', kind: 'text', width: 32 }, { header: '改法', kind: 'text', width: 40 },
    ],
    rows: rows.flatMap((r) => (r.problems.length === 0 ? [{ cell: `${r.tab} 第 ${r.row} 行`, field: '', value: '', problem: '', fix: '' }] : r.problems)
      .map((p) => [r.unit, r.projectId, r.projectName, p.cell, p.field, p.value, p.problem, p.fix])),
  };
}

/** A ranking of units: group, ranks (first green, last red), total, 较上月, 等次. */
export function rankingSheet(name: string, units: readonly RankedUnit[], extra?: { columns: readonly SheetColumn[]; values: (u: RankedUnit) => readonly SheetValue[] }): SheetSpec {
  const lastOf = new Map<string, number>();
  for (const u of units) lastOf.set(u.group, Math.max(lastOf.get(u.group) ?? 0, u.groupRank));
  return {
    name,
    freezeColumns: 4,
    columns: [
      { header: '考核组别', kind: 'text', width: 10 }, { header: '组内排名', kind: 'rank' }, { header: '全市排名', kind: 'rank' }, { header: '单位名称', kind: 'text', width: 14 },
      ...(extra?.columns ?? []),
      { header: '总分', kind: 'score' }, { header: '上月总分', kind: 'score' }, { header: '较上月', kind: 'change' }, { header: '等次', kind: 'grade' },
    ],
    rows: units.map((u) => [
      u.group, rankCell(u.groupRank, u.groupSize, lastOf.get(u.group) ?? u.groupRank), u.cityRank, u.name,
      ...(extra?.values(u) ?? []), u.total, u.previousTotal, u.change, u.grade,
    ]),
  };
}
