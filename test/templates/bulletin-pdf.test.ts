import { describe, expect, it } from 'vitest';
import { assessMonth, type MonthOutcome } from '../../functions/core/index.js';
import { demoTabs } from '../../functions/demo/demo-book.js';
import { renderMonthReports, type Attachment } from '../../templates/index.js';
import { pts } from '../../templates/html/format.js';
import { notdefGlyphs, pdfObjects, pdfText } from '../support/pdf-text.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { monthOf } from './support/run.js';

async function pdfOf(outcome: MonthOutcome, now: Date): Promise<Attachment> {
  const [bulletin] = await renderMonthReports(outcome, now);
  const pdf = bulletin?.attachments.find((a) => a.contentType === 'application/pdf');
  if (!pdf) throw new Error('the bulletin has no PDF');
  return pdf;
}

const june = monthOf(WORKED_EXAMPLE, 6);
const demoNow = new Date('2026-11-01T00:00:00Z');
const demo = assessMonth(demoTabs({ now: demoNow, rowsPerUnit: 12 }), { year: 2026, month: 10 }, demoNow);
const cases = [
  ['the worked example, June', june.outcome, await pdfOf(june.outcome, june.now), '示例市', '第6期', '2026年7月1日'],
  ['the demo city, October', demo, await pdfOf(demo, demoNow), '焦作市', '第10期', '2026年11月1日'],
] as const;

describe('the 通报 as a 公文 PDF', () => {
  it.each(cases)('when %s is rendered, then the PDF is a whole A4 document named by its 期号', (_, _outcome, pdf, city, issue) => {
    const head = pdf.content.subarray(0, 8).toString('latin1');
    const tail = pdf.content.subarray(-6).toString('latin1');
    expect([head.startsWith('%PDF-1.'), tail.includes('%%EOF')]).toEqual([true, true]);
    expect(pdf.content.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.filename).toBe(`${city}招商引资工作通报-${issue}-2026-${issue === '第6期' ? '06' : '10'}.pdf`);
  });

  it.each(cases)('when the text of %s is extracted, then it holds the head, every unit with its 总分, and the 落款', (_, outcome, pdf, city, issue, date) => {
    const text = pdfText(pdf.content);
    expect(text).toContain(`${city}招商引资工作领导小组办公室`);
    expect(text).toContain(issue);
    expect(text).toContain(date);
    for (const s of outcome.scores) {
      expect(text).toContain(s.unit.name);
      expect(text).toContain(pts(s.total));
    }
    expect(text).not.toContain('\uFFFD');
  });

  it.each(cases)('when %s is drawn, then every character has a glyph in the embedded font', (_, _outcome, pdf) => {
    expect(notdefGlyphs(pdf.content)).toBe(0);
  });

  it('when the same month is rendered twice, then the PDF is byte for byte the same (dated by the run, not the clock)', async () => {
    expect((await pdfOf(june.outcome, june.now)).content.equals(cases[0][2].content)).toBe(true);
    // pdfkit stores the date as an indirect object: (D:…) is the run's instant, 2026-06-30 22:00 UTC.
    const bytes = cases[0][2].content.toString('latin1');
    const ref = /\/CreationDate (\d+) 0 R/.exec(bytes)?.[1];
    expect(bytes).toContain(`\n${ref} 0 obj\n(D:20260630220000Z)`);
  });

  it.each(cases)('when the fonts of %s are read, then Noto Serif SC is embedded as a subset, not whole', (_, _outcome, pdf) => {
    const objects = [...pdfObjects(pdf.content).values()].map((o) => o.dict);
    const names = objects.flatMap((d) => [.../\/BaseFont \/([A-Z]{6}\+[\w-]+)/.exec(d) ?? []].slice(1));
    expect([...new Set(names)].map((n) => n.slice(7)).sort()).toEqual(['NotoSerifSC-Bold', 'NotoSerifSC-Regular']);
    expect(objects.filter((d) => d.includes('/FontFile2')).length).toBe(2);
    // The font files are ~15 MB each: a subset keeps the whole PDF small.
    expect(pdf.content.length).toBeLessThan(400_000);
  });
});
