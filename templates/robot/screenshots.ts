/**
 * Screenshots of robot digests as a group member sees them: the fitted Markdown rendered by `marked` in
 * headless Chromium, inside a chat bubble as wide as a phone. Writes templates/screenshots/robot-*.png.
 *   npx tsx templates/robot/screenshots.ts
 * Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium). Development only.
 */
import { join } from 'node:path';
import { marked } from 'marked';
import { chromium } from 'playwright-core';
import { DINGTALK_LIMITS, createDingTalkRobot } from '../../functions/channels/dingtalk.js';
import { createWeComRobot } from '../../functions/channels/wecom.js';
import { WEEKLY_TAB, assessMonth, bookTabs, readWeeklyRecords, type BookDef } from '../../functions/core/index.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../../test/support/worked-example.js';
import { GENERATED_NOW, generatedCity } from '../../test/templates/support/generated-city.js';
import { escapeHtml } from '../html/escape.js';
import { fitDigest, monthDigests } from './index.js';

const dingtalk = createDingTalkRobot({ group: '市招商工作群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', now: Date.now });
const wecom = createWeComRobot({ group: '温县招商专班', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' });

function digests(book: BookDef, now: Date) {
  const tabs = bookTabs(book);
  return monthDigests(assessMonth(tabs, { year: 2026, month: 6 }, now), now, { weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)) });
}

function page(robot: string, title: string, markdown: string): string {
  const css = `body{margin:0;background:#eef0f3;font:15px/1.55 "Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:#1f2329}
    .chat{padding:16px}.who{font-size:12px;color:#8f959e;margin:0 0 6px 4px}
    .bubble{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08);max-width:100%}
    h4{margin:0 0 8px;font-size:17px}ul,ol{margin:4px 0 8px;padding-left:22px}p{margin:6px 0}
    blockquote{margin:6px 0;padding:2px 10px;border-left:3px solid #c9cdd4;color:#646a73}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body><div class="chat">
    <p class="who">${escapeHtml(robot)} · ${escapeHtml(title)}</p><div class="bubble">${marked.parse(markdown, { async: false })}</div></div></body></html>`;
}

async function main(): Promise<void> {
  const small = digests(WORKED_EXAMPLE, WORKED_EXAMPLE_NOW);
  const large = digests(generatedCity(120), GENERATED_NOW);
  const shots = [
    { file: 'robot-dingtalk-bulletin.png', robot: '钉钉 · 市招商工作群', message: fitDigest(small[0]!, dingtalk.fits) },
    { file: 'robot-dingtalk-quarterly.png', robot: '钉钉 · 市招商工作群', message: fitDigest(small.find((d) => d.key === '季度讲评')!, dingtalk.fits) },
    { file: 'robot-wecom-unit-report.png', robot: '企业微信 · 甲县招商专班', message: fitDigest(small[1]!, wecom.fits) },
    { file: 'robot-wecom-bulletin-120-units.png', robot: '企业微信 · 市招商工作群（120 个单位：精简版，上限 4096 字节）', message: fitDigest(large[0]!, wecom.fits) },
  ];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Playwright starts Chromium with a fresh temporary profile of its own (it refuses --user-data-dir).
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 420, height: 600 }, deviceScaleFactor: 2 });
    for (const shot of shots) {
      await tab.setContent(page(shot.robot, shot.message.title, shot.message.markdown));
      await tab.screenshot({ path: join('templates/screenshots', shot.file), fullPage: true });
      console.log(`${shot.file}\t${Buffer.byteLength(shot.message.markdown)} bytes (DingTalk body limit ${DINGTALK_LIMITS.maxBytes})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
