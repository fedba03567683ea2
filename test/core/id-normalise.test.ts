import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookTabs, checkBook } from '../../functions/core/index.js';
import { toHalfWidth } from '../../functions/core/cells.js';
import { comparableId } from '../../functions/core/ledger.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';

describe('项目编号 compared for uniqueness', () => {
  it.each([
    ['JX-1', 'JX-1'], ['JX\u200B-1', 'JX-1'], ['\uFEFFJX-1', 'JX-1'], ['ＪＸ－１', 'JX-1'], ['JX\u2060-1\u200D', 'JX-1'], [' JX-1 ', 'JX-1'],
  ])('when the id is typed as %j, then it compares as %s', (typed, compared) => {
    expect(comparableId(typed)).toBe(compared);
  });

  it('when another unit types a visually identical id with a zero-width space, then both rows get a 错误 that says the ids were normalised', () => {
    const ledgers = { ...WORKED_EXAMPLE.ledgers, 乙县: [...(WORKED_EXAMPLE.ledgers?.['乙县'] ?? [])] };
    ledgers['乙县'][0] = { ...ledgers['乙县'][0]!, 项目编号: 'JX\u200B-1' };
    const outcome = checkBook(bookTabs({ ...WORKED_EXAMPLE, ledgers }), WORKED_EXAMPLE_NOW);
    const duplicates = outcome.findings.filter((f) => f.field === '项目编号' && f.problem.includes('重复'));
    expect(duplicates.map((f) => f.tab).sort()).toEqual(['台账-乙县', '台账-甲县']);
    for (const f of duplicates) {
      expect(f.level).toBe('错误');
      expect(f.problem).toContain('不可见字符');
      expect(f.problem).toContain('“JX[U+200B]-1”');
    }
  });

  it('when any id is given, then the printable-ASCII shortcut gives what the general form gives', () => {
    // The general form, as comparableId documents it: invisible characters out, half-width, trimmed.
    const general = (id: string) => toHalfWidth(id.replace(/[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '')).trim();
    const aChar = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\t', '\n', '\u00a0', '\u00ad', '\u180e', '\u200b', '\u2028', '\u202f', '\u2060', '\u3000', '\ufeff', 'Ｊ', '－', '１', '～', '编'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(fc.property(fc.array(aChar, { maxLength: 20 }).map((cs) => cs.join('')), (id) => {
      expect(comparableId(id)).toBe(general(id));
    }), { numRuns: 5000, seed: 7 });
  });
});

