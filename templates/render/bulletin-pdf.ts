/**
 * The 月度通报 as the 公文 leaders print and file: 发文单位 in red over a red rule, 期号, title, body
 * paragraphs, the ranking (with 全市排名, 等次 and the 红黄绿 light) and warning tables, 落款 and date.
 * Same model as the mail; the PDF lists every unit (paper has no size limit).
 */
import type { BulletinModel, CallOut } from '../model/index.js';
import { LIGHT_LEGEND } from '../model/index.js';
import { monthLabel, pct, pts } from '../html/format.js';
import { changeText } from '../html/marks.js';
import { centredLine, finish, heading, newPdf, paragraph, redRule, table, title, RED, type PdfCell } from '../pdf/document.js';
import { figureSentence } from './figures.js';
import { masthead } from './masthead.js';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const LIGHT_COLOR = { 红: '#d40000', 黄: '#d99a00', 绿: '#1f8a4c' } as const;

/** The PDF bytes of a bulletin. */
export async function bulletinPdf(m: BulletinModel): Promise<Buffer> {
  const head = masthead(m);
  const heading0 = `${m.city}招商引资工作月度通报（${monthLabel(m.period)}）`;
  const pdf = newPdf({ title: heading0, author: head.issuer, date: m.generatedAt });
  centredLine(pdf, head.issuer, 26, { bold: true, color: RED, gap: 10 });
  centredLine(pdf, head.issue, 16, { gap: 2 });
  redRule(pdf, 22);
  title(pdf, heading0);

  let n = 0;
  const h = (text: string) => heading(pdf, `${NUMBERS[n++] ?? ''}、${text}`);

  h('全市总体情况');
  paragraph(pdf, `${figureSentence(m.figures, m.period.month)}序时进度为 ${pct(m.pace)}，参加考核单位 ${m.unitCount} 个。`);

  h('考核排名');
  const rows: PdfCell[][] = m.groups.flatMap((g) => g.units.map((u): PdfCell[] => {
    const light = m.lights.get(u.name);
    return [
      g.group, String(u.groupRank), u.name, pts(u.total), changeText(u.change), String(u.cityRank), u.grade,
      light ? { text: light.color, dot: LIGHT_COLOR[light.color] } : '',
    ];
  }));
  table(pdf, [
    { label: '考核组别', share: 1.4 }, { label: '名次', share: 0.8, align: 'center' }, { label: '单位', share: 2.2 },
    { label: '总分', share: 1, align: 'right' }, { label: '较上月', share: 1, align: 'center' }, { label: '全市排名', share: 1.3, align: 'center' },
    { label: '等次', share: 0.9, align: 'center' }, { label: '亮灯', share: 0.9, align: 'center' },
  ], rows);
  paragraph(pdf, `名次为组内排名；较上月按组内排名比较：↑ 上升、↓ 下降、— 持平，空白为上月无排名。${LIGHT_LEGEND}`, { size: 10 });
  const lit = m.groups.flatMap((g) => g.units).filter((u) => m.lights.get(u.name)?.color !== '绿');
  if (lit.length > 0) {
    paragraph(pdf, `亮灯原因：${lit.map((u) => `${u.name}（${m.lights.get(u.name)?.color}灯：${m.lights.get(u.name)?.reason}）`).join('；')}。`, { size: 10 });
  }

  const calls = [
    ...m.leaders.map((c) => callOut(c, `${c.unit.group}第 ${c.unit.groupRank} 名`)),
    ...m.laggards.map((c) => callOut(c, c.unit.groupSize > 1 && c.unit.groupRank === c.unit.groupSize ? `${c.unit.group}末位` : `全市末位（${c.unit.group}）`)),
  ];
  if (m.risers.length > 0) calls.push(`进位明显：${m.risers.map((u) => `${u.name}（↑${u.change}）`).join('、')}。`);
  if (m.fallers.length > 0) calls.push(`退位明显：${m.fallers.map((u) => `${u.name}（↓${-(u.change ?? 0)}）`).join('、')}。`);
  if (calls.length > 0) {
    h('先进与后进');
    for (const c of calls) paragraph(pdf, c);
  }

  h('预警情况');
  const red = m.warningTotals.reduce((s, x) => s + x.red, 0);
  const yellow = m.warningTotals.reduce((s, x) => s + x.yellow, 0);
  if (red + yellow === 0) {
    paragraph(pdf, '本月无预警。');
  } else {
    paragraph(pdf, `本月共预警 ${red + yellow} 条，其中红色 ${red} 条、黄色 ${yellow} 条：${m.warningTotals.filter((x) => x.red + x.yellow > 0).map((x) => `${x.kind} ${x.red + x.yellow} 条`).join('，')}。`);
    table(pdf, [
      { label: '单位', share: 2 }, { label: '超期未开工', share: 1.2, align: 'center' }, { label: '长期未更新', share: 1.2, align: 'center' },
      { label: '序时落后', share: 1.1, align: 'center' }, { label: '红色', share: 0.8, align: 'center' }, { label: '黄色', share: 0.8, align: 'center' },
    ], m.warningUnits.map((w) => [w.unit, String(w.overdue), String(w.stale), String(w.behind), { text: String(w.red), color: w.red > 0 ? LIGHT_COLOR.红 : '#000000' }, String(w.yellow)]));
  }

  h('数据质量');
  const errorUnits = m.quality.filter((x) => x.errorRows > 0);
  paragraph(pdf, errorUnits.length === 0
    ? '各单位台账无填报错误的项目。'
    : `${errorUnits.map((x) => `${x.unit} ${x.errorRows} 个`).join('、')}项目因填报错误未计入本月考核，请相关单位按单位月报所列单元格修改。`);

  pdf.doc.moveDown(1.5);
  paragraph(pdf, head.issuer, { align: 'right' });
  paragraph(pdf, head.date, { align: 'right' });
  return finish(pdf);
}

function callOut(c: CallOut, place: string): string {
  return `${place} ${c.unit.name}：${c.reason}。`;
}
