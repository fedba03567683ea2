import { describe, expect, it } from 'vitest';
import { readSendLog, type Cell } from '../../functions/core/index.js';
import { DEAD_RUN_NOTE, channelOf, decide, foldSendLog, latestStates } from '../../functions/pipeline/send-state.js';

const HEADER = ['月份', '报告', '收件人', '状态', 'Message-ID', '时间', '说明'];
const row = (to: string, status: string, note: string | null = null, id = '<m1@x>'): Cell[] => ['2026-06', '月度通报', to, status, id, '2026-07-01 06:00', note];

describe('the state of a delivery in 发送记录', () => {
  it.each([
    ['nothing recorded', [], false, 'send'],
    ['已发送', ['已发送'], false, 'already-sent'],
    ['失败 (a definite answer)', ['失败'], false, 'send'],
    ['发送中 left by a dead run', ['发送中'], false, 'unknown'],
    ['状态未知', ['状态未知'], false, 'unknown'],
    ['状态未知, resend asked for', ['状态未知'], true, 'send'],
    ['失败 then 已发送', ['失败', '已发送'], false, 'already-sent'],
    ['已发送 after an operator resend of 状态未知', ['状态未知', '已发送'], true, 'already-sent'],
  ] as const)('when the latest rows are %s, then the run decides it', (_, statuses, resend, expected) => {
    const log = readSendLog([HEADER, ...statuses.map((s) => row('A@x.cn', s))]);
    expect(decide(latestStates(log, '2026-06').get('2026-06\u0000月度通报\u0000a@x.cn'), resend)).toBe(expected);
  });

  it.each([
    ['mayor@example.gov.cn', '邮件'],
    ['钉钉:市招商工作群', '钉钉'],
    ['企业微信：县招商群', '企业微信'],
  ])('when the recipient is %s, then the channel is %s', (recipient, channel) => {
    expect(channelOf(recipient)).toBe(channel);
  });
});

describe('folding 发送记录 after a run', () => {
  it('when an intent is followed by its outcome, then the outcome takes the intent’s row', () => {
    const grid = foldSendLog([HEADER, row('a@x.cn', '已发送', 'ok', '<m0@x>')], [row('b@x.cn', '发送中'), row('c@x.cn', '发送中'), row('b@x.cn', '已发送', '250 OK'), row('c@x.cn', '失败', '550 no such user')]);
    expect(grid.slice(1).map((r) => [r[2], r[3], r[6]])).toEqual([['a@x.cn', '已发送', 'ok'], ['b@x.cn', '已发送', '250 OK'], ['c@x.cn', '失败', '550 no such user']]);
  });

  it('when an intent has no outcome (the run died), then it becomes 状态未知 with the advice', () => {
    const grid = foldSendLog([HEADER, row('a@x.cn', '发送中')], []);
    expect(grid.slice(1).map((r) => [r[3], r[6]])).toEqual([['状态未知', DEAD_RUN_NOTE]]);
    expect(DEAD_RUN_NOTE).toContain('--resend-unknown');
  });

  it('when an old 失败 row is retried, then both outcomes stay: one row per attempt', () => {
    const grid = foldSendLog([HEADER, row('a@x.cn', '失败', '451')], [row('a@x.cn', '发送中'), row('a@x.cn', '已发送', '250')]);
    expect(grid.slice(1).map((r) => r[3])).toEqual(['失败', '已发送']);
  });

  it('when a journal repeats an intent the tab already has, then one outcome row remains', () => {
    const grid = foldSendLog([HEADER, row('a@x.cn', '发送中')], [row('a@x.cn', '已发送', '250')]);
    expect(grid.slice(1).map((r) => r[3])).toEqual(['已发送']);
  });
});
