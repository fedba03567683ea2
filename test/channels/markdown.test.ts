import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { byteLength, fitMarkdown, mdText } from '../../functions/channels/markdown.js';

/** What a reader sees: the rendered HTML with tags removed and entities decoded. */
function seen(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

describe('typed values in robot Markdown are shown as typed', () => {
  it.each([
    ['*重点*项目'],
    ['__加粗__ 与 ~~删除~~'],
    ['[点我](http://evil.example)'],
    ['![图](http://evil.example/a.png)'],
    ['见 https://evil.example/x'],
    ['<script>alert(1)</script>温县项目'],
    ['<font color="warning">伪造红灯</font>'],
    ['<@all> 大家看'],
    ['`代码` | 表格 | 列'],
    ['# 像标题'],
    ['- 像列表'],
    ['1. 像编号'],
    ['反斜杠 \\ 结尾\\'],
  ])('when a project is named “%s”, then it renders as plain text with no tag, link or emphasis', (name) => {
    const html = marked.parse(`- 项目：${mdText(name)}`, { async: false });
    expect(html).not.toMatch(/<(script|em|strong|a|img|del|code|font|h\d|table)\b/);
    const shown = seen(html).replace(/^项目：/, '');
    // Angle brackets come back as their full-width look-alikes; everything else exactly as typed.
    expect(shown).toBe(name.replace(/</g, '＜').replace(/>/g, '＞').trim());
  });

  it('when a value has line breaks, then it stays on one line', () => {
    expect(mdText('第一行\n## 第二行\r\n- 第三行')).toBe('第一行 \\#\\# 第二行 - 第三行');
  });
});

describe('fitting a digest to a robot’s size limit', () => {
  const tail = '……完整通报见邮件';
  const under = (limit: number) => (text: string) => byteLength(text) <= limit;

  it('when the digest fits, then it is unchanged and has no pointer line', () => {
    expect(fitMarkdown(['# 标题', '正文'], under(100), tail)).toBe('# 标题\n正文');
  });

  it.each([[200], [301], [1000], [4096]])('when the limit is %i bytes, then the result fits, ends with the pointer, and cuts only at line ends', (limit) => {
    const lines = ['#### 2026年6月 通报', ...Array.from({ length: 200 }, (_, i) => `- 第${i + 1}名 温县 95.5 分 ↑${i % 3}`)];
    const fitted = fitMarkdown(lines, under(limit), tail);
    expect(byteLength(fitted)).toBeLessThanOrEqual(limit);
    expect(fitted.endsWith(`\n\n${tail}`)).toBe(true);
    const body = fitted.slice(0, -(tail.length + 2)).split('\n');
    expect(lines.slice(0, body.length)).toEqual(body);
  });

  it('when the cut would leave a heading or a table header alone, then it goes too', () => {
    const lines = ['第一段', '', '#### 排名', '| 单位 | 得分 |', '| --- | --- |', '| 温县 | 95 |'.repeat(30)];
    const fitted = fitMarkdown(lines, under(byteLength('第一段\n\n#### 排名\n| 单位 | 得分 |\n| --- | --- |\n\n') + byteLength(tail)), tail);
    expect(fitted).toBe(`第一段\n\n\n${tail}`);
  });

  it('when one line alone is too long, then it is cut at a character boundary, never inside a character', () => {
    const fitted = fitMarkdown(['温'.repeat(100)], under(50), '…');
    expect(fitted).toBe(`${'温'.repeat(15)}\n\n…`);
    expect(byteLength(fitted)).toBeLessThanOrEqual(50);
  });
});
