/** 周上报提醒 → subject, HTML, text and workbook. */
import { formatDay, shanghaiToday } from '../../functions/core/index.js';
import type { WeeklyReminderModel } from '../model/index.js';
import { cellHtml, escapeHtml, oneLine, safeFileName } from '../html/escape.js';
import { deadlineText, shanghaiText } from '../html/format.js';
import { block, colored, note, page, para, section, small, table } from '../html/layout.js';
import { COLOR } from '../html/theme.js';
import { XLSX_TYPE, type RenderedReport } from '../types.js';
import { workbookBuffer } from '../xlsx/workbook.js';
import { fitHtml, head } from './fit.js';
import { excludedSheet } from './sheets.js';
import { t, textOf, textSection, textTitle } from './text.js';

/** Renders one unit's 周上报提醒. */
export async function renderWeeklyReminder(m: WeeklyReminderModel): Promise<RenderedReport> {
  const name = oneLine(m.unit.name);
  const due = deadlineText(m.deadline);
  const title = `${name}台账周上报提醒`;
  const filename = safeFileName(`${name}台账待修改清单-${formatDay(shanghaiToday(m.deadline))}.xlsx`);
  return {
    kind: '周上报提醒', key: `周上报提醒:${m.unit.name}`, to: [...m.to],
    subject: oneLine(`【周上报提醒】${name}：请于${due}前更新台账`),
    html: fitHtml((limit) => reminderHtml(m, title, due, filename, limit)),
    text: reminderText(m, title, due, filename),
    attachments: [{
      filename,
      content: await workbookBuffer([
        { ...excludedSheet(m.errorRows), name: '填报错误' },
        {
          name: '本周未更新',
          freezeColumns: 1,
          columns: [
            { header: '项目编号', kind: 'text', width: 14 }, { header: '项目名称', kind: 'text', width: 28 }, { header: '项目阶段', kind: 'text', width: 9 },
            { header: '最后更新', kind: 'text', width: 12 }, { header: '需填写的单元格', kind: 'text', width: 18 },
          ],
          rows: m.staleRows.map((r) => [r.projectId, r.projectName, r.stage, r.lastUpdated ?? '从未填写', r.cell]),
        },
      ], m.generatedAt),
      contentType: XLSX_TYPE,
    }],
  };
}

function intro(m: WeeklyReminderModel, due: string): string {
  const parts = [`本周台账周上报将于 ${due} 截止`];
  if (m.due > 0) parts.push(`贵单位 ${m.due} 个在推项目中本周已更新 ${m.updated} 个`);
  const todo = [m.errorRows.length > 0 ? ` ${m.errorRows.length} 个项目有填报错误` : '', m.staleRows.length > 0 ? ` ${m.staleRows.length} 个项目本周尚未更新` : ''].filter(Boolean).join('，');
  return `${parts.join('，')}。目前有${todo}，请在截止前按下列单元格修改。`;
}

function footer(m: WeeklyReminderModel, filename: string): string {
  return `本提醒由招商引资台账系统于 ${shanghaiText(m.generatedAt)} 自动发出。有填报错误的项目不计入月度考核；截止时仍有项目未更新，本周计为未按时上报。清单见附件《${filename}》。`;
}

function reminderHtml(m: WeeklyReminderModel, title: string, due: string, filename: string, limit: number): string {
  const parts: string[] = [];
  const n = () => ['一', '二'][parts.length] ?? '';
  if (m.errorRows.length > 0) {
    const { shown, more } = head(m.errorRows, Math.max(limit, 20));
    parts.push(section(`${n()}、填报错误（改正后才计入考核）`, table(
      [{ label: '项目' }, { label: '要修改的单元格与改法' }],
      shown.map((r) => [
        `<b>${cellHtml(r.projectName || '（未填项目名称）')}</b><br>${small(`${cellHtml(r.projectId || '无编号')} · 第 ${r.row} 行`)}`,
        r.problems.map((p) => `<b>${cellHtml(p.cell)}</b> ${escapeHtml(p.field)}${p.value ? ` 填报值“${cellHtml(p.value)}”` : '（空白）'}：${colored(escapeHtml(p.problem), COLOR.bad)}<br>${small(escapeHtml(p.fix))}`).join('<br>'),
      ]),
    ) + (more ? note(more) : '')));
  }
  if (m.staleRows.length > 0) {
    const { shown, more } = head(m.staleRows, Math.max(limit, 20));
    parts.push(section(`${n()}、本周尚未更新的项目`, table(
      [{ label: '项目' }, { label: '最后更新', width: '76' }, { label: '请填写单元格', width: '28%' }],
      shown.map((r) => [`<b>${cellHtml(r.projectName || '（未填项目名称）')}</b><br>${small(`${cellHtml(r.projectId || '无编号')} · ${escapeHtml(r.stage || '阶段未填')}`)}`, r.lastUpdated ? escapeHtml(r.lastUpdated) : colored('从未填写', COLOR.bad), r.address ? `<b>${escapeHtml(r.address)}</b><br>${small(`${cellHtml(r.tab)} · 更新日期`)}` : cellHtml(r.cell)]),
    ) + note(`在推项目（未终止、未达效）每周须更新“进展情况”，并把“更新日期”改为当天日期。${more}`)));
  }
  return page({
    title, subtitle: `${m.city} · 截止 ${due}`, preheader: intro(m, due),
    body: block(para(escapeHtml(intro(m, due)))) + parts.join(''),
    footer: footer(m, filename),
  });
}

function reminderText(m: WeeklyReminderModel, title: string, due: string, filename: string): string {
  const lines = [...textTitle(title, `${m.city} · 截止 ${due}`), intro(m, due), ''];
  if (m.errorRows.length > 0) {
    lines.push(...textSection('一、填报错误（改正后才计入考核）', m.errorRows.flatMap((r) => [
      `${t(r.projectName || '（未填项目名称）')}（${t(r.projectId || '无编号')}，第 ${r.row} 行）`,
      ...r.problems.map((p) => `  ${t(p.cell)} ${p.field}${p.value ? ` 填报值“${t(p.value)}”` : '（空白）'}：${p.problem}。${p.fix}`),
    ])));
  }
  if (m.staleRows.length > 0) {
    lines.push(...textSection(`${m.errorRows.length > 0 ? '二' : '一'}、本周尚未更新的项目`, m.staleRows.map((r) => `${t(r.projectName)}（${t(r.projectId)}）：最后更新 ${r.lastUpdated ?? '从未填写'}，请填写 ${t(r.cell)}`)));
  }
  lines.push(footer(m, filename));
  return textOf(lines);
}
