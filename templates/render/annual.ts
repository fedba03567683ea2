/** 年度总评 → subject, HTML, text and workbook. */
import type { AnnualModel, AnnualUnitRow } from '../model/index.js';
import { paceBar } from '../html/bars.js';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../html/escape.js';
import { pct, pts, shanghaiText } from '../html/format.js';
import { colored, note, page, para, section, small, subheading, table } from '../html/layout.js';
import { changeHtml, changeText } from '../html/marks.js';
import { COLOR, paceColor } from '../html/theme.js';
import { XLSX_TYPE, type RenderedReport } from '../types.js';
import { workbookBuffer, type SheetSpec } from '../xlsx/workbook.js';
import { figureCards, figureLines, figureSentence } from './figures.js';
import { fitHtml } from './fit.js';
import { rankingSheet } from './sheets.js';
import { t, textOf, textSection, textTitle } from './text.js';

const NUMBERS = ['一', '二', '三', '四', '五'];

/** Renders the 年度总评. */
export async function renderAnnual(m: AnnualModel): Promise<RenderedReport> {
  const title = `${m.city}招商引资工作年度总评`;
  const filename = safeFileName(`${m.city}招商引资年度总评-${m.year}.xlsx`);
  return {
    kind: '年度总评', key: '年度总评', to: [...m.to], subject: oneLine(`${title}（${m.year}年度）`),
    html: fitHtml((limit) => annualHtml(m, title, filename, limit)),
    text: annualText(m, title, filename),
    attachments: [{ filename, content: await workbookBuffer(sheets(m), m.generatedAt), contentType: XLSX_TYPE }],
  };
}

function footer(m: AnnualModel, filename: string): string {
  return `本总评由招商引资台账系统根据全年考核结果自动生成，生成于 ${shanghaiText(m.generatedAt)}。逐月得分与排名见附件《${filename}》。`;
}

/**
 * "3、2、2、1、-、…" — 组内排名 of each month, "-" where not ranked. The 、 keeps the numbers apart (bare
 * digits with spaces ran together into "1122…" in some clients) and lets a phone wrap the line.
 */
function trendText(row: AnnualUnitRow): string {
  return row.monthlyRanks.map((r) => (r === undefined ? '-' : String(r))).join('、');
}

/** Places gained over the year (first ranked month → December). */
function yearChange(row: AnnualUnitRow): number | undefined {
  return row.firstRank === undefined || row.firstMonth === 12 ? undefined : row.firstRank - row.unit.groupRank;
}

function gradeLine(m: AnnualModel): string {
  return m.gradeCounts.map((g) => `${g.grade} ${g.count} 个`).join('，');
}

function annualHtml(m: AnnualModel, title: string, filename: string, limit: number): string {
  const parts: string[] = [];
  const heading = (text: string) => `${NUMBERS[parts.length] ?? ''}、${text}`;
  let first = para(escapeHtml(figureSentence(m.figures, 12).replace('截至12月底', '全年'))) + figureCards(m.figures);
  if (m.monthlyPace) {
    const mp = m.monthlyPace;
    first += subheading(`全市${mp.label}逐月累计进度`) + table(
      [{ label: '月份', width: '40' }, { label: '累计完成年度目标（竖线为当月序时进度）' }, { label: '完成', align: 'right', width: '52' }],
      mp.months.map((x) => [`${x.month}月`, paceBar(x.progress, x.pace, 10), colored(pct(x.progress), paceColor(x.progress, x.pace), true)]),
    );
  }
  parts.push(section(heading('全年完成情况'), first));

  const names = (units: AnnualModel['top']) => units.map((u) => cellHtml(u.name)).join('、');
  const grades = para(`参加考核单位 ${m.groups.reduce((s, g) => s + g.rows.length, 0)} 个，评定${escapeHtml(gradeLine(m))}。`)
    + (m.top.length ? para(`${colored(escapeHtml(m.gradeCounts[0]?.grade ?? ''), COLOR.good, true)}：${names(m.top.slice(0, Math.max(limit, 10)))}${m.top.length > Math.max(limit, 10) ? ' 等' : ''}`) : '')
    + (m.bottom.length ? para(`${colored(escapeHtml(m.gradeCounts[m.gradeCounts.length - 1]?.grade ?? ''), COLOR.bad, true)}：${names(m.bottom.slice(0, Math.max(limit, 10)))}${m.bottom.length > Math.max(limit, 10) ? ' 等' : ''}`) : '');
  parts.push(section(heading('等次评定'), grades));

  parts.push(section(heading('年度排名与全年走势'), m.groups.map((g) => subheading(`${g.group}（${g.rows.length} 个单位）`) + table(
    [{ label: '名次', width: '30' }, { label: '单位 / 1—12月组内排名' }, { label: '总分', align: 'right', width: '46' }, { label: '等次', align: 'center', width: '34' }, { label: '全年', align: 'center', width: '36' }],
    g.rows.map((r) => [String(r.unit.groupRank), `${cellHtml(r.unit.name)}<br>${small(trendText(r))}`, `<b>${pts(r.unit.total)}</b>`, cellHtml(r.unit.grade), changeHtml(yearChange(r))]),
  )).join('') + note('单位名称下依次为 1—12 月的组内名次（- 表示当月未排名）；“全年”为 12 月与年内首次排名相比的升降。')));

  return page({ title, subtitle: `${m.year}年度 · 截至12月底`, preheader: `${figureSentence(m.figures, 12)} 等次：${gradeLine(m)}。`, body: parts.join(''), footer: footer(m, filename) });
}

function annualText(m: AnnualModel, title: string, filename: string): string {
  const lines = [...textTitle(title, `${m.year}年度 · 截至12月底`)];
  let n = 0;
  const h = (text: string) => `${NUMBERS[n++] ?? ''}、${text}`;
  const pace = m.monthlyPace ? [`${m.monthlyPace.label}逐月累计完成年度目标：${m.monthlyPace.months.map((x) => `${x.month}月 ${pct(x.progress)}`).join('，')}`] : [];
  lines.push(...textSection(h('全年完成情况'), [...figureLines(m.figures), ...pace]));
  lines.push(...textSection(h('等次评定'), [gradeLine(m), ...(m.top.length ? [`${m.gradeCounts[0]?.grade ?? ''}：${m.top.map((u) => t(u.name)).join('、')}`] : []), ...(m.bottom.length ? [`${m.gradeCounts[m.gradeCounts.length - 1]?.grade ?? ''}：${m.bottom.map((u) => t(u.name)).join('、')}`] : [])]));
  lines.push(...textSection(h('年度排名与全年走势'), m.groups.flatMap((g) => [`【${t(g.group)}】`, ...g.rows.map((r) => `${r.unit.groupRank}. ${t(r.unit.name)}  ${pts(r.unit.total)} 分  ${t(r.unit.grade)}  各月排名 ${trendText(r)}  ${changeText(yearChange(r))}`), ''])));
  lines.push(footer(m, filename));
  return textOf(lines);
}

function sheets(m: AnnualModel): SheetSpec[] {
  const rows = m.groups.flatMap((g) => g.rows);
  const byName = new Map(rows.map((r) => [r.unit.name, r]));
  const months = Array.from({ length: 12 }, (_, i) => i);
  return [
    rankingSheet('年度排名', rows.map((r) => r.unit)),
    {
      name: '逐月组内排名',
      freezeColumns: 2,
      columns: [{ header: '考核组别', kind: 'text', width: 10 }, { header: '单位名称', kind: 'text', width: 14 }, ...months.map((i) => ({ header: `${i + 1}月`, kind: 'rank' as const, width: 6 }))],
      rows: rows.map((r) => [r.unit.group, r.unit.name, ...months.map((i) => byName.get(r.unit.name)?.monthlyRanks[i])]),
    },
    {
      name: '逐月总分',
      freezeColumns: 2,
      columns: [{ header: '考核组别', kind: 'text', width: 10 }, { header: '单位名称', kind: 'text', width: 14 }, ...months.map((i) => ({ header: `${i + 1}月`, kind: 'score' as const, width: 8 }))],
      rows: rows.map((r) => [r.unit.group, r.unit.name, ...months.map((i) => r.monthlyTotals[i])]),
    },
  ];
}
