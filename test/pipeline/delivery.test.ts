import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs, type BookDef } from '../../functions/core/index.js';
import { createSmtpTransport } from '../../functions/mail/smtp.js';
import { runMonthlyCycle } from '../../functions/pipeline/monthly.js';
import { createWorkbookStore } from '../../sheets/xlsx/workbook-store.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';

let sink: SmtpSink;
let cleanup: () => Promise<void>;
beforeEach(async () => { sink = await startSmtpSink(); });
afterEach(async () => { await sink.close(); await cleanup?.(); });

async function setup(def: BookDef = WORKED_EXAMPLE) {
  const file = await workbookFile(bookTabs(def));
  cleanup = file.cleanup;
  const run = async () => {
    const transport = createSmtpTransport({ url: sink.url, from: '示例市招商局 <zhaoshang@example.gov.cn>', ratePerSecond: 50 });
    try {
      return await runMonthlyCycle({ store: createWorkbookStore({ path: file.path }), transport, clock: () => WORKED_EXAMPLE_NOW, mailDomain: 'example.gov.cn' }, { period: { year: 2026, month: 6 } });
    } finally {
      await transport.close();
    }
  };
  return { file, run };
}

const sendLog = async (path: string) => ((await readBack(path)).get('发送记录') ?? []).slice(1).map((r) => `${r[1]} ${r[2]} ${r[3]}`);

describe('sending a month’s reports over SMTP', () => {
  it('when the month closes, then every report arrives once with its subject, recipients, text and .xlsx', async () => {
    const { run } = await setup();
    const summary = await run();
    expect(summary.delivery).toMatchObject({ sent: 10, failed: 0, skipped: 0 }); // 通报 2 + 讲评 2 + 3 units × 2
    const bySubject = new Map(sink.received.map((m) => [m.parsed.subject, m]));
    expect([...bySubject.keys()].sort()).toEqual([
      '乙县招商引资工作考核月报（2026年6月）：总分 94.50，县市组第 1 名', '丙区招商引资工作考核月报（2026年6月）：总分 18.01，城区组第 1 名',
      '示例市招商引资工作季度讲评（2026年第二季度）', '示例市招商引资工作月度通报（2026年6月）', '甲县招商引资工作考核月报（2026年6月）：总分 45.00，县市组第 2 名',
    ].sort());
    const bulletin = bySubject.get('示例市招商引资工作月度通报（2026年6月）')!;
    expect(bulletin.envelopeTo.sort()).toEqual(['mayor@example.gov.cn', 'zhaoshang@example.gov.cn']);
    expect(bulletin.parsed.text).toContain('乙县');
    expect(bulletin.parsed.attachments.map((a) => a.contentType)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf']);
    // The 公文 PDF crosses SMTP whole: its name carries the 期号 and its bytes still end the document.
    const pdf = bulletin.parsed.attachments[1]!;
    expect([pdf.filename, pdf.content.subarray(0, 5).toString('latin1'), pdf.content.subarray(-6).toString('latin1').trim()]).toEqual(['示例市招商引资工作通报-第6期-2026-06.pdf', '%PDF-', '%%EOF']);
    expect(bulletin.parsed.messageId).toMatch(/^<2026-06\.[0-9a-f]{16}@example\.gov\.cn>$/);
    const bing = bySubject.get('丙区招商引资工作考核月报（2026年6月）：总分 18.01，城区组第 1 名')!;
    expect(bing.envelopeTo.sort()).toEqual(['bing-leader@example.gov.cn', 'bing@example.gov.cn']);
    expect(bing.parsed.text).toContain('K4');
    expect(bing.parsed.html).toContain('2026-02-30');
  });

  it('when the same month runs again, then nothing new is sent', async () => {
    const { run } = await setup();
    await run();
    const count = sink.received.length;
    const again = await run();
    expect(again.delivery).toMatchObject({ sent: 0, failed: 0, skipped: 10 });
    expect(sink.received).toHaveLength(count);
  });

  it('when the server rejects two recipients, then the rest are sent, the two logged 失败, and the next run sends exactly those two', async () => {
    const { file, run } = await setup();
    sink.reject.add('jia@example.gov.cn');
    sink.reject.add('bing@example.gov.cn');
    const first = await run();
    expect(first.delivery).toMatchObject({ sent: 8, failed: 2 });
    expect((await sendLog(file.path)).filter((r) => r.endsWith('失败')).sort()).toEqual(['单位月报:丙区 bing@example.gov.cn 失败', '单位月报:甲县 jia@example.gov.cn 失败']);
    sink.reject.clear();
    const before = sink.received.length;
    const second = await run();
    expect(sink.received.slice(before).map((m) => m.envelopeTo.join(',')).sort()).toEqual(['bing@example.gov.cn', 'jia@example.gov.cn']);
    expect(second.delivery).toMatchObject({ sent: 2, failed: 0, skipped: 8 });
    expect(second.delivery.failed).toBe(0);
  });

  it('when names hold HTML, line breaks or header text, then mail headers cannot be injected and HTML is escaped', async () => {
    const def: BookDef = {
      ...WORKED_EXAMPLE,
      settings: { ...WORKED_EXAMPLE.settings, 城市: '示例市\r\nBcc: evil@attacker.cn' },
      ledgers: { ...WORKED_EXAMPLE.ledgers, 甲县: (WORKED_EXAMPLE.ledgers?.['甲县'] ?? []).map((r, i) => (i === 2 ? { ...r, 项目名称: '<script>alert(1)</script>\n=cmd|x' } : r)) },
    };
    const { run } = await setup(def);
    await run();
    for (const mail of sink.received) {
      expect(mail.parsed.headers.has('bcc')).toBe(false);
      expect(mail.envelopeTo.some((to) => to.includes('attacker'))).toBe(false);
      expect(mail.parsed.subject).not.toMatch(/[\r\n]/);
      expect(mail.parsed.html || '').not.toContain('<script>alert(1)</script>');
    }
  });
});
