import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TAB_NAMES, LEDGER_LAYOUT, STAGES, SYSTEM_TAB_NAMES, UNITS_TAB, bookTabs, columnLetter, type Cell,
} from '../../../functions/core/index.js';
import { CHECK_SUMMARY_TAB } from '../../../sheets/google/check-summary.js';
import { checkFormula, checkLayout } from '../../../sheets/google/check-formula.js';
import { PROTECTION } from '../../../sheets/google/provision-protect.js';
import { provisionSpreadsheet, type ProvisionOptions } from '../../../sheets/google/provision.js';
import { startSheetsServer, type Json, type SheetsServer } from '../../support/sheets-server/index.js';
import { contractBook } from '../../stores/store-contract.js';
import { fakeTime, seedSpreadsheet } from './support.js';

const ID = 'provision-1';
const BOT = 'ledger-bot@city.iam.gserviceaccount.com';
const WEN = '台账-温县';
// The fixture is a ledger as `init` creates it (v2 columns in place); v1 ledgers get them appended (see the last test).
const CHECK_INDEX = LEDGER_LAYOUT.findIndex((c) => c.key === 'check');
const col = (header: string) => LEDGER_LAYOUT.findIndex((c) => c.header === header);
const letter = columnLetter;

let server: SheetsServer;
beforeAll(async () => {
  server = await startSheetsServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.stats.reset();
  server.faults.clear();
  seedSpreadsheet(server, ID, bookTabs({ ...contractBook(), columns: 'all' }));
});

// A generous attempt timeout: the first provisioning batch is large and this machine may be busy; retries are tested in faults.test.ts.
const options: ProvisionOptions = { spreadsheetId: ID, auth: { accessToken: 't' }, serviceAccountEmail: BOT, retry: fakeTime({ attemptTimeoutMs: 20_000 }) };
const provision = (extra: Partial<ProvisionOptions> = {}) => provisionSpreadsheet({ ...options, rootUrl: server.url, ...extra });
const titles = () => server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title);
const withoutCheck = (rows: Cell[][]) => rows.map((row) => row.filter((_, i) => i !== CHECK_INDEX));

describe('provisionSpreadsheet', () => {
  it('when the spreadsheet is empty, then it gets the admin tabs with their defaults and every system tab', async () => {
    server.state.createSpreadsheet('blank', [{ title: 'Sheet1' }]);
    const report = await provisionSpreadsheet({ ...options, spreadsheetId: 'blank', rootUrl: server.url, starters: { year: 2026, city: '焦作市' } });
    const names = server.state.getSpreadsheet('blank').sheets.map((s) => s.properties.title);
    expect(names).toEqual(['Sheet1', ...ADMIN_TAB_NAMES, ...SYSTEM_TAB_NAMES, CHECK_SUMMARY_TAB.name]);
    expect(report.createdTabs).toEqual(names.slice(1));
    const settings = server.state.getValues('blank', '参数');
    expect(settings.slice(0, 3)).toEqual([['参数', '值'], ['年度', 2026], ['城市', '焦作市']]);
    expect(server.state.getValues('blank', '考评办法').length).toBeGreaterThan(5);
    expect(server.state.getValues('blank', UNITS_TAB.name)).toEqual([UNITS_TAB.columns.map((c) => c.header)]);
    expect(report.warnings.join('\n')).toContain('管理员邮箱');
  });

  it('when run on a ledger, then data is not moved and each unit tab gets the 校验 formula, notes, formats and dropdowns', async () => {
    const before = withoutCheck(server.state.getValues(ID, WEN));
    const report = await provision();
    expect(withoutCheck(server.state.getValues(ID, WEN))).toEqual(before);
    expect(report.checkFormulas).toEqual([WEN, '孟州台账']);
    expect(server.stats.total).toBe(4);

    const header = LEDGER_LAYOUT.map((c) => c.header);
    const formula = server.state.getCell(ID, WEN, `${letter(CHECK_INDEX)}1`)?.formula;
    expect(formula).toBe(checkFormula(checkLayout(WEN, header)!));
    expect(server.state.getCell(ID, WEN, 'A1')?.note).toBe(LEDGER_LAYOUT[0]?.note);
    const sheet = server.state.getSheet(ID, WEN);
    expect(sheet.properties.gridProperties.frozenRowCount).toBe(1);

    const stage = server.state.getCell(ID, WEN, `${letter(col('项目阶段'))}500`)?.dataValidation as Json;
    expect(stage).toMatchObject({ strict: true, condition: { type: 'ONE_OF_LIST', values: STAGES.map((userEnteredValue) => ({ userEnteredValue })) } });
    const chain = server.state.getCell(ID, WEN, `${letter(col('产业链'))}2`)?.dataValidation as Json;
    expect(JSON.stringify(chain)).toContain('生物医药');
    const signDate = server.state.getCell(ID, WEN, `${letter(col('签约日期'))}3`);
    expect(signDate?.dataValidation).toMatchObject({ strict: false, condition: { type: 'DATE_IS_VALID' } });
    expect(signDate?.format?.['numberFormat']).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' });
    expect(server.state.getCell(ID, WEN, `${letter(col('总投资(万元)'))}9`)?.format?.['numberFormat']).toMatchObject({ type: 'NUMBER' });
    expect(sheet.conditionalFormats.map((r) => JSON.stringify(r))).toEqual([
      expect.stringContaining(`=LEFT($${letter(CHECK_INDEX)}2,1)=\\"⚠\\"`),
      expect.stringContaining(`=LEFT($${letter(CHECK_INDEX)}2,1)=\\"✗\\"`),
    ]);
    expect(server.state.getSheet(ID, CHECK_SUMMARY_TAB.name).properties['hidden']).toBe(true);
  });

  it('when run, then each unit tab is editable by its liaison and the admins only, admin and system tabs by admins and the service account', async () => {
    await provision();
    const ledger = server.state.getSheet(ID, WEN).protectedRanges;
    expect(ledger).toEqual(expect.arrayContaining([
      expect.objectContaining({ description: PROTECTION.ledger, warningOnly: false, editors: { users: ['admin@city.gov.cn', BOT, 'wen@county.gov.cn'].sort(), domainUsersCanEdit: false } }),
      expect.objectContaining({ description: PROTECTION.checkColumn, warningOnly: true, range: expect.objectContaining({ startColumnIndex: CHECK_INDEX }) }),
    ]));
    expect(server.state.getSheet(ID, '孟州台账').protectedRanges.find((p) => p['description'] === PROTECTION.ledger)?.['editors'])
      .toEqual({ users: ['admin@city.gov.cn', BOT, 'meng@county.gov.cn'].sort(), domainUsersCanEdit: false });
    for (const [tab, description] of [['参数', PROTECTION.admin], ['校验结果', PROTECTION.system], [CHECK_SUMMARY_TAB.name, PROTECTION.system]] as const) {
      expect(server.state.getSheet(ID, tab).protectedRanges, tab).toEqual([
        expect.objectContaining({ description, warningOnly: false, editors: { users: ['admin@city.gov.cn', BOT].sort(), domainUsersCanEdit: false } }),
      ]);
    }
  });

  it('when run again, then nothing is added twice and the 校验 formula is not rewritten', async () => {
    await provision();
    const snapshot = () => server.state.getSpreadsheet(ID).sheets.map((s) => ({ t: s.properties.title, p: s.protectedRanges.length, c: s.conditionalFormats.length }));
    const first = snapshot();
    const bodies: Json[] = [];
    const stop = server.onRequest('batchUpdate', ({ body }) => void bodies.push(body));
    const report = await provision();
    stop();
    expect(snapshot()).toEqual(first);
    expect(report).toMatchObject({ createdTabs: [], addedHeaders: [], checkFormulas: [], protections: { added: 0, removed: 0 }, highlights: { added: 0, removed: 0 } });
    const sent = JSON.stringify(bodies);
    for (const kind of ['addSheet', 'formulaValue', 'addProtectedRange', 'deleteProtectedRange', 'addConditionalFormatRule', 'appendDimension']) {
      expect(sent, kind).not.toContain(kind);
    }
  });

  it('when a liaison changes, then only that unit tab’s protection is replaced, in the same request', async () => {
    await provision();
    server.state.setValues(ID, UNITS_TAB.name, [['new@county.gov.cn']], 'D2');
    const report = await provision();
    expect(report.protections).toEqual({ added: 1, removed: 1 });
    expect(server.state.getSheet(ID, WEN).protectedRanges.find((p) => p['description'] === PROTECTION.ledger)?.['editors'])
      .toEqual({ users: ['admin@city.gov.cn', BOT, 'new@county.gov.cn'].sort(), domainUsersCanEdit: false });
  });

  it('when a unit is added to 单位, then its tab is created with headers, the formula and protection', async () => {
    await provision();
    server.state.setValues(ID, UNITS_TAB.name, [['武陟', '县市组', null, 'wz@county.gov.cn']], 'A4');
    const report = await provision();
    expect(report.createdTabs).toEqual(['台账-武陟']);
    expect(titles()).toContain('台账-武陟');
    expect(server.state.getValues(ID, '台账-武陟')[0]?.slice(0, 3)).toEqual(['项目编号', '项目名称', '投资方']);
    expect(server.state.getCell(ID, '台账-武陟', `${letter(CHECK_INDEX)}1`)?.formula).toContain("'校验汇总'");
  });

  it('when a ledger tab lacks columns and has an unlabelled column of data, then missing headers go after it and the 校验 column is cleared under its formula', async () => {
    const header = LEDGER_LAYOUT.map((c) => c.header).filter((h) => h !== '责任人' && h !== '校验');
    const rows: Cell[][] = [header, ['WX-1', '项目甲'], ['WX-2', '项目乙']];
    rows[1]![header.length + 1] = '某人的备注';
    seedSpreadsheet(server, ID, new Map([...bookTabs({ ...contractBook(), columns: 'all' })].map(([k, v]) => [k, k === WEN ? rows : v])));
    const report = await provision();
    expect(report.addedHeaders).toEqual([{ tab: WEN, headers: ['责任人', '校验'] }]);
    const after = server.state.getValues(ID, WEN);
    expect(after[0]?.slice(header.length, header.length + 4)).toEqual(['', '', '责任人', '']);
    expect(after[1]?.[header.length + 1]).toBe('某人的备注');
    expect(server.state.getCell(ID, WEN, `${letter(header.length + 3)}1`)?.formula).toContain('ARRAYFORMULA');
  });

  it('when the 校验 column holds old texts, then they are cleared so the formula can fill the column', async () => {
    server.state.setValues(ID, WEN, [['旧的校验文字'], ['✓']], `${letter(CHECK_INDEX)}2`);
    await provision();
    expect(server.state.getCell(ID, WEN, `${letter(CHECK_INDEX)}2`)?.value).toBeUndefined();
    expect(server.state.getCell(ID, WEN, `${letter(CHECK_INDEX)}3`)?.value).toBeUndefined();
  });
});
