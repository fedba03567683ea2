/** 年度总评 → robot digest: the year's figures, final ranking with 等次 per group, the 等次 counts. */
import { mdText } from '../../functions/channels/markdown.js';
import type { AnnualModel } from '../model/index.js';
import { pct, valueText, yiText } from '../html/format.js';
import { rankLine, section, type DigestSource } from './digest.js';

function linesOf(m: AnnualModel, compact: boolean): string[] {
  const lines: string[] = [`#### ${mdText(m.city)}${m.year}年度招商引资考评总评`, ''];
  lines.push(`> 等次：${m.gradeCounts.map((g) => `${mdText(g.grade)} ${g.count} 个`).join('，')}`, '', ...section('全年指标'));
  for (const f of m.figures) lines.push(`- ${mdText(f.label)}：${f.valueUnit === '万元' ? yiText(f.actual) : valueText(f.actual, f.valueUnit)}${f.progress === undefined ? '' : `，完成年度目标 ${pct(f.progress)}`}`);
  for (const g of m.groups) {
    lines.push('', ...section(`${mdText(g.group)}年度排名`));
    const rows = compact && g.rows.length > 7 ? [...g.rows.slice(0, 3), undefined, ...g.rows.slice(-3)] : g.rows;
    for (const r of rows) lines.push(r ? rankLine(r.unit) : `- ……（本组共 ${g.rows.length} 个单位）`);
  }
  return lines;
}

export function annualDigest(m: AnnualModel): DigestSource {
  return {
    key: '年度总评',
    title: `${m.city}${m.year}年度招商引资考评总评`,
    lines: linesOf(m, false),
    compact: linesOf(m, true),
    pointer: '完整总评（含各单位逐月排名和 Excel 附件）已发至通报收件人邮箱。',
  };
}
