/** 月度通报 → subject, HTML, text and workbook. */
import { LIGHT_LEGEND, type BulletinModel, type CallOut } from '../model/index.js';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../html/escape.js';
import { formatPeriod } from '../../functions/core/index.js';
import { monthLabel, pct, shanghaiText } from '../html/format.js';
import { colored, note, page, para, section, subheading, table } from '../html/layout.js';
import { COLOR } from '../html/theme.js';
import { PDF_TYPE, XLSX_TYPE, type RenderedReport } from '../types.js';
import { bulletinPdf } from './bulletin-pdf.js';
import { bulletinSheets } from './bulletin-sheets.js';
import { masthead } from './masthead.js';
import { figureCards, figureLines, figureSentence, unitPaceHtml, unitPaceLines } from './figures.js';
import { fitHtml, head } from './fit.js';
import { barScale, rankingHtml, rankingText } from './ranking.js';
import { t, textOf, textSection, textTitle } from './text.js';
import { workbookBuffer } from '../xlsx/workbook.js';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** Renders the 月度通报. */
export async function renderBulletin(m: BulletinModel): Promise<RenderedReport> {
  const title = `${m.city}招商引资工作月度通报`;
  const subject = oneLine(`${title}（${monthLabel(m.period)}）`);
  const filename = safeFileName(`${m.city}招商引资月度通报-${formatPeriod(m.period)}.xlsx`);
  const pdfName = pdfFileName(m);
  return {
    kind: '月度通报', key: '月度通报', to: [...m.to], subject,
    html: fitHtml((limit) => bulletinHtml(m, title, filename, limit)),
    text: bulletinText(m, title, filename),
    attachments: [
      { filename, content: await workbookBuffer(bulletinSheets(m), m.generatedAt), contentType: XLSX_TYPE },
      { filename: pdfName, content: await bulletinPdf(m), contentType: PDF_TYPE },
    ],
  };
}

function subtitle(m: BulletinModel): string {
  return `${monthLabel(m.period)} · 序时进度 ${pct(m.pace)} · 参加考核单位 ${m.unitCount} 个`;
}

/** The 公文's file name: city, 期号 and month, so a folder of them sorts and reads right. */
function pdfFileName(m: BulletinModel): string {
  return safeFileName(`${m.city}招商引资工作通报-第${m.issue}期-${formatPeriod(m.period)}.pdf`);
}

function footer(m: BulletinModel, filename: string): string {
  return `打印存档请用附件《${pdfFileName(m)}》（公文版式）。本通报由招商引资台账系统根据各单位台账自动生成，数据截至${m.period.year}年${m.period.month}月底，生成于 ${shanghaiText(m.generatedAt)}。各单位得分明细、预警清单和未计入考核的项目见附件《${filename}》。`;
}

function callOutHtml(c: CallOut, place: string): string {
  return para(`${colored(escapeHtml(place), COLOR.muted)} <b>${cellHtml(c.unit.name)}</b>：${escapeHtml(oneLine(c.reason))}`);
}

function placeOf(c: CallOut, top: boolean): string {
  return top ? `${c.unit.group}第 ${c.unit.groupRank} 名` : c.unit.groupSize > 1 && c.unit.groupRank === c.unit.groupSize ? `${c.unit.group}末位` : `全市末位（${c.unit.group}）`;
}

function bulletinHtml(m: BulletinModel, title: string, filename: string, limit: number): string {
  const parts: string[] = [];
  const heading = (text: string) => `${NUMBERS[parts.length] ?? ''}、${text}`;

  parts.push(section(heading('全市总体情况'), para(escapeHtml(figureSentence(m.figures, m.period.month))) + figureCards(m.figures)
    + note(`进度条长度为完成年度目标的比例，黑色竖线为序时进度 ${pct(m.pace)}；绿色为达到序时，蓝色落后不足 10 个百分点，橙色落后 10–30 个百分点，红色落后 30 个百分点以上。`)));

  const scale = barScale(m.groups.flatMap((g) => g.units));
  parts.push(section(heading('考核排名'), m.groups.map((g) => subheading(`${g.group}（${g.units.length} 个单位）`) + rankingHtml(g.units, scale, undefined, { lights: m.lights, bars: limit >= 25 })).join('')
    + note(`名次为组内排名，全市为全市排名；较上月：↑ 上升、↓ 下降、— 持平（按组内排名比较），空白为上月无排名。${LIGHT_LEGEND}`)));

  const calls: string[] = [];
  for (const c of m.leaders) calls.push(callOutHtml(c, `${placeOf(c, true)}`));
  for (const c of m.laggards) calls.push(callOutHtml(c, placeOf(c, false)));
  if (m.risers.length > 0) calls.push(para(`${colored('进位明显', COLOR.good, true)}：${m.risers.map((u) => `${cellHtml(u.name)}（↑${u.change}）`).join('、')}`));
  if (m.fallers.length > 0) calls.push(para(`${colored('退位明显', COLOR.bad, true)}：${m.fallers.map((u) => `${cellHtml(u.name)}（↓${-(u.change ?? 0)}）`).join('、')}`));
  if (calls.length > 0) parts.push(section(heading('先进与后进'), calls.join('')));

  if (m.unitPace && m.unitPace.rows.length > 0) {
    const { shown, more } = head(m.unitPace.rows, limit);
    parts.push(section(heading(`各单位${m.unitPace.indicator}序时进度`), unitPaceHtml(m.pace, shown)
      + note(`按完成进度由低到高排列。${more}`)));
  }

  const totals = m.warningTotals;
  const red = totals.reduce((s, x) => s + x.red, 0);
  const yellow = totals.reduce((s, x) => s + x.yellow, 0);
  const { shown: wu, more: wMore } = head(m.warningUnits, limit);
  const warnBody = red + yellow === 0
    ? para('本月无预警。')
    : para(`本月共预警 <b>${red + yellow}</b> 条，其中${colored(`红色 ${red} 条`, COLOR.bad, true)}、${colored(`黄色 ${yellow} 条`, COLOR.warn, true)}：${totals.filter((x) => x.red + x.yellow > 0).map((x) => `${x.kind} ${x.red + x.yellow} 条`).join('，')}。`)
      + table(
        [{ label: '单位' }, { label: '超期未开工', align: 'center', width: '62' }, { label: '长期未更新', align: 'center', width: '62' }, { label: '序时落后', align: 'center', width: '52' }],
        wu.map((w) => [cellHtml(w.unit), count(w.overdue, COLOR.bad), count(w.stale, COLOR.warn), count(w.behind, COLOR.warn)]),
      ) + note(`红色预警：签约超过期限未开工，或序时落后 30 个百分点以上；黄色预警：长期未更新，或序时落后 10 个百分点以上。${wMore}`);
  parts.push(section(heading('预警情况'), warnBody));

  const { shown: q, more: qMore } = head(m.quality, limit);
  const errorUnits = m.quality.filter((x) => x.errorRows > 0).length;
  const weeklyUnits = m.quality.filter((x) => (x.missedWeeks ?? 0) > 0 || (x.missedWeeks === undefined && (x.weeklyRate ?? 1) < 1)).length;
  const qualityBody = m.quality.length === 0
    ? para('各单位台账无填报错误，周上报均按时完成。')
    : para(`${[errorUnits > 0 ? `${errorUnits} 个单位有填报错误的项目未计入考核` : '', weeklyUnits > 0 ? `${weeklyUnits} 个单位周上报不及时` : ''].filter(Boolean).join('，')}。${errorUnits > 0 ? '请相关单位按单位月报所列单元格修改。' : ''}`)
      + table(
        [{ label: '单位' }, { label: '未计入考核项目', align: 'center', width: '90' }, { label: '周上报', align: 'center', width: '96' }],
        q.map((x) => [cellHtml(x.unit), count(x.errorRows, COLOR.bad), weeklyHtml(x.missedWeeks, x.weeklyRate)]),
      ) + (qMore ? note(qMore) : '');
  parts.push(section(heading('数据质量'), qualityBody));

  return page({ title, subtitle: subtitle(m), preheader: figureSentence(m.figures, m.period.month), body: parts.join(''), footer: footer(m, filename), masthead: masthead(m) });
}

function count(n: number, color: string): string {
  return n === 0 ? colored('0', COLOR.muted) : colored(String(n), color, true);
}

function weeklyText(missed: number | undefined, rate: number | undefined): string {
  if (missed !== undefined) return missed === 0 ? '按时' : `本月漏报 ${missed} 周`;
  if (rate === undefined) return '—';
  return rate >= 1 ? '按时' : `及时率 ${pct(rate)}`;
}

function weeklyHtml(missed: number | undefined, rate: number | undefined): string {
  const text = escapeHtml(weeklyText(missed, rate));
  return (missed ?? 0) > 0 || (missed === undefined && rate !== undefined && rate < 1) ? colored(text, COLOR.bad) : text;
}

function bulletinText(m: BulletinModel, title: string, filename: string): string {
  const head = masthead(m);
  const lines = [head.issuer, head.issue, '', ...textTitle(title, subtitle(m))];
  let n = 0;
  const h = (text: string) => `${NUMBERS[n++] ?? ''}、${text}`;
  lines.push(...textSection(h('全市总体情况'), [figureSentence(m.figures, m.period.month), '', ...figureLines(m.figures)]));
  lines.push(...textSection(h('考核排名'), [...m.groups.flatMap((g) => [`【${t(g.group)}】`, ...rankingText(g.units, m.lights), '']), LIGHT_LEGEND]));
  const calls = [
    ...m.leaders.map((c) => `${placeOf(c, true)} ${t(c.unit.name)}：${t(c.reason)}`),
    ...m.laggards.map((c) => `${placeOf(c, false)} ${t(c.unit.name)}：${t(c.reason)}`),
    ...(m.risers.length ? [`进位明显：${m.risers.map((u) => `${t(u.name)}（↑${u.change}）`).join('、')}`] : []),
    ...(m.fallers.length ? [`退位明显：${m.fallers.map((u) => `${t(u.name)}（↓${-(u.change ?? 0)}）`).join('、')}`] : []),
  ];
  if (calls.length) lines.push(...textSection(h('先进与后进'), calls));
  if (m.unitPace && m.unitPace.rows.length > 0) lines.push(...textSection(h(`各单位${m.unitPace.indicator}序时进度（序时 ${pct(m.pace)}）`), unitPaceLines(m.unitPace, m.pace, m.unitPace.rows)));
  lines.push(...textSection(h('预警情况'), m.warningUnits.length === 0 ? ['本月无预警。'] : m.warningUnits.map((w) => `${t(w.unit)}：超期未开工 ${w.overdue}，长期未更新 ${w.stale}，序时落后 ${w.behind}（红 ${w.red} / 黄 ${w.yellow}）`)));
  lines.push(...textSection(h('数据质量'), m.quality.length === 0 ? ['各单位台账无填报错误，周上报均按时完成。'] : m.quality.map((x) => `${t(x.unit)}：未计入考核项目 ${x.errorRows} 个；周上报 ${weeklyText(x.missedWeeks, x.weeklyRate)}`)));
  lines.push(`${head.issuer}`, head.date, '', footer(m, filename));
  return textOf(lines);
}

