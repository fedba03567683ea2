/**
 * One worksheet part of the old ledger patched into next year's, as text: planned cells set (a cell
 * keeps its `s` style, so a cleared month keeps its number format), rows deleted with the rows below
 * moved up, and every place the part names its own rows shifted the way Excel shifts them on a row
 * deletion. Every row, cell and element the plan does not touch keeps its bytes; only `r` attributes
 * and the references below change when rows move.
 *
 * Shifted: row and cell `r`, formulas of this sheet (unqualified references; #REF! for a deleted cell)
 * and their shared/array `ref`, dimension, mergeCells, dataValidations and conditional formats (also the
 * x14 extension forms with <xm:sqref>), hyperlinks, autoFilter, selections. A merge, validation, format or
 * hyperlink whose rows were all deleted goes with them. Whole-column ranges never move. Not shifted:
 * conditional-format formulas (relative to their range's top-left, which stays put when the deleted rows
 * are below the header). A shared formula whose master cell is deleted is dropped from the cells that
 * shared it, which keep their cached values (Excel would rewrite it into the next cell; ledger tabs are
 * typed by staff and practically never have one). References from other parts: rollover-package.ts.
 */
import type { Cell } from '../../functions/core/index.js';
import { rowShift, shiftFormula, type RowShift } from './row-shift.js';
import { columnLetter } from '../../functions/core/cells.js';
import { columnIndex } from './sheet-reader.js';
import { cellXml } from './system-sheet.js';

export interface SheetPatch {
  /** Old 1-based row → 0-based column → new value (null: blank, style kept). */
  readonly edits: ReadonlyMap<number, ReadonlyMap<number, Cell>>;
  /** Old 1-based rows to delete, the rows below moving up. */
  readonly deleteRows?: readonly number[];
  /** Rows from this one down are emptied (their elements removed), nothing moving: a tab replaced whole. */
  readonly clearFrom?: number;
  readonly date1904: boolean;
}

export interface SheetPatchResult {
  readonly xml: string;
  /** The part has formulas and something around them changed: calcChain.xml must go. */
  readonly touchedFormulas: boolean;
  /** The row shift applied (for the sheet's comments and drawings). */
  readonly shift: RowShift;
}

const ROW = /<((?:\w+:)?)row\b([^>]*?)(\/?)>/g;
const CELL = /<((?:\w+:)?)c\b([^>]*?)(\/?)>/g;
const R_ATTR = /\sr="([^"]*)"/;
const S_ATTR = /\ss="([^"]*)"/;

/** Applies the patch to a worksheet part's text. */
export function patchSheet(xml: string, patch: SheetPatch): SheetPatchResult {
  const shift = rowShift(patch.deleteRows ?? []);
  const deleted = new Set(patch.deleteRows ?? []);
  const open = /<((?:\w+:)?)sheetData\b([^>]*?)(\/?)>/.exec(xml);
  if (!open) return { xml, touchedFormulas: false, shift };
  const prefix = open[1] ?? '';
  const bodyStart = open.index + open[0].length;
  const bodyEnd = open[3] === '/' ? bodyStart : xml.indexOf(`</${prefix}sheetData>`, bodyStart);
  if (bodyEnd < 0) return { xml, touchedFormulas: false, shift };
  const body = xml.slice(bodyStart, bodyEnd);
  const hasFormulas = /<(?:\w+:)?f\b/.test(body);
  let touchedFormulas = hasFormulas && shift.active;
  const prefixed = (cell: string) => (prefix === '' ? cell : cell.replace(/<(\/?)(c|is|t|v)\b/g, `<$1${prefix}$2`));
  const newCell = (ref: string, value: Cell, style: number): string => prefixed(cellXml(ref, value, style, patch.date1904) || (style > 0 ? `<c r="${ref}" s="${style}"/>` : ''));

  /** The row's content with its planned cells set, or undefined when nothing changes. */
  const editRow = (content: string, row: number): string | undefined => {
    const wanted = patch.edits.get(row);
    if (!wanted || wanted.size === 0) return undefined;
    const columns = [...wanted.keys()].sort((a, b) => a - b);
    const out: string[] = [];
    let last = 0;
    let column = -1;
    let next = 0;
    CELL.lastIndex = 0;
    for (let c = CELL.exec(content); c; c = CELL.exec(content)) {
      const ref = R_ATTR.exec(c[2] ?? '')?.[1];
      column = ref !== undefined ? columnIndex(ref) : column + 1;
      const cellEnd = c[3] === '/' ? c.index + c[0].length : content.indexOf(`</${c[1] ?? ''}c>`, c.index) + `</${c[1] ?? ''}c>`.length;
      for (; next < columns.length && (columns[next] ?? 0) < column; next++) {
        const at = columns[next] ?? 0;
        out.push(content.slice(last, c.index), newCell(`${columnLetter(at)}${row}`, wanted.get(at) ?? null, 0));
        last = c.index;
      }
      if (columns[next] === column) {
        const existing = content.slice(c.index, cellEnd);
        if (/<(?:\w+:)?f\b/.test(existing)) touchedFormulas = true;
        const style = Number(S_ATTR.exec(c[2] ?? '')?.[1] ?? 0);
        out.push(content.slice(last, c.index), newCell(`${columnLetter(column)}${row}`, wanted.get(column) ?? null, style));
        last = cellEnd;
        next++;
      }
      CELL.lastIndex = cellEnd;
    }
    out.push(content.slice(last));
    for (; next < columns.length; next++) {
      const at = columns[next] ?? 0;
      out.push(newCell(`${columnLetter(at)}${row}`, wanted.get(at) ?? null, 0));
    }
    return out.join('');
  };

  /** Cell references, formulas and their ranges moved to the row's new number. */
  const moveRow = (content: string, to: number): string => {
    let moved = content.replace(/(<(?:\w+:)?c\b[^>]*?\sr=")([A-Za-z]+)\d+"/g, (_w, head: string, letters: string) => `${head}${letters}${to}"`);
    if (hasFormulas && shift.active) moved = shiftFormulas(moved, shift);
    // A shared formula whose master cell was deleted cannot be followed: its cells keep their cached values.
    if (lostShared.size > 0) {
      moved = moved.replace(/<(?:\w+:)?f\b[^>]*\bt="shared"[^>]*?(?:\/>|>[^<]*<\/(?:\w+:)?f>)/g, (f) => (lostShared.has(/\ssi="(\d+)"/.exec(f)?.[1] ?? '') ? '' : f));
    }
    return moved;
  };
  const lostShared = new Set<string>();

  const out: string[] = [];
  let last = 0;
  let rowNumber = 0;
  const missing = [...patch.edits.keys()].sort((a, b) => a - b);
  let nextMissing = 0;
  const emit = (row: number): string => {
    const cells = editRow('', row) ?? '';
    const to = shift.row(row) ?? row;
    return cells === '' ? '' : `<${prefix}row r="${to}">${moveRow(cells, to)}</${prefix}row>`;
  };
  ROW.lastIndex = 0;
  for (let m = ROW.exec(body); m; m = ROW.exec(body)) {
    const attributes = m[2] ?? '';
    const r = R_ATTR.exec(attributes)?.[1];
    const row = r !== undefined ? Number(r) : rowNumber + 1;
    while (nextMissing < missing.length && (missing[nextMissing] ?? 0) <= rowNumber) nextMissing++;
    for (; nextMissing < missing.length && (missing[nextMissing] ?? 0) < row; nextMissing++) {
      out.push(body.slice(last, m.index), emit(missing[nextMissing] ?? 0));
      last = m.index;
    }
    rowNumber = row;
    const selfClosing = m[3] === '/';
    const contentStart = m.index + m[0].length;
    const end = selfClosing ? contentStart : body.indexOf(`</${prefix}row>`, contentStart);
    if (end < 0) break;
    const elementEnd = selfClosing ? contentStart : end + `</${prefix}row>`.length;
    ROW.lastIndex = elementEnd;
    if (deleted.has(row) || (patch.clearFrom !== undefined && row >= patch.clearFrom)) {
      const element = body.slice(m.index, elementEnd);
      if (/<(?:\w+:)?f\b/.test(element)) touchedFormulas = true;
      for (const master of element.matchAll(/<(?:\w+:)?f\b[^>]*\bt="shared"[^>]*\bref="[^"]*"[^>]*>|<(?:\w+:)?f\b[^>]*\bref="[^"]*"[^>]*\bt="shared"[^>]*>/g)) {
        const si = /\ssi="(\d+)"/.exec(master[0])?.[1];
        if (si !== undefined && deleted.has(row)) lostShared.add(si);
      }
      out.push(body.slice(last, m.index));
      last = elementEnd;
      continue;
    }
    const content = body.slice(contentStart, end);
    const edited = editRow(content, row);
    const to = shift.row(row) ?? row;
    const formulasMove = hasFormulas && shift.active && /<(?:\w+:)?f\b/.test(content);
    if (edited === undefined && to === row && !formulasMove) continue;
    let tag = attributes;
    if (edited !== undefined) tag = tag.replace(/\sspans="[^"]*"/, '');
    if (to !== row) tag = r !== undefined ? tag.replace(R_ATTR, ` r="${to}"`) : tag;
    const cells = moveRow(edited ?? content, to);
    out.push(body.slice(last, m.index), selfClosing && cells === '' ? `<${prefix}row${tag}/>` : `<${prefix}row${tag}>${cells}</${prefix}row>`);
    last = elementEnd;
  }
  out.push(body.slice(last));
  for (const row of missing.filter((k) => k > rowNumber)) out.push(emit(row));

  const sheetData = `${open[3] === '/' ? `<${prefix}sheetData${open[2] ?? ''}>` : open[0]}${out.join('')}</${prefix}sheetData>`;
  const head = xml.slice(0, open.index);
  const tail = xml.slice(open[3] === '/' ? bodyEnd : bodyEnd + `</${prefix}sheetData>`.length);
  return { xml: shiftOutside(head, shift) + sheetData + shiftOutside(tail, shift), touchedFormulas, shift };
}

/** Formulas of a row's content: `ref` of shared/array formulas and the formula text. */
function shiftFormulas(content: string, shift: RowShift): string {
  return content.replace(/<((?:\w+:)?)f\b([^>]*?)(\/>|>([\s\S]*?)<\/\1f>)/g, (_w, p: string, attributes: string, closing: string, text?: string) => {
    const attrs = attributes.replace(/\sref="([^"]*)"/, (_m, ref: string) => ` ref="${shift.ref(ref) ?? ref}"`);
    return closing === '/>' ? `<${p}f${attrs}/>` : `<${p}f${attrs}>${shiftFormula(text ?? '', shift)}</${p}f>`;
  });
}

/** The elements around sheetData that name rows: shifted, or removed when nothing of their range is left. */
function shiftOutside(text: string, shift: RowShift): string {
  if (!shift.active) return text;
  let out = text.replace(/(<(?:\w+:)?dimension\b[^>]*?\sref=")([^"]*)"/, (_w, head: string, ref: string) => `${head}${shift.ref(ref) ?? ref.split(':')[0]}"`);
  out = out.replace(/(<(?:\w+:)?autoFilter\b[^>]*?\sref=")([^"]*)"/, (_w, head: string, ref: string) => `${head}${shift.ref(ref) ?? ref}"`);
  out = out.replace(/<(?:\w+:)?selection\b[^>]*>/g, (tag) => tag
    .replace(/\sactiveCell="([^"]*)"/, (_m, ref: string) => ` activeCell="${shift.ref(ref) ?? 'A1'}"`)
    .replace(/\ssqref="([^"]*)"/, (_m, ref: string) => ` sqref="${shift.sqref(ref) ?? 'A1'}"`));
  for (const name of ['mergeCell', 'hyperlink']) {
    out = out.replace(new RegExp(`<((?:\\w+:)?)${name}\\b([^>]*?)(\\/>|>[\\s\\S]*?<\\/\\1${name}>)`, 'g'), (element: string, _p: string, attributes: string) => {
      const ref = /\sref="([^"]*)"/.exec(attributes)?.[1];
      if (ref === undefined) return element;
      const moved = shift.sqref(ref);
      return moved === undefined ? '' : element.replace(/(\sref=")[^"]*"/, `$1${moved}"`);
    });
  }
  for (const name of ['dataValidation', 'conditionalFormatting']) {
    out = out.replace(new RegExp(`<((?:\\w+:)?)${name}\\b([^>]*?)(\\/>|>[\\s\\S]*?<\\/\\1${name}>)`, 'g'), (element: string) => {
      let gone = false;
      const moved = element
        .replace(/^(<[^>]*?\ssqref=")([^"]*)"/, (_m, head: string, ref: string) => {
          const s = shift.sqref(ref);
          if (s === undefined) gone = true;
          return `${head}${s ?? ref}"`;
        })
        .replace(/(<((?:\w+:)?)sqref>)([^<]*)(<\/\2sqref>)/, (_m, openTag: string, _p: string, ref: string, closeTag: string) => {
          const s = shift.sqref(ref);
          if (s === undefined) gone = true;
          return `${openTag}${s ?? ref}${closeTag}`;
        });
      return gone ? '' : moved;
    });
  }
  // Containers whose count changed: the count follows, an empty one goes (the schema wants at least one child).
  for (const [container, child] of [['mergeCells', 'mergeCell'], ['dataValidations', 'dataValidation'], ['hyperlinks', 'hyperlink']] as const) {
    out = out.replace(new RegExp(`<((?:\\w+:)?)${container}\\b([^>]*?)>([\\s\\S]*?)<\\/\\1${container}>`, 'g'), (element: string, p: string, attributes: string, inner: string) => {
      const count = (inner.match(new RegExp(`<(?:\\w+:)?${child}\\b`, 'g')) ?? []).length;
      if (count === 0) return '';
      return `<${p}${container}${attributes.replace(/\scount="\d+"/, ` count="${count}"`)}>${inner}</${p}${container}>`;
    });
  }
  return out;
}
