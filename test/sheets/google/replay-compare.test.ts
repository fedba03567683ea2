import { describe, expect, it } from 'vitest';
import { compare, IdMap, learnIds, toOurIds } from './replay-compare.js';

describe('compare (the rule the replay judges the test server by)', () => {
  it.each([
    ['a trailing blank the server kept', { values: [['a']] }, { values: [['a', '']] }, 'values[0].length'],
    ['a key Google leaves out', { range: { startRowIndex: 0 } }, { range: { sheetId: 0, startRowIndex: 0 } }, 'range.sheetId'],
    ['a key the server leaves out', { updatedRange: 'Sheet1!A1' }, {}, 'updatedRange'],
    ['another range text', { range: "'a b'!A1:B2" }, { range: 'a b!A1:B2' }, 'range'],
    ['a number for a string', { values: [['1']] }, { values: [[1]] }, 'values[0][0]'],
    ['another error status', { error: { code: 400, message: 'x', status: 'INVALID_ARGUMENT' } }, { error: { code: 400, message: 'x', status: 'FAILED_PRECONDITION' } }, 'error.status'],
  ])('when the answers differ by %s, then the difference is reported at its path', (_, google, ours, path) => {
    expect(compare(google, ours, new IdMap()).map((d) => d.path)).toEqual([path]);
  });

  it.each([
    ['another error wording', { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }, { error: { code: 404, message: 'Not found.', status: 'NOT_FOUND' } }],
    ['error details only Google sends', { error: { code: 400, message: 'x', status: 'INVALID_ARGUMENT', details: [{}] } }, { error: { code: 400, message: 'x', status: 'INVALID_ARGUMENT' } }],
    ['another spreadsheet URL', { spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit?ouid=1' }, { spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/x/edit' }],
  ])('when the answers differ only by %s, then they match', (_, google, ours) => {
    expect(compare(google, ours, new IdMap())).toEqual([]);
  });

  it('when a sheet id was invented by each side, then the pair counts as equal from then on and requests are rewritten', () => {
    const ids = new IdMap();
    const google = { replies: [{ addSheet: { properties: { sheetId: 1877059582, title: 'x' } } }] };
    const ours = { replies: [{ addSheet: { properties: { sheetId: 42, title: 'x' } } }] };
    learnIds(google, ours, ids);
    expect(compare(google, ours, ids)).toEqual([]);
    expect(toOurIds({ requests: [{ deleteSheet: { sheetId: 1877059582 } }] }, ids)).toEqual({ requests: [{ deleteSheet: { sheetId: 42 } }] });
    expect(compare({ sheetId: 1877059582 }, { sheetId: 43 }, ids).map((d) => d.path)).toEqual(['sheetId']);
  });

  it('when an unpaired id differs, then it is a difference', () => {
    expect(compare({ sheets: [{ properties: { sheetId: 0 } }] }, { sheets: [{ properties: { sheetId: 7 } }] }, new IdMap()).map((d) => d.path)).toEqual(['sheets[0].properties.sheetId']);
  });
});
