/**
 * Writing by patching the package: the system sheets' parts are replaced (or added), the 校验 cells
 * of each ledger sheet are patched in place, styles gain only what the system needs; every other zip
 * entry is copied with its compressed bytes untouched.
 */
import type { LedgerUpdate } from '../../functions/ports.js';
import { CHECK_HEADER, patchCheckColumnBytes } from './check-column.js';
import { createPartDeflater, entryBytes } from './part-compress.js';
import { LIMITS } from './limits.js';
import { readRels, relsPathOf } from './package-parts.js';
import { openStyleBook } from './styles-patch.js';
import { systemSheetChunks } from './system-sheet.js';
import { dropOverride, dropRelationship, freeSheetPart, registerSheets, type NewSheet } from './workbook-patch.js';
import type { LoadedWorkbook } from './workbook-read.js';
import { deflateChunks, entryText, writeZip, type Deflated, type OutEntry } from './zip-package.js';

const CONTENT_TYPES = '[Content_Types].xml';

/** Font colours of the 校验 cell: dark red ✗, dark amber ⚠, dark green ✓ (all ≥ 4.5:1 on white). */
const CHECK_COLOURS = { error: 'FFC00000', warning: 'FF8A5A00', ok: 'FF3A6B24' } as const;

/** Ledger sheets inflated ahead of the one being patched (in the thread pool, while it is patched). */
const INFLATE_AHEAD = 2;

/**
 * The new package bytes for an update. The main thread builds each part while the thread pool
 * compresses the previous chunks and inflates the next ledger sheets (see part-compress.ts); parts
 * are still made one after another, in the same order, so the result does not depend on timing.
 */
export async function patchWorkbook(wb: LoadedWorkbook, update: LedgerUpdate): Promise<Buffer> {
  const { zip, byName, info } = wb;
  const limits = LIMITS;
  // Parts are deflated as soon as they are made: a 100,000-row run holds ~15 MB of compressed parts, not ~200 MB of XML.
  const deflater = createPartDeflater();
  const edits = new Map<string, Promise<Deflated> | null>();
  const put = async (name: string, data: Uint8Array | Iterable<Uint8Array>) => {
    const queued = await deflater.add(data instanceof Uint8Array ? [data] : data);
    edits.set(name, queued.deflated);
  };
  const text = (name: string): string | undefined => {
    const entry = byName.get(name);
    return entry ? entryText(zip, entry, limits) : undefined;
  };
  const styles = openStyleBook(wb.stylesPart ? text(wb.stylesPart) : undefined);
  let types = text(CONTENT_TYPES) ?? '';
  const added: NewSheet[] = [];

  // Ledger sheets to patch, found now so that inflating the first ones overlaps making the system sheets.
  const ledgers: { tab: string; texts: ReadonlyMap<number, string>; part: string; bytes: Promise<Buffer> | undefined }[] = [];
  for (const [tab, texts] of update.checks) {
    const sheet = info.sheets.find((s) => s.name === tab && s.isWorksheet);
    const entry = sheet ? byName.get(sheet.part) : undefined;
    if (sheet && entry) ledgers.push({ tab, texts, part: sheet.part, bytes: undefined });
  }
  /** Starts inflating sheet `from` and the INFLATE_AHEAD after it (those not started yet). */
  const inflateAhead = (from: number) => {
    for (let i = from; i < Math.min(ledgers.length, from + 1 + INFLATE_AHEAD); i++) {
      const ledger = ledgers[i];
      const entry = ledger ? byName.get(ledger.part) : undefined;
      if (ledger && entry && !ledger.bytes) {
        ledger.bytes = entryBytes(zip, entry, limits);
        // Awaited in its turn below; a failure before then must not count as unhandled.
        ledger.bytes.catch(() => undefined);
      }
    }
  };
  inflateAhead(0);

  for (const [tab, grid] of update.systemTabs) {
    const existing = info.sheets.find((s) => s.name === tab && s.isWorksheet);
    if (existing) {
      // The old part's relationships stay as they are: its notes (exceljs writes a header note) and any
      // picture someone put there remain attached, and no other part needs to change.
      const rels = readRels(zip, byName, existing.part, limits);
      const idOf = (type: string) => rels.find((r) => !r.external && r.type.endsWith(`/${type}`))?.id;
      const kept = { ...optional('drawing', idOf('drawing')), ...optional('legacyDrawing', idOf('vmlDrawing')) };
      await put(existing.part, systemSheetChunks(tab, grid, styles, info.date1904, kept));
    } else {
      const part = freeSheetPart(info.workbookPart, (n) => byName.has(n) || added.some((a) => a.part === n));
      added.push({ name: tab, part });
      await put(part, systemSheetChunks(tab, grid, styles, info.date1904));
    }
  }

  let removedFormula = false;
  const checkStyles = {
    '✗': styles.style({ color: CHECK_COLOURS.error, size: 9 }),
    '⚠': styles.style({ color: CHECK_COLOURS.warning, size: 9 }),
    '✓': styles.style({ color: CHECK_COLOURS.ok, size: 9 }),
  };
  for (let i = 0; i < ledgers.length; i++) {
    inflateAhead(i);
    const { tab, texts, part, bytes } = ledgers[i]!;
    const xml = await bytes!;
    const { column, isNew } = wb.checkColumns.get(tab) ?? { column: 0, isNew: true };
    const patched = patchCheckColumnBytes(xml, {
      column, texts, date1904: info.date1904,
      ...(isNew ? { header: CHECK_HEADER } : {}),
      styleOf: (t) => checkStyles[t.startsWith('✗') ? '✗' : t.startsWith('⚠') ? '⚠' : '✓'],
    });
    ledgers[i]!.bytes = undefined;
    removedFormula ||= patched.removedFormula;
    if (patched.bytes !== xml) await put(part, patched.bytes);
  }

  const workbookRels = relsPathOf(info.workbookPart);
  let rels = text(workbookRels) ?? '';
  let workbook = text(info.workbookPart) ?? '';
  if (removedFormula) {
    const chain = [...byName.keys()].find((n) => n.endsWith('calcChain.xml'));
    if (chain) {
      edits.set(chain, null);
      types = dropOverride(types, chain);
      rels = dropRelationship(rels, 'calcChain.xml');
    }
  }
  if (added.length > 0) ({ workbook, rels, types } = registerSheets({ workbook, rels, types }, info.workbookPart, added));
  if (added.length > 0) await put(info.workbookPart, Buffer.from(workbook, 'utf8'));
  if (added.length > 0 || removedFormula) await put(workbookRels, Buffer.from(rels, 'utf8'));
  if (types !== (text(CONTENT_TYPES) ?? '')) await put(CONTENT_TYPES, Buffer.from(types, 'utf8'));
  const newStyles = styles.result();
  if (newStyles !== undefined && wb.stylesPart) await put(wb.stylesPart, Buffer.from(newStyles, 'utf8'));

  const out: OutEntry[] = [];
  for (const entry of wb.entries) {
    const edit = edits.get(entry.name);
    if (edit === null) continue;
    out.push(edit === undefined ? { name: entry.name, copy: entry } : { name: entry.name, deflated: await edit });
  }
  for (const sheet of added) {
    const edit = edits.get(sheet.part);
    out.push({ name: sheet.part, deflated: edit ? await edit : deflateChunks([]) });
  }
  return writeZip(zip, out);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
