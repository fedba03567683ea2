/**
 * Parts read on the worker thread read exactly as on the main thread, and a part the worker cannot read
 * whole (over a limit, damaged) is handed back for the main thread to read, and refuse, itself.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../sheets/xlsx/limits.js';
import { prefetchParts } from '../../../sheets/xlsx/part-prefetch.js';
import { entryTexts, listEntries } from '../../../sheets/xlsx/zip-package.js';
import { zipParts } from './package-support.js';

const textOf = (zip: Buffer, entry: Parameters<typeof entryTexts>[1]) => {
  const pieces: string[] = [];
  entryTexts(zip, entry, (piece) => pieces.push(piece));
  return pieces.join('');
};

describe('reading parts on a worker thread', () => {
  it.each(['openpyxl.xlsx', 'libreoffice.xlsx'])('when every part of %s is read on the worker, then each text is the one read here', async (file) => {
    const zip = await readFile(join(import.meta.dirname, 'fixtures', file));
    const entries = listEntries(zip).filter((e) => e.name.endsWith('.xml'));
    const texts = prefetchParts(zip, entries, LIMITS, { ahead: 2, steal: false });
    try {
      for (const entry of entries) expect({ part: entry.name, text: await texts?.next() }).toEqual({ part: entry.name, text: textOf(zip, entry) });
    } finally {
      await texts?.close();
    }
  });

  it('when a part inflates beyond its limit, then the worker hands it back unread', async () => {
    const zip = zipParts({ 'a.xml': `<a>${' '.repeat(300_000)}</a>`, 'b.xml': '<b/>' });
    const entries = listEntries(zip);
    const texts = prefetchParts(zip, entries, { ...LIMITS, ratio: 2 }, { steal: false });
    try {
      expect([await texts?.next(), await texts?.next()]).toEqual([undefined, '<b/>']);
    } finally {
      await texts?.close();
    }
  });
});
