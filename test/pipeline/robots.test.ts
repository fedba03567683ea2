import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './robot-support.js';

let h: Harness;
afterEach(async () => { await h.close(); });

const robotRows = (log: string[]) => log.filter((r) => / (钉钉|企业微信):/.test(r));

describe('robot deliveries through the one send log', () => {
  it('when the month closes, then each robot gets one signed, size-limited message per report and 发送记录 lists every channel', async () => {
    h = await startHarness();
    const summary = await h.monthly();
    expect(summary.failure).toBeUndefined();
    expect(h.ding.posted.map((p) => p.title)).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评']);
    // The loopback robot checks the 加签 signature of every request: a bad one would be 310000, not posted.
    expect(h.ding.requests.every((r) => r.url.searchParams.get('sign') !== null)).toBe(true);
    expect(h.ding.requests.every((r) => Buffer.byteLength(r.raw) <= 20_000)).toBe(true);
    expect(h.wecom.posted.map((p) => [p.key, p.content.split('\n')[0]]).sort()).toEqual([['key-jia', '#### 甲县2026年6月招商引资考核月报'], ['key-yi', '#### 乙县2026年6月招商引资考核月报']]);
    expect(h.wecom.posted.every((p) => Buffer.byteLength(p.content) <= 4096)).toBe(true);
    expect(h.sink.received).toHaveLength(5); // mail as before: 通报, 讲评, 3 单位月报 (each to its own addresses)
    const log = await h.sendLog();
    expect(robotRows(log).sort()).toEqual([
      '单位月报:乙县 企业微信:乙县招商专班 已发送', '单位月报:甲县 企业微信:甲县招商专班 已发送', '季度讲评 钉钉:市招商工作群 已发送', '月度通报 钉钉:市招商工作群 已发送',
    ]);
    expect(log).toContain('月度通报 mayor@example.gov.cn 已发送');
  });

  it('when the month runs again, then no robot posts twice', async () => {
    h = await startHarness();
    await h.monthly();
    const before = h.ding.requests.length + h.wecom.requests.length;
    const again = await h.monthly();
    expect(again.delivery).toMatchObject({ sent: 0, failed: 0 });
    expect(h.ding.requests.length + h.wecom.requests.length).toBe(before);
  });

  it('when the city robot answers 130101 once, then the run waits and posts it once, in the same run', async () => {
    h = await startHarness();
    h.ding.inject('rate-limit');
    const summary = await h.monthly();
    expect(summary.failure).toBeUndefined();
    expect(h.ding.posted.map((p) => p.title)).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评']);
    expect(h.ding.requests).toHaveLength(3);
  });

  it('when the city robot stays rate-limited through the run, then it is 失败 (not posted), the mail still goes, and the next run posts it once', async () => {
    h = await startHarness();
    h.ding.inject('rate-limit', 3);
    const first = await h.monthly();
    expect(first.failure?.code).toBe('DELIVERY_FAILED');
    expect(h.sink.received.map((m) => m.parsed.subject)).toContain('示例市招商引资工作月度通报（2026年6月）');
    expect(await h.sendLog()).toContain('月度通报 钉钉:市招商工作群 失败');
    expect(h.ding.posted.map((p) => p.title)).toEqual(['示例市2026年第二季度招商引资讲评']);
    const mails = h.sink.received.length;
    const second = await h.monthly();
    expect(second.failure).toBeUndefined();
    expect(h.ding.posted.map((p) => p.title).sort()).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评'].sort());
    // The only new mail is the admins' notice that a delivery went out late.
    expect(h.sink.received.slice(mails).map((m) => m.envelopeTo)).toEqual([['admin@example.gov.cn']]);
  });

  it('when a unit group’s WeCom robot was deleted (93000), then only its digest fails, every mail still goes out, and the run fails loudly', async () => {
    h = await startHarness(undefined, ['key-yi']);
    const summary = await h.monthly();
    expect(h.sink.received.filter((m) => !m.envelopeTo.includes('admin@example.gov.cn'))).toHaveLength(5);
    expect(await h.sendLog()).toContain('单位月报:甲县 企业微信:甲县招商专班 失败');
    expect(summary.failure?.message).toMatch(/errcode 93000/);
    expect(h.ding.posted).toHaveLength(2);
  });

  it('when the city robot drops the connection, then that delivery is 状态未知 and the next run does not post it again', async () => {
    h = await startHarness();
    h.ding.inject('drop');
    await h.monthly();
    expect(await h.sendLog()).toContain('月度通报 钉钉:市招商工作群 状态未知');
    const requests = h.ding.requests.length;
    await h.monthly();
    expect(h.ding.requests).toHaveLength(requests);
  });
});
