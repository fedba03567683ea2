import { describe, expect, it } from 'vitest';
import { DEFAULT_METHOD, bookTabs, findingMessage, parseAdmin, parseSignoffs, sentDrafts, signoffAction, signoffState, SIGNOFF_TAB, type Cell, type SentDraft } from '../../functions/core/index.js';

const HEADER = SIGNOFF_TAB.columns.map((c) => c.header);
const june = { year: 2026, month: 6 };
const tab = (...rows: Cell[][]) => [HEADER, ...rows];

describe('审核 tab → where each report of a month stands', () => {
  it.each([
    ['no 审核 tab', undefined, '月度通报', { status: '待审核' }],
    ['an empty tab', tab(), '月度通报', { status: '待审核' }],
    ['同意 for the month (报告 blank)', tab(['2026-06', null, '同意', '王局长']), '季度讲评', { status: '同意', by: '王局长', row: 2 }],
    ['同意 for the bulletin only', tab(['2026-06', '月度通报', '同意', '王局长']), '季度讲评', { status: '待审核' }],
    ['同意 for another month', tab(['2026-05', null, '同意', '王局长']), '月度通报', { status: '待审核' }],
    ['退回 with a note', tab(['2026-06', '月度通报', '退回', '王局长', '温县目标录错了']), '月度通报', { status: '退回', by: '王局长', note: '温县目标录错了', row: 2 }],
    ['退回 and later 同意', tab(['2026-06', null, '退回', '王局长', '改目标'], ['2026-06', null, '同意', '王局长']), '月度通报', { status: '同意', by: '王局长', row: 3 }],
    ['同意 and later 退回', tab(['2026-06', null, '同意', '王局长'], ['2026-06', '月度通报', '退回', '李主任', '再核']), '月度通报', { status: '退回', by: '李主任', note: '再核', row: 3 }],
    ['a month typed as a date (Excel turned 2026-06 into 1 June)', tab([new Date(Date.UTC(2026, 5, 1)), null, '同意', '王局长']), '月度通报', { status: '同意', by: '王局长', row: 2 }],
    ['full-width text', tab(['２０２６－０６', '月度通报', ' 同意 ', '王局长']), '月度通报', { status: '同意', by: '王局长', row: 2 }],
    ['two 同意 rows (a second approval)', tab(['2026-06', null, '同意', '王局长'], ['2026-06', null, '同意', '王局长']), '月度通报', { status: '同意', by: '王局长', row: 3 }],
  ])('when the tab has %s, then %s of June is as expected', (_case, grid, report, expected) => {
    expect(signoffState(parseSignoffs(grid), june, report as '月度通报')).toEqual(expected);
  });
});

describe('rows that cannot count are findings on their cells', () => {
  it.each([
    ['月份 blank', ['', null, '同意', '王局长'], '【审核 A2 月份】错误：月份未填写，本行不生效'],
    ['月份 unreadable', ['六月', null, '同意', '王局长'], '【审核 A2 月份】错误：无法识别为月份，本行不生效，填报值“六月”。请写成 2026-06 的形式'],
    ['报告 unknown', ['2026-06', '单位月报', '同意', '王局长'], '【审核 B2 报告】错误：不是需要审核的报告，本行不生效，填报值“单位月报”。请填写 月度通报、季度讲评、年度总评 之一'],
    ['结论 blank', ['2026-06', null, '', '王局长'], '【审核 C2 结论】错误：结论未填写，本行不生效'],
    ['结论 not 同意/退回', ['2026-06', null, '通过', '王局长'], '【审核 C2 结论】错误：结论只能是“同意”或“退回”，本行不生效，填报值“通过”'],
    ['审核人 blank', ['2026-06', null, '同意', ''], '【审核 D2 审核人】错误：审核人未填写，本行的“同意”不生效'],
  ])('when %s, then the row does not count and the finding names the cell and the fix', (_case, row, message) => {
    const signoffs = parseSignoffs(tab(row as Cell[]));
    expect(signoffState(signoffs, june, '月度通报')).toEqual({ status: '待审核' });
    expect(signoffs.findings).toHaveLength(1);
    expect(findingMessage(signoffs.findings[0]!)).toContain(message);
  });

  it('when 退回 has no 意见, then it still holds the report back and a reminder asks for the note', () => {
    const signoffs = parseSignoffs(tab(['2026-06', null, '退回', '王局长']));
    expect(signoffState(signoffs, june, '月度通报')).toMatchObject({ status: '退回', note: '' });
    expect(signoffs.findings.map((f) => [f.level, f.cell, f.field])).toEqual([['提醒', 'E2', '意见']]);
  });

  it('when the 结论 header was renamed, then the tab is a structure problem naming it', () => {
    const grid = tab(['2026-06', null, '同意', '王局长']);
    grid[0] = HEADER.map((h) => (h === '结论' ? '审核结论' : h));
    const signoffs = parseSignoffs(grid);
    expect(signoffs.structure.map((p) => p.message).join('\n')).toContain('结论');
  });
});

describe('参数 通报审核', () => {
  it.each([
    ['否', false, 0],
    ['', false, 0],
    ['是', true, 0],
    ['需要', true, 1],
  ])('when 通报审核 is “%s”, then sign-off is required: %s (%i findings)', (value, required, count) => {
    const admin = parseAdmin(bookTabs({ settings: { 年度: 2026, 城市: '焦作市', 通报审核: value }, units: [{ name: '温县', group: '县市组' }], method: DEFAULT_METHOD, targets: {} }));
    expect(admin.settings.signoffRequired).toBe(required);
    const mine = admin.findings.filter((f) => f.field === '通报审核');
    expect(mine).toHaveLength(count);
    if (count > 0) expect(findingMessage(mine[0]!)).toContain('【参数 B17 通报审核】错误：只能填“是”或“否”，暂按“是”处理，填报值“需要”。请填写 是 或 否');
  });
});

describe('what a run does with each report', () => {
  const approved = parseSignoffs(tab(['2026-06', null, '同意', '王局长']));
  const returned = parseSignoffs(tab(['2026-06', '月度通报', '退回', '王局长', '温县目标录错了']));
  const none = parseSignoffs(undefined);
  const reviewed = [{ fingerprint: 'abc', mark: 0, time: '2026-07-01 06:00' }];
  const stale = [{ fingerprint: 'old', mark: 0, time: '2026-07-01 06:00' }];
  const after = [{ fingerprint: 'abc', mark: 2, time: '2026-07-01 09:00' }];
  type Case = [string, boolean, string, ReturnType<typeof parseSignoffs>, SentDraft[], { delivered?: boolean; approvalsOnly?: boolean }, unknown];
  it.each<Case>([
    ['通报审核 否, nothing in 审核', false, '月度通报', none, [], {}, { action: 'send' }],
    ['通报审核 是, nothing in 审核: the monthly run', true, '月度通报', none, [], {}, { action: 'draft', sendKey: '送审稿:月度通报#abc@0', mark: 0, changed: false }],
    ['通报审核 是, nothing in 审核: the validation run', true, '月度通报', none, reviewed, { approvalsOnly: true }, { action: 'hold', reason: '待审核' }],
    ['同意 below the 送审稿 of these figures', true, '季度讲评', approved, reviewed, { approvalsOnly: true }, { action: 'send', approvedBy: '王局长', row: 2 }],
    ['同意 below a 送审稿 of other figures', true, '月度通报', approved, stale, { approvalsOnly: true }, { action: 'draft', sendKey: '送审稿:月度通报#abc@2', mark: 2, changed: true }],
    ['同意 above the only 送审稿 of these figures', true, '月度通报', approved, after, { approvalsOnly: true }, { action: 'hold', reason: '待审核' }],
    ['同意, other figures, but the report already went out', true, '月度通报', approved, stale, { delivered: true }, { action: 'hold', reason: '已按审核发出，重算结果不再发送' }],
    ['退回 of the 送审稿 of these figures', true, '月度通报', returned, reviewed, {}, { action: 'returned', sendKey: '退回:月度通报#2', by: '王局长', note: '温县目标录错了', row: 2 }],
    ['退回, then a monthly run with corrected figures', true, '月度通报', returned, stale, {}, { action: 'returned', sendKey: '退回:月度通报#2', by: '王局长', note: '温县目标录错了', row: 2, redraft: { sendKey: '送审稿:月度通报#abc@2', mark: 2 } }],
    ['退回 of the bulletin only', true, '年度总评', returned, [], {}, { action: 'draft', sendKey: '送审稿:年度总评#abc@0', mark: 0, changed: false }],
    ['a 单位月报', true, '单位月报:温县', none, [], {}, { action: 'send' }],
    ['通报审核 否, but 同意 typed anyway', false, '月度通报', approved, [], {}, { action: 'send' }],
  ])('when %s, then the report is sent, drafted, returned or held as the table says', (_case, required, report, signoffs, drafts, flags, expected) => {
    expect(signoffAction({ required, report, month: june, signoffs, drafts, fingerprint: 'abc', delivered: flags.delivered ?? false, approvalsOnly: flags.approvalsOnly ?? false })).toEqual(expected);
  });

  it('when the send log holds 送审稿 keys, then each distinct one is read back with its fingerprint and mark', () => {
    const rows = [
      { report: '送审稿:月度通报#abc@0', time: '2026-07-01 06:00' }, { report: '送审稿:月度通报#abc@0', time: '2026-07-01 06:01' },
      { report: '送审稿:月度通报#def@3', time: '2026-07-02 09:00' }, { report: '送审稿:季度讲评#abc@0', time: '2026-07-01 06:00' }, { report: '月度通报', time: '2026-07-02 10:00' },
    ];
    expect(sentDrafts(rows, '月度通报')).toEqual([{ fingerprint: 'abc', mark: 0, time: '2026-07-01 06:00' }, { fingerprint: 'def', mark: 3, time: '2026-07-02 09:00' }]);
  });
});
