/** 单位月报 → robot digest for the unit's own work group: its standing, its points lost, its lights. */
import { mdText } from '../../functions/channels/markdown.js';
import type { RankedUnit, UnitReportModel } from '../model/index.js';
import { changeText } from '../html/marks.js';
import { monthLabel, pts } from '../html/format.js';
import { lightsLine, rankLine, section, type DigestSource } from './digest.js';

/** A long group shows its top three and the unit's neighbours; `undefined` marks a gap. */
function nearby(m: UnitReportModel): (RankedUnit | undefined)[] {
  const all = m.groupRanking;
  if (all.length <= 10) return [...all];
  const at = all.findIndex((u) => u.name === m.unit.name);
  const keep = new Set([0, 1, 2, at - 2, at - 1, at, at + 1, at + 2].filter((i) => i >= 0 && i < all.length));
  const out: (RankedUnit | undefined)[] = [];
  all.forEach((u, i) => {
    if (keep.has(i)) out.push(u);
    else if (keep.has(i - 1)) out.push(undefined);
  });
  return out;
}

export function unitDigest(m: UnitReportModel): DigestSource {
  const name = mdText(m.unit.name);
  const change = changeText(m.me.change);
  const title = `${m.unit.name}${monthLabel(m.period)}招商引资考核月报`;
  const lines: string[] = [
    `#### ${name}${monthLabel(m.period)}招商引资考核月报`,
    `> ${mdText(m.unit.group)}第 ${m.me.groupRank} 名（共 ${m.me.groupSize} 个），全市第 ${m.me.cityRank} 名；总分 **${pts(m.me.total)}**${change === '' ? '' : `，较上月 ${change}`}，等次 ${mdText(m.me.grade)}`,
    '',
    ...section('各项得分'),
    ...m.lines.map((l) => `- ${mdText(l.name)}：${pts(l.score)}${l.possible > 0 ? ` / ${pts(l.possible)}` : ''} 分，${mdText(l.note)}`),
  ];
  if (m.adjustment !== 0) lines.push(`- 加减分：${m.adjustment > 0 ? '+' : ''}${pts(m.adjustment)} 分`);
  lines.push('', ...section(`${mdText(m.unit.group)}排名`), ...nearby(m).map((u) => (u === undefined ? '- ……' : rankLine(u, u.name === m.unit.name))));
  const red = m.warnings.filter((w) => w.level === '红');
  const yellow = m.warnings.filter((w) => w.level === '黄');
  lines.push('', ...section('预警'));
  const lights = lightsLine(red.length, yellow.length);
  if (!lights) lines.push('本月无红黄灯预警。');
  else {
    lines.push(lights, '');
    for (const w of [...red, ...yellow].slice(0, 10)) lines.push(`- 【${w.level}】${w.kind}：${mdText(w.projectName || w.detail)}`);
    if (red.length + yellow.length > 10) lines.push(`- 另有 ${red.length + yellow.length - 10} 条，见月报`);
  }
  if (m.excluded.length > 0) lines.push('', `注意：${m.excluded.length} 个项目因填报错误未计入考核，请联络员按月报中的单元格清单修改。`);
  return { key: `单位月报:${m.unit.name}`, title, lines, pointer: '完整月报（含扣分原因、问题单元格清单和 Excel 附件）已发至本单位负责人和联络员邮箱。' };
}
