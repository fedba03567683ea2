import { marked } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkRobot } from '../../functions/channels/dingtalk.js';
import { dispatch } from '../../functions/channels/dispatch.js';
import { byteLength } from '../../functions/channels/markdown.js';
import { createWeComRobot } from '../../functions/channels/wecom.js';
import { WEEKLY_TAB, assessMonth, bookTabs, readWeeklyRecords, type BookDef } from '../../functions/core/index.js';
import { fitDigest, monthDigests } from '../../templates/robot/index.js';
import { startDingTalkServer } from '../support/robots/dingtalk-server.js';
import { startWeComServer } from '../support/robots/wecom-server.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';
import { GENERATED_NOW, generatedCity } from '../templates/support/generated-city.js';
import { virtualClock } from './support.js';

function digestsOf(book: BookDef, now: Date) {
  const tabs = bookTabs(book);
  return monthDigests(assessMonth(tabs, { year: 2026, month: 6 }, now), now, { weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)) });
}

const wecomFits = (markdown: string) => byteLength(markdown) <= 4096;

describe('robot digests of the worked example', () => {
  const digests = digestsOf(WORKED_EXAMPLE, WORKED_EXAMPLE_NOW);

  it('when June (a quarter end) is assessed, then there are digests of the 月度通报, each 单位月报 and the 季度讲评, keyed like the mail', () => {
    expect(digests.map((d) => d.key)).toEqual(['月度通报', '单位月报:甲县', '单位月报:乙县', '单位月报:丙区', '季度讲评']);
  });

  it('when the 季度讲评 digest is read, then it has the quarter’s figures and each group’s movement', () => {
    const { markdown } = fitDigest(digests[4]!, wecomFits);
    expect(markdown.split('\n')[0]).toBe('#### 示例市2026年第二季度招商引资讲评');
    expect(markdown).toContain('**本季度**\n\n- 本季度到位资金：');
    expect(markdown).toMatch(/\*\*县市组排名\*\*\n\n1\. 乙县 94\.50 分/);
    expect(markdown.endsWith('已发至通报收件人邮箱。')).toBe(true);
  });

  it('when December is assessed, then the 年度总评 digest has the final ranking with 等次 and the 等次 counts', () => {
    const newYear = new Date('2026-12-31T22:00:00Z');
    const december = monthDigests(assessMonth(bookTabs(WORKED_EXAMPLE), { year: 2026, month: 12 }, newYear), newYear);
    const annual = december.find((d) => d.key === '年度总评')!;
    const { markdown } = fitDigest(annual, wecomFits);
    expect(markdown.split('\n')[0]).toBe('#### 示例市2026年度招商引资考评总评');
    expect(markdown).toMatch(/^> 等次：优秀 \d+ 个/m);
    expect(markdown).toMatch(/\*\*城区组年度排名\*\*\n\n1\. 丙区 /);
  });

  it('when the 月度通报 digest is read, then it has the title, city figures, every group’s ranking with 等次, the lights and the pointer', () => {
    const { markdown } = fitDigest(digests[0]!, wecomFits);
    expect(markdown.split('\n')[0]).toBe('#### 示例市2026年6月招商引资考评通报');
    expect(markdown).toContain('**全市指标**\n\n- 到位资金：');
    expect(markdown).toMatch(/\*\*县市组排名\*\*\n\n1\. \S+ \d+\.\d\d 分 .*\n2\. /);
    expect(markdown).toMatch(/\*\*城区组排名\*\*\n\n1\. 丙区 \d+\.\d\d 分/);
    expect(markdown).toContain('**预警**');
    expect(markdown.endsWith('完整通报（含各单位得分明细、预警清单和 Excel 附件）已发至通报收件人邮箱。')).toBe(true);
    expect(markdown).not.toContain('篇幅所限');
  });

  it('when a unit’s digest is read, then its own line in the group ranking is bold', () => {
    const { markdown } = fitDigest(digests[1]!, wecomFits);
    expect(markdown).toMatch(/^\d\. \*\*甲县\*\* /m);
    expect(markdown).toContain('**各项得分**\n\n- 到位资金：');
  });
});

const HOSTILE = '*重点*[温县](http://x.example)<script>';

/** The generated city with its first unit renamed to something hostile. */
function hostileCity(count: number): BookDef {
  const book = generatedCity(count);
  const old = book.units[0]!.name;
  const rename = <T>(record: Readonly<Record<string, T>> | undefined) => record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k === old ? HOSTILE : k, v]));
  return { ...book, units: book.units.map((u, i) => (i === 0 ? { ...u, name: HOSTILE, tab: '台账-1' } : u)), targets: rename(book.targets)!, ledgers: rename(book.ledgers) };
}

describe('robot digests of a large city with hostile names', () => {
  const digests = digestsOf(hostileCity(120), GENERATED_NOW);

  it('when the 月度通报 of 120 units is fitted to WeCom, then the compact form keeps every section within 4096 bytes', () => {
    const { markdown } = fitDigest(digests[0]!, wecomFits);
    expect(byteLength(markdown)).toBeLessThanOrEqual(4096);
    expect(markdown).toContain('- ……（本组共 48 个单位）');
    for (const heading of ['**全市指标**', '**县市组排名**', '**城区组排名**', '**开发区组排名**', '**预警**']) expect(markdown).toContain(heading);
    expect(markdown.endsWith('\n\n完整通报（含各单位得分明细、预警清单和 Excel 附件）已发至通报收件人邮箱。')).toBe(true);
  });

  it('when even the compact form is too long, then it is cut at a line and still says where the full report is', () => {
    const { markdown } = fitDigest(digests[0]!, (text) => byteLength(text) <= 1000);
    expect(byteLength(markdown)).toBeLessThanOrEqual(1000);
    expect(markdown.endsWith('\n\n……篇幅所限，以下从略。完整通报（含各单位得分明细、预警清单和 Excel 附件）已发至通报收件人邮箱。')).toBe(true);
  });

  it('when the city is small enough, then the full ranking is sent, not the compact one', () => {
    const { markdown } = fitDigest(digests[0]!, () => true);
    expect(markdown).not.toContain('本组共');
    expect(markdown.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(120);
  });

  it('when any digest is rendered as Markdown, then a hostile name yields no tag, link or image', () => {
    for (const d of digests.slice(0, 3)) {
      const html = marked.parse(fitDigest(d, () => true).markdown, { async: false });
      expect(html).not.toMatch(/<(script|a|img|font|table)\b/);
    }
    const markdown = digests.map((d) => fitDigest(d, () => true).markdown).join('\n');
    expect(markdown).toContain('\\*重点\\*\\[温县\\]\\(http:\\/\\/x.example\\)＜script＞');
    expect(digests[1]!.title).toBe(`${HOSTILE}2026年6月招商引资考核月报`);
  });

  it('when every digest goes to a DingTalk and a WeCom robot, then each is accepted once and the robots’ size checks pass', async () => {
    const clock = virtualClock();
    const ding = await startDingTalkServer([{ token: 't', secret: 'SECx' }], { now: clock.now });
    const wecom = await startWeComServer(['k'], { now: clock.now });
    try {
      const dingRobot = createDingTalkRobot({ group: '市招商工作群', url: ding.webhook('t'), secret: 'SECx', now: clock.now });
      const wecomRobot = createWeComRobot({ group: '专班', url: wecom.webhook('k') });
      const few = digests.slice(0, 25);
      const options = { clock, deadline: clock.now() + 540_000 };
      const [a, b] = await Promise.all([
        dispatch(dingRobot, few.map((d) => fitDigest(d, dingRobot.fits)), options),
        dispatch(wecomRobot, few.map((d) => fitDigest(d, wecomRobot.fits)), options),
      ]);
      expect([...a, ...b].every((d) => d.result.kind === 'sent')).toBe(true);
      expect(ding.posted.map((p) => p.title)).toEqual(few.map((d) => d.title));
      expect(wecom.posted).toHaveLength(25);
    } finally {
      await ding.close();
      await wecom.close();
    }
  });
});

describe('a unit in a long group', () => {
  it('when its group has 48 units, then the digest shows the top three and its neighbours, and fits WeCom whole', () => {
    const digest = digestsOf(generatedCity(120), GENERATED_NOW)[1]!;
    const { markdown } = fitDigest(digest, wecomFits);
    expect(markdown).not.toContain('篇幅所限');
    const ranks = markdown.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => Number(l.split('.')[0]));
    expect(ranks.slice(0, 3)).toEqual([1, 2, 3]);
    expect(ranks.length).toBeLessThanOrEqual(8);
    expect(markdown).toMatch(/^\d+\. \*\*\S+\*\* /m);
    expect(markdown).toContain('- ……');
  });
});
