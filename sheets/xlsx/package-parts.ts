/**
 * What a workbook package says about itself: where the workbook part is, its sheets (name → part),
 * its date system, which cell styles show dates, and the shared strings. Anything else in these parts
 * is left alone; a part that is missing or unreadable falls back to the default Excel would assume.
 */
import { posix } from 'node:path';
import { entryText, entryTexts, type ZipEntry } from './zip-package.js';
import { attribute, walkXml } from './xml.js';
import { XmlScanner, type XmlSink, type XmlTag } from './xml-scanner.js';
import type { Limits } from './limits.js';
import { own } from './sheet-reader.js';

export interface SheetRef {
  readonly name: string;
  /** Zip entry name of the sheet part, e.g. "xl/worksheets/sheet3.xml". */
  readonly part: string;
  /** Chartsheets and dialog sheets have no cells; they are listed but read as empty. */
  readonly isWorksheet: boolean;
}

export interface PackageInfo {
  readonly workbookPart: string;
  readonly sheets: readonly SheetRef[];
  readonly date1904: boolean;
}

type EntryMap = ReadonlyMap<string, ZipEntry>;

/** "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
export function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** A relationship target as a zip entry name (targets are relative to the source part's folder). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(sourcePart), target));
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** The relationships of a part (empty when it has none). */
export function readRels(zip: Buffer, entries: EntryMap, part: string, limits: Limits): Relationship[] {
  const entry = entries.get(relsPathOf(part));
  if (!entry) return [];
  const out: Relationship[] = [];
  walkXml(entryText(zip, entry, limits), {
    open(name, a) {
      if (name !== 'Relationship') return;
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '', external: a.TargetMode === 'External' });
    },
  });
  return out;
}

const endsWith = (type: string, tail: string) => type.endsWith(`/${tail}`);

/** The workbook part and its sheets in tab order. */
export function readPackageInfo(zip: Buffer, entries: EntryMap, limits: Limits): PackageInfo {
  const root = readRels(zip, entries, '', limits).find((r) => endsWith(r.type, 'officeDocument'));
  const workbookPart = root ? resolveTarget('', root.target) : 'xl/workbook.xml';
  const entry = entries.get(workbookPart);
  if (!entry) throw new Error('no workbook part');
  const rels = new Map(readRels(zip, entries, workbookPart, limits).map((r) => [r.id, r]));
  const sheets: SheetRef[] = [];
  let date1904 = false;
  walkXml(entryText(zip, entry, limits), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = rels.get(attribute(a, 'id', true) ?? '');
      if (!rel) return;
      sheets.push({ name: a.name ?? '', part: resolveTarget(workbookPart, rel.target), isWorksheet: endsWith(rel.type, 'worksheet') });
    },
  });
  return { workbookPart, sheets, date1904 };
}

/** Part of the workbook's relationships of a type ("styles", "sharedStrings"). */
export function workbookRelPart(zip: Buffer, entries: EntryMap, workbookPart: string, type: string, limits: Limits): string | undefined {
  const rel = readRels(zip, entries, workbookPart, limits).find((r) => endsWith(r.type, type));
  return rel ? resolveTarget(workbookPart, rel.target) : undefined;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, plus the CJK ids 27–36, 50–58). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date: exceljs' rule (y, m, d, h, s outside quotes and brackets), kept so cells read as before. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (the `s` of a cell), whether it shows a date. */
export function readDateStyles(zip: Buffer, entries: EntryMap, part: string | undefined, limits: Limits): boolean[] {
  const entry = part ? entries.get(part) : undefined;
  if (!entry) return [];
  const codes = new Map<number, string>();
  const dates: boolean[] = [];
  let inXfs = false;
  walkXml(entryText(zip, entry, limits), {
    open(name, a) {
      if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = codes.get(id);
        dates.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return dates;
}

/** Shared strings in order; rich text runs joined, phonetic guides (rPh) left out as Excel shows them. */
export function readSharedStrings(zip: Buffer, entries: EntryMap, part: string | undefined, limits: Limits): string[] {
  const entry = part ? entries.get(part) : undefined;
  if (!entry) return [];
  const sink = new SharedStrings();
  const scanner = new XmlScanner(sink);
  entryTexts(zip, entry, (text) => scanner.write(text), limits);
  scanner.end();
  return sink.strings;
}

/** The shared strings part's reader: a sink with fixed fields, as it sees every string of a big workbook. */
class SharedStrings implements XmlSink {
  readonly strings: string[] = [];
  private current: string | undefined;
  private inText = false;
  private phonetic = 0;

  open(tag: XmlTag): void {
    const { name } = tag;
    if (name === 'si') this.current = '';
    else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0 && !tag.selfClosing) this.inText = true; // a self-closing tag is closed too
  }

  close(name: string): void {
    if (name === 'si') {
      this.strings.push(own(this.current ?? ''));
      this.current = undefined;
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inText = false;
  }

  text(text: string): void {
    if (this.inText && this.current !== undefined) this.current += text;
  }
}
