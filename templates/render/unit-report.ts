/** 单位月报 → subject, HTML, text and workbook. */
import { formatPeriod } from '../../functions/core/index.js';
import type { IndicatorLine, RankedUnit, UnitReportModel } from '../model/index.js';
import { paceBar, valueBar } from '../html/bars.js';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../html/escape.js';
import { monthLabel, pct, pts, shanghaiText, signedPts, valueText } from '../html/format.js';
import { cards, colored, note, page, para, section, small, table } from '../html/layout.js';
import { changeHtml, levelHtml, scoreColor } from '../html/marks.js';
import { COLOR, paceColor } from '../html/theme.js';
import { XLSX_TYPE, type RenderedReport } from '../types.js';
import { workbookBuffer } from '../xlsx/workbook.js';
import { gapText } from './figures.js';
import { fitHtml, head } from './fit.js';
import { barScale, rankingHtml, rankingText } from './ranking.js';
import { detailSheet, excludedSheet, rankingSheet, warningSheet } from './sheets.js';
import { t, textOf, textSection, textTitle } from './text.js';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** Renders one unit's 单位月报. */
export async function renderUnitReport(m: UnitReportModel): Promise<RenderedReport> {
  const name = oneLine(m.unit.name);
  const title = `${name}招商引资工作考核月报`;
  const subject = oneLine(`${title}（${monthLabel(m.period)}）：总分 ${pts(m.me.total)}，${m.unit.group}第 ${m.me.groupRank} 名`);
  const filename = safeFileName(`${name}考核月报-${formatPeriod(m.period)}.xlsx`);
  const sheets = [
    detailSheet([{ unit: m.unit.name, group: m.unit.group, lines: m.lines }]),
    warningSheet(m.warnings),
    excludedSheet(m.excluded),
    rankingSheet('组内排名', m.groupRanking),
  ];
  return {
    kind: '单位月报', key: `单位月报:${m.unit.name}`, to: [...m.to], subject,
    html: fitHtml((limit) => unitHtml(m, title, filename, limit)),
    text: unitText(m, title, filename),
    attachments: [{ filename, content: await workbookBuffer(sheets, m.generatedAt), contentType: XLSX_TYPE }],
  };
}

function subtitle(m: UnitReportModel): string {
  return `${m.city} · ${monthLabel(m.period)} · 序时进度 ${pct(m.pace)}`;
}

function footer(m: UnitReportModel, filename: string): string {
  return `本月报由招商引资台账系统根据本单位台账自动生成，数据截至${m.period.year}年${m.period.month}月底，生成于 ${shanghaiText(m.generatedAt)}。得分明细、预警和待修改项目见附件《${filename}》。如对得分有疑问，请联系市招商局。`;
}

/** "本月总分 45.00 分（上月 60.00 分），县市组第 2 名（共 2 个单位），较上月下降 1 位；…" */
function summary(m: UnitReportModel): string {
  const { me } = m;
  const last = me.previousTotal === undefined ? '' : `（上月 ${pts(me.previousTotal)} 分）`;
  const moved = me.change === undefined ? '' : me.change > 0 ? `，较上月上升 ${me.change} 位` : me.change < 0 ? `，较上月下降 ${-me.change} 位` : '，与上月持平';
  const worst = [...m.lines].filter((l) => l.lost > 0).sort((a, b) => b.lost - a.lost).slice(0, 2);
  const lost = worst.length === 0 ? '各项指标均得满分' : `主要失分在${worst.map((l) => `${l.name}（${pts(l.lost)} 分）`).join('、')}`;
  return `本月总分 ${pts(me.total)} 分${last}，${me.group}第 ${me.groupRank} 名（共 ${me.groupSize} 个单位）${moved}；全市第 ${me.cityRank} 名（共 ${m.citySize} 个单位）；等次：${me.grade}${me.gradeNote ? `（${me.gradeNote}）` : ''}。`
    + `${m.possibleSummary}；失分 ${pts(m.lost)} 分，${lost}。`;
}

/** "组内最高 28.50（孟州市）；分值 30 分，超额完成最多得 36 分（封顶 120%）": the line's yardsticks. */
function yardsticks(m: UnitReportModel, l: IndicatorLine): string {
  const best = m.groupBest.get(l.name);
  const mine = best?.units.includes(m.unit.name);
  const bestText = !best || m.me.groupSize < 2 ? '' : mine ? `组内最高 ${pts(best.score)}（本单位${best.units.length > 1 ? `等 ${best.units.length} 个单位` : ''}）` : `组内最高 ${pts(best.score)}（${best.units.slice(0, 2).map(oneLine).join('、')}${best.units.length > 2 ? '等' : ''}）`;
  return [bestText, m.possibleNotes.get(l.name) ?? ''].filter(Boolean).join('；');
}

/** "若更正以下 2 行，到位资金将增加 67,502 万元、签约项目数将增加 1 个。" — what the rows left out cost. */
function costSentence(m: UnitReportModel): string {
  if (m.excludedCosts.length === 0) return '';
  const parts = m.excludedCosts.map((c) => c.valueUnit === '%'
    ? `${c.indicator}将${c.delta > 0 ? '提高' : '降低'} ${(Math.abs(c.delta) * 100).toFixed(1)} 个百分点`
    : `${c.indicator}将${c.delta > 0 ? '增加' : '减少'} ${valueText(Math.abs(c.delta), c.valueUnit)}`);
  return `若更正以下 ${m.excluded.length} 行，${parts.join('、')}。`;
}

/** Target-based lines with a target (any 计分方式 the registry lets take one), for the 序时进度 section. */
function targetLines(m: UnitReportModel): IndicatorLine[] {
  return m.lines.filter((l) => l.target !== undefined && l.target > 0 && l.paceTarget !== undefined);
}

/** The indicator's own 序时进度 (its 序时目标 ÷ 年度目标), which may differ from 参数.序时进度. */
function paceOf(l: IndicatorLine, fallback: number): number {
  return l.target && l.paceTarget !== undefined ? l.paceTarget / l.target : fallback;
}

/** The core's 说明 of how the points arose, when the line's own wording does not already say it. */
function howScored(l: IndicatorLine): string {
  return l.explanation && l.explanation !== l.note ? `计分：${l.explanation}` : '';
}

function lineDetail(l: IndicatorLine): string {
  if (l.scoring === '目标完成率' && l.paceTarget !== undefined) return `实际 ${valueText(l.actual, l.valueUnit)}，序时目标 ${valueText(l.paceTarget, l.valueUnit)}，${l.note}`;
  if (l.scoring === '每项加分' || l.scoring === '每项扣分') return l.actual === 0 ? l.note : `${valueText(l.actual, l.valueUnit)}，${l.note}`;
  return `实际 ${valueText(l.actual, l.valueUnit)}，${l.note}`;
}

/** The group ranking, cut to top, neighbours and bottom when the group is longer than `limit`. */
function nearby(units: readonly RankedUnit[], me: string, limit: number): { shown: RankedUnit[]; cut: boolean } {
  if (units.length <= limit) return { shown: [...units], cut: false };
  const at = units.findIndex((u) => u.name === me);
  return { shown: units.filter((_, i) => i < 3 || Math.abs(i - at) <= 2 || i >= units.length - 3), cut: true };
}

function unitHtml(m: UnitReportModel, title: string, filename: string, limit: number): string {
  const parts: string[] = [];
  const heading = (text: string) => `${NUMBERS[parts.length] ?? ''}、${text}`;
  const { me } = m;

  const weekly = m.weekly.rate === undefined ? '' : `<div style="font-size:12px;color:${COLOR.muted}">周上报及时率 ${pct(m.weekly.rate)}</div>`;
  parts.push(section(heading('考核结果'), cards([
    { label: '总分', value: colored(pts(me.total), scoreColor(me.total, 100)), below: `<div style="font-size:12px;color:${COLOR.muted}">等次：<b>${cellHtml(me.grade)}</b>${me.gradeNote ? `（${escapeHtml(me.gradeNote)}）` : ''}${me.previousTotal === undefined ? '' : `，上月 ${pts(me.previousTotal)}`}</div>` },
    { label: `${escapeHtml(me.group)}排名`, value: `${me.groupRank}<span style="font-size:13px;font-weight:normal"> / ${me.groupSize}</span> ${changeHtml(me.change)}`, below: `<div style="font-size:12px;color:${COLOR.muted}">全市第 ${me.cityRank} 名 / 共 ${m.citySize} 个单位</div>${weekly}` },
  ]) + para(escapeHtml(summary(m)))));

  const rows = m.lines.map((l) => [
    `<b>${escapeHtml(l.name)}</b><br>${small(escapeHtml(lineDetail(l)))}${howScored(l) ? `<br>${small(escapeHtml(howScored(l)))}` : ''}${yardsticks(m, l) ? `<br>${small(escapeHtml(yardsticks(m, l)))}` : ''}<div style="padding-top:3px">${l.possible > 0 ? valueBar(l.score, l.possible, scoreColor(l.score, l.possible), 6) : ''}</div>`,
    colored(pts(l.score), l.score < 0 ? COLOR.bad : COLOR.ink, true),
    l.possible > 0 ? pts(l.possible) : small('扣分项'),
    l.lost > 0 ? colored(pts(l.lost), COLOR.bad, true) : colored('0', COLOR.muted),
  ]);
  if (m.adjustment !== 0 || m.adjustments.length > 0) {
    rows.push([`<b>加减分</b><br>${small(escapeHtml(m.adjustments.map((a) => `${a.month.month}月 ${a.kind === '加减分' ? signedPts(a.points) : a.kind}：${oneLine(a.reason) || '未写事由'}`).join('；') || '无'))}`, colored(signedPts(m.adjustment), m.adjustment < 0 ? COLOR.bad : COLOR.good, true), '', '']);
  }
  rows.push(['<b>总分</b>', `<b>${pts(me.total)}</b>`, pts(m.possible), colored(pts(m.lost), COLOR.bad, true)]);
  parts.push(section(heading('逐项得分'), table([{ label: '指标与完成情况' }, { label: '得分', align: 'right', width: '46' }, { label: '满分', align: 'right', width: '46' }, { label: '失分', align: 'right', width: '46' }], rows)
    + note('满分为该项最多可得的分数（目标任务类指标超额完成可得到分值 × 封顶比例）；失分 = 满分 − 得分；扣分项的失分即扣去的分数。条形为得分占满分的比例。')));

  const targets = targetLines(m);
  if (targets.length > 0) {
    parts.push(section(heading('序时进度'), targets.map((l) => {
      const progress = l.actual / (l.target ?? 1);
      const pace = paceOf(l, m.pace);
      return `<div style="padding:4px 0"><b>${escapeHtml(l.name)}</b> ${small(escapeHtml(`${valueText(l.actual, l.valueUnit)} / 年度目标 ${valueText(l.target ?? 0, l.valueUnit)}`))}`
        + `<div style="padding:3px 0">${paceBar(progress, pace)}</div>`
        + `<div style="font-size:12px">完成年度目标 ${colored(pct(progress), paceColor(progress, pace), true)}，序时进度 ${pct(pace)}，${escapeHtml(gapText(progress, pace))}</div></div>`;
    }).join('') + note('黑色竖线为序时进度。')));
  }

  const { shown, cut } = nearby(m.groupRanking, m.unit.name, Math.max(limit, 12));
  parts.push(section(heading(`${m.unit.group}排名`), rankingHtml(shown, barScale(m.groupRanking), m.unit.name)
    + note(`${cut ? `组内共 ${m.groupRanking.length} 个单位，仅列出前 3 名、本单位前后和后 3 名，完整排名见附件。` : ''}较上月：↑ 上升、↓ 下降、— 持平，空白为上月无排名。`)));

  const trend = m.trend.filter((p) => p.total !== undefined);
  if (trend.length > 1) {
    parts.push(section(heading('今年以来得分走势'), table(
      [{ label: '月份', width: '44' }, { label: '总分', align: 'right', width: '50' }, { label: '' }, { label: '组内排名', align: 'center', width: '60' }],
      trend.map((p) => [`${p.month}月`, pts(p.total ?? 0), valueBar(p.total ?? 0, barScale(m.groupRanking), COLOR.bar, 8), p.groupRank === undefined ? '' : String(p.groupRank)]),
    )));
  }

  const { shown: warnings, more } = head(m.warnings, Math.max(limit, 10));
  parts.push(section(heading('预警'), m.warnings.length === 0 ? para('本月无预警。') : table(
    [{ label: '级别', width: '46' }, { label: '预警' }],
    warnings.map((w) => [levelHtml(w.level), `<b>${escapeHtml(w.kind)}</b>${w.projectId ? ` ${cellHtml(w.projectName)}（${cellHtml(w.projectId)}）` : ''}<br>${small(escapeHtml(w.detail))}`]),
  ) + (more ? note(more) : '')));

  const { shown: bad, more: badMore } = head(m.excluded, Math.max(limit, 10));
  parts.push(section(heading('未计入考核的项目'), m.excluded.length === 0 ? para('本单位台账各行均已计入考核。') : para(`以下 ${m.excluded.length} 个项目因填报错误未计入本月考核，改正后下次考核自动计入。${escapeHtml(costSentence(m))}`) + table(
    [{ label: '项目' }, { label: '要修改的单元格与改法' }],
    bad.map((r) => [
      `<b>${cellHtml(r.projectName || '（未填项目名称）')}</b><br>${small(`${cellHtml(r.projectId || '无编号')} · 第 ${r.row} 行`)}`,
      r.problems.map((p) => `<b>${cellHtml(p.cell)}</b> ${escapeHtml(p.field)}${p.value ? ` 填报值“${cellHtml(p.value)}”` : '（空白）'}：${colored(escapeHtml(p.problem), COLOR.bad)}<br>${small(escapeHtml(p.fix))}`).join('<br>'),
    ]),
  ) + (badMore ? note(badMore) : '') + unrecognisedHtml(m)));

  return page({ title, subtitle: subtitle(m), preheader: summary(m), body: parts.join(''), footer: footer(m, filename) });
}

/** 未认定、未计入 (参数.仅计认定项目 = 是): the rows that count nowhere until recognised. */
function unrecognisedText(m: UnitReportModel): string {
  const rows = m.unrecognised ?? [];
  return rows.length === 0 ? '' : `未认定、未计入（${rows.length} 个，认定后自动计入）：${rows.map((r) => `${t(r.projectName)}（${t(r.projectId)}）`).join('、')}`;
}

function unrecognisedHtml(m: UnitReportModel): string {
  const rows = m.unrecognised ?? [];
  return rows.length === 0 ? '' : para(`${colored('未认定、未计入', COLOR.bad, true)}（${rows.length} 个，认定后自动计入）：${rows.map((r) => `${cellHtml(r.projectName)}（${cellHtml(r.projectId)}）`).join('、')}`);
}

function unitText(m: UnitReportModel, title: string, filename: string): string {
  const lines = [...textTitle(title, subtitle(m))];
  let n = 0;
  const h = (text: string) => `${NUMBERS[n++] ?? ''}、${text}`;
  lines.push(...textSection(h('考核结果'), [summary(m)]));
  lines.push(...textSection(h('逐项得分'), [
    ...m.lines.map((l) => `${l.name}：得分 ${pts(l.score)}${l.possible > 0 ? ` / 满分 ${pts(l.possible)}` : ''}，失分 ${pts(l.lost)}（${[lineDetail(l), howScored(l), yardsticks(m, l)].filter(Boolean).join('；')}）`),
    ...(m.adjustments.length > 0 ? [`加减分：${signedPts(m.adjustment)}（${m.adjustments.map((a) => `${a.month.month}月 ${a.kind === '加减分' ? signedPts(a.points) : a.kind} ${t(a.reason)}`).join('；')}）`] : []),
    `总分：${pts(m.me.total)}`,
  ]));
  const targets = targetLines(m);
  if (targets.length > 0) {
    lines.push(...textSection(h('序时进度'), targets.map((l) => {
      const progress = l.actual / (l.target ?? 1);
      const pace = paceOf(l, m.pace);
      return `${l.name}：${valueText(l.actual, l.valueUnit)} / 年度目标 ${valueText(l.target ?? 0, l.valueUnit)}，完成 ${pct(progress)}，序时进度 ${pct(pace)}，${gapText(progress, pace)}`;
    })));
  }
  lines.push(...textSection(h(`${t(m.unit.group)}排名`), rankingText(m.groupRanking).map((l, i) => (m.groupRanking[i]?.name === m.unit.name ? `${l}  ← 本单位` : l))));
  const trend = m.trend.filter((p) => p.total !== undefined);
  if (trend.length > 1) lines.push(...textSection(h('今年以来得分走势'), [trend.map((p) => `${p.month}月 ${pts(p.total ?? 0)}（第 ${p.groupRank ?? '-'} 名）`).join('，')]));
  lines.push(...textSection(h('预警'), m.warnings.length === 0 ? ['本月无预警。'] : m.warnings.map((w) => `[${w.level}] ${w.kind}${w.projectId ? ` ${t(w.projectName)}（${t(w.projectId)}）` : ''}：${w.detail}`)));
  lines.push(...textSection(h('未计入考核的项目'), (m.excluded.length === 0 ? ['本单位台账各行均已计入考核。'] : [...(costSentence(m) ? [costSentence(m)] : []), ...m.excluded.flatMap((r) => [
    `${t(r.projectName || '（未填项目名称）')}（${t(r.projectId || '无编号')}，第 ${r.row} 行）`,
    ...r.problems.map((p) => `  ${t(p.cell)} ${p.field}${p.value ? ` 填报值“${t(p.value)}”` : '（空白）'}：${p.problem}。${p.fix}`),
  ])]).concat(unrecognisedText(m) ? [unrecognisedText(m)] : [])));
  lines.push(footer(m, filename));
  return textOf(lines);
}

