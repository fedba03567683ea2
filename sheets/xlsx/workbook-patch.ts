/**
 * The package-level edits of a write: a new system sheet is registered in workbook.xml, the workbook's
 * relationships and [Content_Types].xml (nothing else); a replaced system sheet sheds the comment parts
 * it had; calcChain goes when a formula cell was replaced. Each edit is a small insertion into the part's
 * text, so everything else in these parts (defined names, views, other overrides) stays as it was.
 */
import { posix } from 'node:path';
import { escapeXml } from './xml.js';

const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Text edits pending on the package's parts, by entry name; `null` removes the entry. */
export type PartEdits = Map<string, string | null>;

export interface NewSheet {
  readonly name: string;
  readonly part: string;
}

/** Chooses a free part name for a new worksheet next to the others. */
export function freeSheetPart(workbookPart: string, taken: (name: string) => boolean): string {
  const dir = posix.join(posix.dirname(workbookPart), 'worksheets');
  for (let n = 1; ; n++) {
    const name = `${dir}/sheet${n}.xml`;
    if (!taken(name)) return name;
  }
}

/** Registers new sheets (appended after the last tab) in workbook.xml, its rels and the content types. */
export function registerSheets(parts: { workbook: string; rels: string; types: string }, workbookPart: string, sheets: readonly NewSheet[]): { workbook: string; rels: string; types: string } {
  let { workbook, rels, types } = parts;
  const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  let nextId = Math.max(0, ...ids) + 1;
  let nextSheetId = Math.max(0, ...[...workbook.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const prefix = /<(\w+:)?workbook\b/.exec(workbook)?.[1] ?? '';
  const relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS}"`).exec(workbook)?.[1];
  const sheetElements: string[] = [];
  const relElements: string[] = [];
  const overrides: string[] = [];
  for (const sheet of sheets) {
    const id = `rId${nextId++}`;
    const rid = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${REL_NS}" r:id="${id}"`;
    sheetElements.push(`<${prefix}sheet name="${escapeXml(sheet.name, true)}" sheetId="${nextSheetId++}" ${rid}/>`);
    relElements.push(`<Relationship Id="${id}" Type="${WORKSHEET_TYPE}" Target="${posix.relative(posix.dirname(workbookPart), sheet.part)}"/>`);
    overrides.push(`<Override PartName="/${sheet.part}" ContentType="${WORKSHEET_CONTENT}"/>`);
  }
  workbook = insertBefore(workbook, `</${prefix}sheets>`, sheetElements.join(''));
  rels = insertBefore(rels, '</Relationships>', relElements.join(''));
  types = insertBefore(types, '</Types>', overrides.join(''));
  return { workbook, rels, types };
}

/** Removes the Override of a part from [Content_Types].xml. */
export function dropOverride(types: string, part: string): string {
  return types.replace(new RegExp(`<Override\\s+PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`), '');
}

/** Removes relationships whose target ends with `tail` (calcChain.xml) from a rels part. */
export function dropRelationship(rels: string, tail: string): string {
  return rels.replace(new RegExp(`<Relationship\\b[^>]*Target="[^"]*${tail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`), '');
}

function insertBefore(text: string, closing: string, insertion: string): string {
  const at = text.lastIndexOf(closing);
  if (at < 0) throw new Error(`part lacks ${closing}`);
  return text.slice(0, at) + insertion + text.slice(at);
}
