/** 季度讲评 → subject, HTML, text and workbook. */
import { formatPeriod } from '../../functions/core/index.js';
import type { MovementRow, QuarterlyModel, Tone, UnitPoints } from '../model/index.js';
import { paceBar } from '../html/bars.js';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../html/escape.js';
import { pct, pts, quarterLabel, shanghaiText, signedPts, valueText, yi } from '../html/format.js';
import { cards, colored, note, page, para, section, small, subheading, table } from '../html/layout.js';
import { changeHtml, changeText } from '../html/marks.js';
import { COLOR, paceColor } from '../html/theme.js';
import { XLSX_TYPE, type RenderedReport } from '../types.js';
import { workbookBuffer, type SheetSpec } from '../xlsx/workbook.js';
import { gapText, targetText } from './figures.js';
import { fitHtml } from './fit.js';
import { rankingSheet } from './sheets.js';
import { t, textOf, textSection, textTitle } from './text.js';

const NUMBERS = ['一', '二', '三', '四', '五'];
const TONE_COLOR: Record<Tone, string> = { 督促: COLOR.bad, 提醒: COLOR.warn, 肯定: COLOR.good };

/** Renders the 季度讲评. */
export async function renderQuarterly(m: QuarterlyModel): Promise<RenderedReport> {
  const title = `${m.city}招商引资工作季度讲评`;
  const label = `${m.period.year}年${quarterLabel(m.period.month)}`;
  const filename = safeFileName(`${m.city}招商引资季度讲评-${formatPeriod(m.period)}.xlsx`);
  return {
    kind: '季度讲评', key: '季度讲评', to: [...m.to], subject: oneLine(`${title}（${label}）`),
    html: fitHtml((limit) => quarterlyHtml(m, title, label, filename, limit)),
    text: quarterlyText(m, title, label, filename),
    attachments: [{ filename, content: await workbookBuffer(sheets(m), m.generatedAt), contentType: XLSX_TYPE }],
  };
}

const from = (m: QuarterlyModel) => (m.quarter === 1 ? '1月' : `${m.baseline.month}月`);

function footer(m: QuarterlyModel, filename: string): string {
  return `讲评要点由系统根据排名变化、失分、预警和台账质量自动提出，供讲评会使用。生成于 ${shanghaiText(m.generatedAt)}；逐单位明细见附件《${filename}》。`;
}

function sentence(m: QuarterlyModel): string {
  const parts = m.quarterFigures.map((f) => `${f.label.replace('本季度', '')}${f.valueUnit === '万元' ? ` ${yi(f.value)} 亿元` : ` ${valueText(f.value, f.valueUnit)}`}`);
  return `${quarterLabel(m.period.month)}（${m.period.month - 2}—${m.period.month}月），全市${parts.join('，')}。`;
}

function movementCell(r: MovementRow): string {
  return r.fromRank === undefined ? `${r.unit.groupRank}` : `${r.fromRank} → ${r.unit.groupRank}`;
}

function pointsHtml(p: UnitPoints): string {
  if (p.points.length === 0) return '';
  const items = p.points.map((x) => `<div style="padding:1px 0">${colored(`【${x.tone}】`, TONE_COLOR[x.tone], true)}${escapeHtml(oneLine(x.text))}</div>`).join('');
  return `<div style="padding:6px 0;border-bottom:1px solid ${COLOR.line}"><b>${cellHtml(p.unit.name)}</b> ${small(`${escapeHtml(p.unit.group)}第 ${p.unit.groupRank} 名 · ${pts(p.unit.total)} 分`)}${items}</div>`;
}

function quarterlyHtml(m: QuarterlyModel, title: string, label: string, filename: string, limit: number): string {
  const parts: string[] = [];
  const heading = (text: string) => `${NUMBERS[parts.length] ?? ''}、${text}`;
  parts.push(section(heading('本季度全市情况'), para(escapeHtml(sentence(m)))
    + cards(m.quarterFigures.map((f) => ({
      label: escapeHtml(f.label),
      value: f.valueUnit === '万元' ? `${yi(f.value)}<span style="font-size:13px;font-weight:normal"> 亿元</span>` : `${f.value}<span style="font-size:13px;font-weight:normal"> 个</span>`,
      below: '',
    })))
    + subheading('年度目标完成情况')
    + m.figures.filter((f) => f.progress !== undefined && f.target !== undefined).map((f) => `<div style="padding:4px 0"><b>${escapeHtml(f.label)}</b> ${small(escapeHtml(`完成年度目标 ${targetText(f.target ?? 0, f.valueUnit)} 的`))} ${colored(pct(f.progress), paceColor(f.progress ?? 0, f.pace), true)}`
      + `<div style="padding:3px 0">${paceBar(f.progress ?? 0, f.pace)}</div>${small(escapeHtml(`序时进度 ${pct(f.pace)}，${gapText(f.progress ?? 0, f.pace)}`))}</div>`).join('')));

  const groups = m.groups.map((g) => subheading(`${g.group}`) + table(
    [{ label: '单位' }, { label: `${from(m)}→${m.period.month}月`, align: 'center', width: '70' }, { label: '变化', align: 'center', width: '40' }, { label: '总分', align: 'right', width: '46' }, { label: '分差', align: 'right', width: '50' }],
    g.rows.map((r) => [cellHtml(r.unit.name), movementCell(r), changeHtml(r.delta), pts(r.unit.total), r.totalDelta === undefined ? '' : colored(signedPts(r.totalDelta), r.totalDelta < 0 ? COLOR.bad : COLOR.good)]),
  )).join('');
  const movers = [
    m.risers.length ? para(`${colored('本季度进位', COLOR.good, true)}：${m.risers.map((r) => `${cellHtml(r.unit.name)}（↑${r.delta}）`).join('、')}`) : '',
    m.fallers.length ? para(`${colored('本季度退位', COLOR.bad, true)}：${m.fallers.map((r) => `${cellHtml(r.unit.name)}（↓${-(r.delta ?? 0)}）`).join('、')}`) : '',
  ].join('');
  const noBaseline = m.groups.every((g) => g.rows.every((r) => r.fromRank === undefined));
  parts.push(section(heading('排名变化'), movers + groups + note(noBaseline ? `${from(m)}无排名记录，本季度仅列出当前名次。` : `名次为组内排名，与${from(m)}比较；分差为总分变化。`)));

  const withPoints = m.points.filter((p) => p.points.length > 0);
  const keep = new Set([...withPoints].sort((a, b) => b.priority - a.priority).slice(0, limit).map((p) => p.unit.name));
  const shown = withPoints.filter((p) => keep.has(p.unit.name));
  parts.push(section(heading('讲评要点'), (shown.length === 0 ? para('各单位本季度无需特别讲评的事项。') : shown.map(pointsHtml).join(''))
    + note(`【督促】需在讲评会上说明原因和措施；【提醒】需在下季度改进；【肯定】予以表扬。${shown.length < withPoints.length ? `正文列出最需讲评的 ${shown.length} 个单位，其余 ${withPoints.length - shown.length} 个见附件。` : ''}`)));

  return page({ title, subtitle: `${label} · 截至${m.period.month}月底`, preheader: sentence(m), body: parts.join(''), footer: footer(m, filename) });
}

function quarterlyText(m: QuarterlyModel, title: string, label: string, filename: string): string {
  const lines = [...textTitle(title, `${label} · 截至${m.period.month}月底`)];
  let n = 0;
  const h = (text: string) => `${NUMBERS[n++] ?? ''}、${text}`;
  lines.push(...textSection(h('本季度全市情况'), [sentence(m), ...m.figures.filter((f) => f.progress !== undefined).map((f) => `${f.label}：完成年度目标的 ${pct(f.progress)}，序时进度 ${pct(f.pace)}，${gapText(f.progress ?? 0, f.pace)}`)]));
  lines.push(...textSection(h('排名变化'), m.groups.flatMap((g) => [`【${t(g.group)}】`, ...g.rows.map((r) => `${t(r.unit.name)}：${movementCell(r)} ${changeText(r.delta)}，总分 ${pts(r.unit.total)}${r.totalDelta === undefined ? '' : `（${signedPts(r.totalDelta)}）`}`), ''])));
  lines.push(...textSection(h('讲评要点'), m.points.filter((p) => p.points.length > 0).flatMap((p) => [`${t(p.unit.name)}（${t(p.unit.group)}第 ${p.unit.groupRank} 名）`, ...p.points.map((x) => `  【${x.tone}】${t(x.text)}`)])));
  lines.push(footer(m, filename));
  return textOf(lines);
}

function sheets(m: QuarterlyModel): SheetSpec[] {
  const rows = m.groups.flatMap((g) => g.rows);
  const byName = new Map(rows.map((r) => [r.unit.name, r]));
  return [
    rankingSheet('排名变化', rows.map((r) => r.unit), {
      columns: [{ header: `${from(m)}组内排名`, kind: 'rank' }, { header: '季度进位', kind: 'change' }, { header: `${from(m)}总分`, kind: 'score' }],
      values: (u) => [byName.get(u.name)?.fromRank, byName.get(u.name)?.delta, byName.get(u.name)?.fromTotal],
    }),
    {
      name: '讲评要点',
      freezeColumns: 1,
      columns: [{ header: '单位名称', kind: 'text', width: 14 }, { header: '考核组别', kind: 'text', width: 10 }, { header: '组内排名', kind: 'rank' }, { header: '类别', kind: 'tone' }, { header: '要点', kind: 'text', width: 70 }],
      rows: m.points.flatMap((p) => p.points.map((x) => [p.unit.name, p.unit.group, p.unit.groupRank, x.tone, x.text])),
    },
  ];
}
