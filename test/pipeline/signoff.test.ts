import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKED_EXAMPLE_NOW } from '../support/worked-example.js';
import { robotBook, startHarness, type Harness } from './robot-support.js';

let h: Harness;
afterEach(async () => { await h.close(); });

const LATER = new Date(WORKED_EXAMPLE_NOW.getTime() + 3_600_000);
const BULLETIN = '示例市招商引资工作月度通报（2026年6月）';
const REVIEW = '示例市招商引资工作季度讲评（2026年第二季度）';
const LEADERS = ['mayor@example.gov.cn', 'zhaoshang@example.gov.cn'];

const subjectsTo = (h: Harness, address: string, from = 0) => h.sink.received.slice(from).filter((m) => m.envelopeTo.includes(address)).map((m) => m.parsed.subject ?? '');

async function changeLedger(harness: Harness, amount: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(harness.path);
  const ws = wb.getWorksheet('台账-甲县')!;
  const header = (ws.getRow(1).values as unknown[]).map(String);
  ws.getRow(2).getCell(header.indexOf('6月到位(万元)')).value = amount;
  await wb.xlsx.writeFile(harness.path);
}

async function withDraftSent(): Promise<Harness> {
  const harness = await startHarness(robotBook({ 通报审核: '是' }));
  await harness.monthly();
  return harness;
}

describe('leader sign-off with 通报审核 = 是', () => {
  it('when the month closes, then the bulletin and review go to the admins only as a marked 送审稿, unit reports go out, and 待审核 is recorded', async () => {
    h = await withDraftSent();
    expect(subjectsTo(h, 'admin@example.gov.cn').sort()).toEqual([`【送审稿·请审核】${BULLETIN}`, `【送审稿·请审核】${REVIEW}`].sort());
    const draft = h.sink.received.find((m) => m.parsed.subject === `【送审稿·请审核】${BULLETIN}`)!;
    expect(draft.envelopeTo).toEqual(['admin@example.gov.cn']);
    expect(draft.parsed.html).toContain('送审稿 · 请审核 · 请勿转发');
    expect(draft.parsed.text).toContain('在台账“审核”页新增一行');
    expect(subjectsTo(h, 'mayor@example.gov.cn')).toEqual([]);
    expect(h.ding.posted).toEqual([]);
    expect(h.wecom.posted).toHaveLength(2); // unit reports need no sign-off
    expect(subjectsTo(h, 'jia-leader@example.gov.cn')).toHaveLength(1);
    const log = await h.sendLog();
    expect(log).toEqual(expect.arrayContaining(['月度通报  待审核', '季度讲评  待审核']));
    const runs = await h.tab('运行记录');
    expect(String(runs.at(-1)?.[5])).toContain('等待审核：月度通报（待审核）、季度讲评（待审核）');
  });

  it('when no 管理员邮箱 is set, then the bulletin is still held and 运行记录 says the 送审稿 cannot go out', async () => {
    h = await startHarness(robotBook({ 通报审核: '是', 管理员邮箱: '' }));
    await h.monthly();
    expect(subjectsTo(h, 'mayor@example.gov.cn')).toEqual([]);
    expect(String((await h.tab('运行记录')).at(-1)?.[5])).toContain('“参数”页的管理员邮箱为空，送审稿无法发出');
  });

  it('when nobody has decided yet, then the validation run sends nothing', async () => {
    h = await withDraftSent();
    const count = h.sink.received.length;
    await h.validate(LATER);
    expect(h.sink.received).toHaveLength(count);
  });

  it('when an admin types 同意, then the next validation run sends the bulletin to every recipient and robot once; a second 同意 or a rerun sends nothing', async () => {
    h = await withDraftSent();
    const count = h.sink.received.length;
    await h.addSignoffRow(['2026-06', null, '同意', '王局长']);
    const approved = await h.validate(LATER);
    expect(approved.failure).toBeUndefined();
    for (const leader of LEADERS) expect(subjectsTo(h, leader, count).sort()).toEqual([BULLETIN, REVIEW].sort());
    expect(h.ding.posted.map((p) => p.title)).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评']);
    expect(await h.sendLog()).toEqual(expect.arrayContaining(['月度通报 mayor@example.gov.cn 已发送', '月度通报 钉钉:市招商工作群 已发送', '月度通报  已审核']));

    const after = h.sink.received.length;
    const posts = h.ding.requests.length;
    await h.addSignoffRow(['2026-06', '月度通报', '同意', '李主任']);
    await h.validate(new Date(LATER.getTime() + 3_600_000));
    await h.monthly();
    expect(h.sink.received).toHaveLength(after);
    expect(h.ding.requests).toHaveLength(posts);
  });

  it('when the approved bulletin went out and the ledger changes later, then a monthly rerun neither re-sends it nor re-submits it', async () => {
    h = await withDraftSent();
    await h.addSignoffRow(['2026-06', null, '同意', '王局长']);
    await h.validate(LATER);
    const count = h.sink.received.length;
    await changeLedger(h, 2500);
    await h.monthly(new Date(LATER.getTime() + 86_400_000));
    expect(h.sink.received.slice(count).map((m) => m.parsed.subject)).toEqual([]);
  });

  it('when an admin types 退回 with a note, then nothing goes to leaders or groups, the admins are told once, and the review stays pending', async () => {
    h = await withDraftSent();
    const count = h.sink.received.length;
    await h.addSignoffRow(['2026-06', '月度通报', '退回', '王局长', '甲县目标录错了']);
    await h.validate(LATER);
    await h.validate(new Date(LATER.getTime() + 3_600_000));
    const fresh = h.sink.received.slice(count);
    expect(fresh.map((m) => [m.envelopeTo, m.parsed.subject])).toEqual([[['admin@example.gov.cn'], '【示例市招商引资台账】2026-06 月度通报已被退回（王局长）']]);
    expect(fresh[0]!.parsed.text).toContain('甲县目标录错了');
    expect(h.ding.posted).toEqual([]);
  });

  it('when the ledger changes between the 送审稿 and 同意, then the changed bulletin is not sent but re-submitted, and only a 同意 below it sends it', async () => {
    h = await withDraftSent();
    const count = h.sink.received.length;
    await changeLedger(h, 2500);
    await h.addSignoffRow(['2026-06', null, '同意', '王局长']);

    await h.validate(LATER);
    expect(subjectsTo(h, 'mayor@example.gov.cn', count)).toEqual([]);
    const redraft = h.sink.received.slice(count).filter((m) => m.parsed.subject === `【送审稿·请审核】${BULLETIN}`);
    expect(redraft).toHaveLength(1);
    expect(redraft[0]!.parsed.text).toContain('台账数据在上一稿之后有变化');

    await h.addSignoffRow(['2026-06', null, '同意', '王局长']);
    await h.validate(new Date(LATER.getTime() + 3_600_000));
    expect(subjectsTo(h, 'mayor@example.gov.cn', count).sort()).toEqual([BULLETIN, REVIEW].sort());
  });
});
