/**
 * Next year's workbook by patching the old package, never by re-writing it: the parts the rollover plan
 * touches are patched as text (参数's 年度 cell, the unit tabs' carried amounts, cleared months and
 * 校验, deleted 终止 rows with everything below moved up, 目标任务 and 加减分 emptied below their
 * header) and the system tabs are written by the same system-sheet writer as a monthly run. Every other
 * zip entry — the user's own tabs, charts, drawings, images, pivots, slicers, macros, custom properties,
 * styles — is copied with its compressed bytes unchanged. The old file is only read; the new one is
 * written atomically and refused if it exists (write-new-file.ts).
 */
import { readFile } from 'node:fs/promises';
import { isBlank, type Cell, type OutputGrid, type RolloverPlan } from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import type { RolloverWriter } from '../../functions/ports.js';
import { LIMITS } from './limits.js';
import { readRels, relsPathOf, resolveTarget } from './package-parts.js';
import { shiftCommentRefs, shiftDrawingAnchors, shiftTableRefs, shiftVmlNotes } from './rollover-notes.js';
import { patchSheet, type SheetPatch } from './rollover-sheet.js';
import { shiftSheetRefs, type RowShift } from './row-shift.js';
import { isSystemTab } from './system-sheet.js';
import { dropOverride, dropRelationship } from './workbook-patch.js';
import { loadWorkbook, reindexWorkbook, type LoadedWorkbook } from './workbook-read.js';
import { patchWorkbook } from './workbook-write.js';
import { writeNewFile } from './write-new-file.js';
import { deflateChunks, entryText, writeZip, type OutEntry } from './zip-package.js';

const CONTENT_TYPES = '[Content_Types].xml';

/** A writer from the workbook at `from` to a new workbook at `to(plan)` (refused if it exists). */
export function packageRolloverWriter(from: string, to: (plan: RolloverPlan) => string): RolloverWriter {
  return async (plan) => {
    let wb: LoadedWorkbook;
    try {
      wb = await loadWorkbook(await readFile(from));
    } catch (cause) {
      if (cause instanceof LedgerError) throw cause;
      throw new LedgerError('LEDGER_UNUSABLE', `无法读取“${from}”：请确认它是 Excel 工作簿（.xlsx）且没有损坏。`, { cause });
    }
    const path = to(plan);
    await writeNewFile(path, await rolloverPackage(wb, plan));
    return { label: path };
  };
}

/** The new package's bytes: the plan applied to the loaded old package. */
export async function rolloverPackage(wb: LoadedWorkbook, plan: RolloverPlan): Promise<Buffer> {
  const { zip, byName, info } = wb;
  // Patched parts as text until the end: a part can be patched twice (a unit tab's own rows, then the
  // references other tabs' rows moving make it change).
  const patched = new Map<string, string | null>();
  const text = (name: string): string | undefined => {
    const done = patched.get(name);
    if (done !== undefined) return done ?? undefined;
    const entry = byName.get(name);
    return entry ? entryText(zip, entry, LIMITS) : undefined;
  };
  const put = (name: string, xml: string) => patched.set(name, xml);
  const shifts = new Map<string, RowShift>();
  let touchedFormulas = false;
  const patch = (tab: string, sheetPatch: SheetPatch): void => {
    const part = info.sheets.find((s) => s.name === tab && s.isWorksheet)?.part;
    const xml = part ? text(part) : undefined;
    if (!part || xml === undefined) return;
    const result = patchSheet(xml, sheetPatch);
    touchedFormulas ||= result.touchedFormulas;
    if (result.xml !== xml) put(part, result.xml);
    if (result.shift.active) {
      shifts.set(tab, result.shift);
      shiftNotes(wb, part, result.shift, text, put);
    }
  };

  for (const { tab, edits: cells, deleteRows } of plan.edits) {
    const byRow = new Map<number, Map<number, Cell>>();
    for (const edit of cells) {
      const row = byRow.get(edit.row) ?? new Map<number, Cell>();
      row.set(edit.column, edit.value);
      byRow.set(edit.row, row);
    }
    patch(tab, { edits: byRow, deleteRows, date1904: info.date1904 });
  }

  // Staff tabs replaced whole (目标任务, 加减分): the header row's typed cells kept, the rows below set
  // from the plan's grid in the old cells (so their formats stay), anything further down emptied.
  const systemTabs = new Map<string, OutputGrid>();
  for (const [tab, grid] of plan.replace) {
    const exists = info.sheets.some((s) => s.name === tab && s.isWorksheet);
    if (isSystemTab(tab) || !exists) {
      systemTabs.set(tab, grid);
      continue;
    }
    const old = wb.tabs.get(tab) ?? [];
    const byRow = new Map<number, Map<number, Cell>>();
    grid.forEach((cells, r) => {
      const before = old[r] ?? [];
      const row = new Map<number, Cell>();
      const width = Math.max(cells.length, r === 0 ? 0 : before.length);
      for (let c = 0; c < width; c++) {
        const value = cells[c] ?? null;
        // A cell already holding the planned value (a unit's name) keeps its XML as typed.
        if (value === before[c] || (isBlank(value) && isBlank(before[c]))) continue;
        if (r > 0 || isBlank(before[c])) row.set(c, value);
      }
      if (row.size > 0) byRow.set(r + 1, row);
    });
    patch(tab, { edits: byRow, clearFrom: grid.length + 1, date1904: info.date1904 });
  }

  touchedFormulas ||= shiftReferencesElsewhere(wb, plan, shifts, text, put);

  let types = text(CONTENT_TYPES) ?? '';
  if (touchedFormulas) {
    // calcChain lists formula cells by address; after rows moved it would point at the wrong ones.
    const chain = [...byName.keys()].find((n) => n.endsWith('calcChain.xml'));
    if (chain) {
      patched.set(chain, null);
      types = dropOverride(types, chain);
      put(CONTENT_TYPES, types);
      const rels = relsPathOf(info.workbookPart);
      put(rels, dropRelationship(text(rels) ?? '', 'calcChain.xml'));
    }
  }

  const out: OutEntry[] = [];
  for (const entry of wb.entries) {
    const edit = patched.get(entry.name);
    if (edit === null) continue;
    out.push(edit === undefined ? { name: entry.name, copy: entry } : { name: entry.name, deflated: deflateChunks([Buffer.from(edit, 'utf8')]) });
  }
  const staged = writeZip(zip, out);
  // The system tabs exactly as a monthly run writes them (header style, protection, kept drawings).
  return patchWorkbook(reindexWorkbook(staged, wb), { systemTabs, checks: new Map() });
}

/** The parts of a sheet that name its rows, by relationship type (the last segment of its URI). */
const SHIFTERS: Readonly<Record<string, (xml: string, shift: RowShift) => string>> = {
  comments: shiftCommentRefs,
  threadedComment: shiftCommentRefs,
  vmlDrawing: shiftVmlNotes,
  drawing: shiftDrawingAnchors,
  table: shiftTableRefs,
};

/** The sheet's legacy comments, their VML shapes, its threaded comments, drawings and tables, moved with their rows. */
function shiftNotes(wb: LoadedWorkbook, part: string, shift: RowShift, text: (name: string) => string | undefined, put: (name: string, xml: string) => void): void {
  for (const rel of readRels(wb.zip, wb.byName, part, LIMITS)) {
    if (rel.external) continue;
    const kind = rel.type.split('/').pop() ?? '';
    const shiftPart = SHIFTERS[kind];
    if (!shiftPart) continue;
    const target = resolveTarget(part, rel.target);
    const xml = text(target);
    if (xml === undefined) continue;
    const moved = shiftPart(xml, shift);
    if (moved !== xml) put(target, moved);
  }
}

/**
 * What names a moved tab's rows from elsewhere, shifted as Excel shifts it on a row deletion: defined
 * names (workbook.xml), formulas of the other kept tabs, chart series and pivot cache sources. A part
 * that names none of the moved tabs is not touched at all. Returns whether a formula changed.
 */
function shiftReferencesElsewhere(
  wb: LoadedWorkbook, plan: RolloverPlan, shifts: ReadonlyMap<string, RowShift>,
  text: (name: string) => string | undefined, put: (name: string, xml: string) => void,
): boolean {
  if (shifts.size === 0) return false;
  let formulas = false;
  const update = (part: string, change: (xml: string) => string): boolean => {
    const xml = text(part);
    if (xml === undefined) return false;
    const moved = change(xml);
    if (moved === xml) return false;
    put(part, moved);
    return true;
  };
  update(wb.info.workbookPart, (xml) => xml.replace(/<((?:\w+:)?)definedNames>[\s\S]*?<\/\1definedNames>/, (names) => shiftSheetRefs(names, shifts)));
  const replaced = new Set(plan.replace.keys());
  for (const sheet of wb.info.sheets) {
    if (!sheet.isWorksheet || replaced.has(sheet.name)) continue;
    formulas = update(sheet.part, (xml) => xml.replace(/(<((?:\w+:)?)f\b[^>]*>)([^<]*)(<\/\2f>)/g, (_w, open: string, _p: string, body: string, close: string) => `${open}${shiftSheetRefs(body, shifts)}${close}`)) || formulas;
  }
  for (const entry of wb.entries) {
    if (/\/charts\/chart[^/]*\.xml$/.test(entry.name)) update(entry.name, (xml) => shiftSheetRefs(xml, shifts));
    if (/pivotCacheDefinition[^/]*\.xml$/.test(entry.name)) {
      update(entry.name, (xml) => xml.replace(/<((?:\w+:)?)worksheetSource\b[^>]*>/g, (tag) => {
        const sheet = /\ssheet="([^"]*)"/.exec(tag)?.[1];
        const shift = sheet === undefined ? undefined : shifts.get(sheet.replace(/&amp;/g, '&'));
        return shift ? tag.replace(/(\sref=")([^"]*)"/, (_m, head: string, ref: string) => `${head}${shift.ref(ref) ?? ref}"`) : tag;
      }));
    }
  }
  return formulas;
}
