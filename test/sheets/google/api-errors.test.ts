import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../../functions/errors.js';
import { toLedgerError } from '../../../sheets/google/api-errors.js';
import { RetriesExhausted } from '../../../sheets/google/retry.js';

const http = (status: number, message = 'x') => ({ config: {}, response: { status, data: { error: { code: status, message } } } });
const context = { spreadsheetId: 'SHEET-1', action: '读取台账', serviceAccountEmail: 'bot@p.iam.gserviceaccount.com' };

describe('toLedgerError', () => {
  it.each([
    ['403', http(403), 'LEDGER_UNUSABLE', '请把表格共享给服务账号 bot@p.iam.gserviceaccount.com（编辑者）'],
    ['404', http(404), 'LEDGER_UNUSABLE', '找不到 ID 为 SHEET-1 的 Google 表格'],
    ['401', http(401), 'BAD_CONFIG', 'Google 不接受当前凭据'],
    ['400', http(400, 'Invalid requests[0]'), 'BACKEND', 'Invalid requests[0]'],
    ['quota after retries', new RetriesExhausted(8, 'quota', http(429)), 'QUOTA', '配额已用尽'],
    ['5xx after retries', new RetriesExhausted(8, 'transient', http(503)), 'BACKEND', '8 次尝试均失败'],
    ['no credentials', new Error('Could not load the default credentials.'), 'BAD_CONFIG', '找不到可用的 Google 凭据'],
    ['anything else', new TypeError('boom'), 'INTERNAL', 'boom'],
  ])('when the failure is %s, then the code is %s and the message says what to do', (_, error, code, text) => {
    const mapped = toLedgerError(error, context);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toContain(text);
    expect(mapped.message).toContain('读取台账失败');
  });

  it('when the error is already a LedgerError, then it passes through', () => {
    const original = new LedgerError('LEDGER_UNUSABLE', '已有的说明');
    expect(toLedgerError(original, context)).toBe(original);
  });
});
