import { describe, expect, it } from 'vitest';
import { renderMonthReports, renderWeeklyReminders, type RenderedReport } from '../../templates/index.js';
import { between, monthOf, weekOf } from './support/run.js';
import { generatedCity } from './support/generated-city.js';

const LIMIT = 100 * 1024;
const city = generatedCity(200);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

const june = monthOf(city, 6);
const { value: reports, ms } = await timed(() => renderMonthReports(june.outcome, june.now, { weekly: june.weekly }));
const december = monthOf(city, 12);
const annual = (await renderMonthReports(december.outcome, december.now)).filter((r) => r.kind === '年度总评');
const week = weekOf(city);
const reminders = await renderWeeklyReminders(week.outcome, week.now);
const bulletin = reports[0] as RenderedReport;

describe('a city of 200 units', () => {
  it('when June is rendered, then there is a bulletin, 200 unit reports and the quarterly review', () => {
    expect(reports.filter((r) => r.kind === '单位月报')).toHaveLength(200);
    expect(reports.map((r) => r.kind).filter((k) => k !== '单位月报')).toEqual(['月度通报', '季度讲评']);
    expect(annual).toHaveLength(1);
  });

  it('when every message is rendered, then every HTML is under 100 KB so Gmail does not clip it', () => {
    const all = [...reports, ...annual, ...reminders];
    const sizes = all.map((r) => ({ key: r.key, bytes: Buffer.byteLength(r.html) }));
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`largest HTML: ${largest.key} ${(largest.bytes / 1024).toFixed(1)} KB; June rendered in ${(ms / 1000).toFixed(2)} s`);
    for (const s of sizes) expect(s.bytes, s.key).toBeLessThan(LIMIT);
  });

  it('when the bulletin ranks each group, then every unit appears once, in rank order', () => {
    const ranking = between(bulletin.html, '二、考核排名', '三、');
    const scores = june.outcome.scores;
    for (const group of new Set(scores.map((s) => s.unit.group))) {
      const ordered = scores.filter((s) => s.unit.group === group).sort((a, b) => a.groupRank - b.groupRank || a.unit.row - b.unit.row);
      const positions = ordered.map((s) => ranking.indexOf(`>${s.unit.name}</span></td>`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('when the lists are too long for one message, then the bulletin says the rest is in the attachment', () => {
    expect(bulletin.html).toMatch(/另有 \d+ 项未在正文列出，详见附件/);
    expect(bulletin.to).toEqual(['mayor@example.gov.cn', 'deputy@example.gov.cn']);
    expect(bulletin.text).toMatch(/周上报 本月漏报 \d 周/);
  });

  it('when a unit report is addressed, then its 负责人 and both 联络员 receive it', () => {
    expect(reports[1]?.to).toEqual(['leader0@example.gov.cn', 'liaison0@example.gov.cn', 'staff0@example.gov.cn']);
  });

  it('when 200 units are rendered, then it takes seconds, not minutes', () => {
    expect(ms).toBeLessThan(20_000);
  });
});
