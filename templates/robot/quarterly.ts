/** 季度讲评 → robot digest: the quarter's figures, each group's movement over the quarter, who rose and fell. */
import { mdText } from '../../functions/channels/markdown.js';
import type { MovementRow, QuarterlyModel } from '../model/index.js';
import { pct, pts, quarterLabel, valueText, yiText } from '../html/format.js';
import { section, type DigestSource } from './digest.js';

const moved = (r: MovementRow) => (r.delta === undefined ? '' : r.delta > 0 ? `，本季上升 ${r.delta} 位` : r.delta < 0 ? `，本季下降 ${-r.delta} 位` : '，名次不变');

function linesOf(m: QuarterlyModel, compact: boolean): string[] {
  const title = `#### ${mdText(m.city)}${m.period.year}年${quarterLabel(m.period.month)}招商引资讲评`;
  const lines: string[] = [title, '', ...section('本季度')];
  for (const f of m.quarterFigures) lines.push(`- ${mdText(f.label)}：${f.valueUnit === '万元' ? yiText(f.value) : valueText(f.value, f.valueUnit)}`);
  lines.push('', ...section('全年累计'));
  for (const f of m.figures) lines.push(`- ${mdText(f.label)}：${f.valueUnit === '万元' ? yiText(f.actual) : valueText(f.actual, f.valueUnit)}${f.progress === undefined ? '' : `，完成年度目标 ${pct(f.progress)}`}`);
  for (const g of m.groups) {
    lines.push('', ...section(`${mdText(g.group)}排名`));
    const rows = compact && g.rows.length > 7 ? [...g.rows.slice(0, 3), undefined, ...g.rows.slice(-3)] : g.rows;
    for (const r of rows) lines.push(r ? `${r.unit.groupRank}. ${mdText(r.unit.name)} ${pts(r.unit.total)} 分${moved(r)}` : `- ……（本组共 ${g.rows.length} 个单位）`);
  }
  if (m.risers.length + m.fallers.length > 0) {
    lines.push('', ...section('进退'));
    if (m.risers.length > 0) lines.push(`- 进步较快：${m.risers.map((r) => `${mdText(r.unit.name)}（↑${r.delta}）`).join('、')}`);
    if (m.fallers.length > 0) lines.push(`- 退步较多：${m.fallers.map((r) => `${mdText(r.unit.name)}（↓${-(r.delta ?? 0)}）`).join('、')}`);
  }
  return lines;
}

export function quarterlyDigest(m: QuarterlyModel): DigestSource {
  return {
    key: '季度讲评',
    title: `${m.city}${m.period.year}年${quarterLabel(m.period.month)}招商引资讲评`,
    lines: linesOf(m, false),
    compact: linesOf(m, true),
    pointer: '完整讲评（含各单位讲评要点和 Excel 附件）已发至通报收件人邮箱。',
  };
}
