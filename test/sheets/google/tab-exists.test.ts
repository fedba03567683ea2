/**
 * A tab the session planned to add was added meanwhile (the second run died on `addSheet: A
 * sheet with the name "校验汇总" already exists`). The run lease keeps product runs apart; the store also
 * plans again from the tabs as they are, instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookTabs, checkBook } from '../../../functions/core/index.js';
import { CHECK_SUMMARY_TAB } from '../../../sheets/google/check-summary.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../../support/worked-example.js';
import { seedSpreadsheet, testStore } from './support.js';

const ID = 'tab-exists';
let server: SheetsServer;
beforeAll(async () => { server = await startSheetsServer(); });
afterAll(async () => { await server.close(); });

describe('writing system tabs another writer created since the read', () => {
  it('when 校验汇总 and the other system tabs appeared after this session read, then the write plans again and lands', async () => {
    seedSpreadsheet(server, ID, bookTabs(WORKED_EXAMPLE));
    const late = await testStore(server, ID).open();
    const { tabs } = await late.read();
    const early = await testStore(server, ID).open();
    const first = checkBook((await early.read()).tabs, WORKED_EXAMPLE_NOW);
    await early.write({ systemTabs: first.writes, checks: first.checks });
    await early.close();
    const outcome = checkBook(tabs, WORKED_EXAMPLE_NOW);
    await late.write({ systemTabs: outcome.writes, checks: outcome.checks });
    await late.close();
    const titles = server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title);
    expect(titles.filter((t) => t === CHECK_SUMMARY_TAB.name)).toHaveLength(1);
    expect(titles.filter((t) => t === '校验结果')).toHaveLength(1);
    expect(server.state.getValues(ID, '校验结果')).toEqual(outcome.writes.get('校验结果')!.map((r) => r.map((c) => c ?? null)).map((r) => { while (r.length > 0 && r[r.length - 1] === null) r.pop(); return r; }));
  });
});
