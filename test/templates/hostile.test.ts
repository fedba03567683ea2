import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BookDef } from '../../functions/core/index.js';
import { renderMonthReports, renderWeeklyReminders } from '../../templates/index.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { cellsWithText, monthOf, readWorkbook, weekOf } from './support/run.js';

const SCRIPT = '<script>alert("x")</script>轴承';
const FORMULA = "=cmd|' /C calc'!A0";
const PLUS = '+SUM(1,2)\n第二行';
const AT = '@SUM(A1)';
const UNIT = '甲县<i>\r\n二';

/** The worked example with hostile names typed into the ledger, the city and a unit. */
function hostileBook(): BookDef {
  const rename: Record<string, string> = { 'JX-2': SCRIPT, 'JX-3': FORMULA, 'BQ-3': PLUS, 'BQ-2': AT };
  const ledgers = Object.fromEntries(Object.entries(WORKED_EXAMPLE.ledgers ?? {}).map(([unit, rows]) => [
    unit === '甲县' ? UNIT : unit,
    rows.map((r) => ({ ...r, 项目名称: rename[String(r.项目编号)] ?? r.项目名称 })),
  ]));
  const swap = (name: string) => (name === '甲县' ? UNIT : name);
  return {
    ...WORKED_EXAMPLE,
    settings: { ...WORKED_EXAMPLE.settings, 城市: '示例市\r\nBcc: evil@example.com' },
    units: WORKED_EXAMPLE.units.map((u) => ({ ...u, name: swap(u.name) })),
    targets: Object.fromEntries(Object.entries(WORKED_EXAMPLE.targets).map(([k, v]) => [swap(k), v])),
    ledgers,
  };
}

const june = monthOf(hostileBook(), 6);
const reports = await renderMonthReports(june.outcome, june.now);
const week = weekOf(hostileBook());
const reminders = await renderWeeklyReminders(week.outcome, week.now);
const all = [...reports, ...reminders];

describe('names typed to break the reports', () => {
  it('when the hostile book is rendered, then every report is there', () => {
    expect(reports.map((r) => r.kind)).toEqual(['月度通报', '单位月报', '单位月报', '单位月报', '季度讲评']);
    expect(reminders.length).toBeGreaterThan(0);
  });

  it('when a city or unit name holds CR/LF, then no subject does', () => {
    for (const r of all) expect(r.subject).not.toMatch(/[\r\n]/);
    expect(reports[0]?.subject).toBe('示例市 Bcc: evil@example.com招商引资工作月度通报（2026年6月）');
    expect(reports[1]?.subject.startsWith('甲县<i> 二招商引资工作考核月报')).toBe(true);
  });

  it('when project names hold HTML, then every HTML shows them escaped and runs nothing', () => {
    const jia = reports.find((r) => r.key === `单位月报:${UNIT}`);
    expect(jia?.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;轴承');
    expect(jia?.html).toContain('=cmd|&#39; /C calc&#39;!A0');
    expect(jia?.html).toContain('甲县&lt;i&gt; 二');
    for (const r of all) {
      expect(r.html).not.toMatch(/<script|<i>/i);
      expect(r.html).not.toContain('alert("x")');
    }
  });

  it('when a name holds line breaks, then the text part keeps it on one line', () => {
    const bing = reports.find((r) => r.key === '单位月报:丙区');
    expect(bing?.text).toContain('+SUM(1,2) 第二行（BQ-3，第 4 行）');
    for (const r of all) expect(r.text).not.toContain('甲县<i>\r\n');
  });

  it.each([
    ['月度通报', FORMULA], ['月度通报', SCRIPT], ['月度通报', PLUS], [`单位月报:${UNIT}`, FORMULA], ['单位月报:丙区', PLUS], ['单位月报:丙区', AT],
  ])('when %s puts %j into its workbook, then the cell is a plain string, not a formula', async (key, name) => {
    const report = all.find((r) => r.key === key);
    const wb = await readWorkbook(report?.attachments[0]?.content ?? Buffer.alloc(0));
    const cells = cellsWithText(wb, name);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(name);
    }
  });

  it('when the workbook is written, then no cell anywhere holds a formula', async () => {
    for (const r of all) {
      const wb = await readWorkbook(r.attachments[0]?.content ?? Buffer.alloc(0));
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    }
  });

  it('when a unit name holds path characters or line breaks, then the attachment name is safe', () => {
    for (const r of all) for (const a of r.attachments) expect(a.filename).not.toMatch(/[\r\n\\/:*?"<>|]/);
  });
});
