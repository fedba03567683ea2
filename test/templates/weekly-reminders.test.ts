import { describe, expect, it } from 'vitest';
import { renderWeeklyReminders } from '../../templates/index.js';
import { weeklyReminderModels } from '../../templates/model/index.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { readWorkbook, weekOf } from './support/run.js';

/** The worked example with every row updated on 1 July, so only the row with 错误 needs fixing. */
function upToDate() {
  const ledgers = Object.fromEntries(Object.entries(WORKED_EXAMPLE.ledgers ?? {}).map(([unit, rows]) => [unit, rows.map((r) => ({ ...r, 更新日期: '2026-07-01' }))]));
  return { ...WORKED_EXAMPLE, ledgers };
}

describe('周上报提醒', () => {
  it('when only 丙区 has a row with 错误 and every row is up to date, then only 丙区 is reminded', async () => {
    const { outcome, now } = weekOf(upToDate());
    const reminders = await renderWeeklyReminders(outcome, now);
    expect(reminders.map((r) => r.key)).toEqual(['周上报提醒:丙区']);
    const [bing] = reminders;
    expect(bing?.to).toEqual(['bing@example.gov.cn']);
    expect(bing?.subject).toBe('【周上报提醒】丙区：请于7月3日（周五）17:00前更新台账');
    expect(bing?.text).toContain('台账-丙区!K4 签约日期 填报值“2026-02-30”：日历上没有这一天');
    expect(bing?.text).not.toContain('本周尚未更新的项目');
  });

  it('when rows were not updated in the deadline’s week, then each unit is told which rows and which 更新日期 cell', async () => {
    const { outcome, now } = weekOf(WORKED_EXAMPLE);
    const reminders = await renderWeeklyReminders(outcome, now);
    expect(reminders.map((r) => r.key)).toEqual(['周上报提醒:甲县', '周上报提醒:乙县', '周上报提醒:丙区']);
    const jia = reminders[0];
    expect(jia?.text).toContain('冷链物流园（JX-3）：最后更新 2026-05-01，请填写 台账-甲县!AE4');
    expect(jia?.html).toContain('<b>AE4</b>');
    expect(reminders[2]?.text).toContain('一、填报错误（改正后才计入考核）');
  });

  it('when a unit has nothing to fix, then it gets no reminder', () => {
    const { outcome, now } = weekOf(upToDate());
    expect(weeklyReminderModels(outcome, now).map((m) => m.unit.name)).toEqual(['丙区']);
  });

  it('when a row is 终止, then it is not asked to be updated', () => {
    const { outcome, now } = weekOf(WORKED_EXAMPLE);
    const yi = weeklyReminderModels(outcome, now).find((m) => m.unit.name === '乙县');
    expect(yi?.staleRows.map((r) => r.projectId)).toEqual(['YX-1', 'YX-2', 'YX-3']);
    expect(yi?.to).toEqual(['yi@example.gov.cn']);
  });

  it('when the reminder has a workbook, then it lists the rows to fix with their cells', async () => {
    const { outcome, now } = weekOf(WORKED_EXAMPLE);
    const [jia] = await renderWeeklyReminders(outcome, now);
    const wb = await readWorkbook(jia?.attachments[0]?.content ?? Buffer.alloc(0));
    const sheet = wb.getWorksheet('本周未更新');
    const rows = sheet?.getSheetValues().slice(2).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows).toContainEqual(['JX-3', '冷链物流园', '洽谈', '2026-05-01', '台账-甲县!AE4']);
  });
});
