/** 月度通报 → robot digest: the city's figures, each group's ranking with 较上月 and 等次, the lights. */
import { mdText } from '../../functions/channels/markdown.js';
import type { BulletinModel } from '../model/index.js';
import { monthLabel, pct, valueText, yiText } from '../html/format.js';
import { lightsLine, rankLine, section, type DigestSource } from './digest.js';

/** How many units a compact ranking keeps at each end of a group. */
const ENDS = 3;

export function bulletinDigest(m: BulletinModel): DigestSource {
  const pointer = '完整通报（含各单位得分明细、预警清单和 Excel 附件）已发至通报收件人邮箱。';
  return { key: '月度通报', title: `${m.city}${monthLabel(m.period)}招商引资考评通报`, lines: linesOf(m, false), compact: linesOf(m, true), pointer };
}

function linesOf(m: BulletinModel, compact: boolean): string[] {
  const city = mdText(m.city);
  const lines: string[] = [`#### ${city}${monthLabel(m.period)}招商引资考评通报`, `> 序时进度 ${pct(m.pace)}，${m.unitCount} 个单位参加考核`, ''];
  lines.push(...section('全市指标'));
  for (const f of m.figures) {
    const target = f.progress === undefined ? '' : `，完成年度目标 ${pct(f.progress)}`;
    lines.push(`- ${mdText(f.label)}：${f.valueUnit === '万元' ? yiText(f.actual) : valueText(f.actual, f.valueUnit)}${target}`);
  }
  for (const g of m.groups) {
    lines.push('', ...section(`${mdText(g.group)}排名`));
    const cut = compact && g.units.length > 2 * ENDS + 1;
    const shown = cut ? [...g.units.slice(0, ENDS), undefined, ...g.units.slice(-ENDS)] : g.units;
    for (const u of shown) lines.push(u ? rankLine(u) : `- ……（本组共 ${g.units.length} 个单位）`);
  }
  const red = m.warningTotals.reduce((sum, w) => sum + w.red, 0);
  const yellow = m.warningTotals.reduce((sum, w) => sum + w.yellow, 0);
  const lights = lightsLine(red, yellow);
  lines.push('', ...section('预警'));
  if (!lights) lines.push('本月无红黄灯预警。');
  else {
    const kinds = m.warningTotals.filter((w) => w.red + w.yellow > 0).map((w) => `${w.kind} ${w.red + w.yellow}`).join('、');
    lines.push(`${lights}（${kinds}）`, '');
    const most = compact ? 5 : 8;
    for (const u of m.warningUnits.slice(0, most)) lines.push(`- ${mdText(u.unit)}：${[u.red > 0 ? `红 ${u.red}` : '', u.yellow > 0 ? `黄 ${u.yellow}` : ''].filter(Boolean).join('、')}`);
    if (m.warningUnits.length > most) lines.push(`- 另有 ${m.warningUnits.length - most} 个单位有预警`);
  }
  return lines;
}
