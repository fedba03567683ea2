/**
 * Package-level helpers for the fidelity tests, built on fflate's zip reader (not the store's own
 * container code, so a bug there cannot hide itself) and LibreOffice, when installed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, zipSync } from 'fflate';
import { columnIndex } from '../../../sheets/xlsx/sheet-reader.js';

/** Every entry's uncompressed bytes. */
export async function unzipFile(path: string): Promise<Map<string, Buffer>> {
  const files = unzipSync(new Uint8Array(await readFile(path)));
  return new Map(Object.entries(files).map(([name, data]) => [name, Buffer.from(data)]));
}

/** A package from part texts, zipped by fflate (for hand-written workbooks as other programs write them). */
export function zipParts(parts: Record<string, string | Uint8Array>): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) files[name] = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return Buffer.from(zipSync(files));
}

/** Sheet name → part, from workbook.xml and its rels (regex: enough for the fixtures' plain XML). */
export function sheetParts(entries: Map<string, Buffer>): Map<string, string> {
  const workbook = entries.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1], /Target="([^"]+)"/.exec(m[0])?.[1] ?? '']));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1] ?? '';
    const id = /:id="([^"]+)"/.exec(m[0])?.[1];
    const target = targets.get(id) ?? '';
    out.set(name.replace(/&amp;/g, '&'), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

/** A sheet part's cells as raw XML, keyed by reference, leaving out one column. */
export function cellsOutside(xml: string, skipColumn: number): Map<string, string> {
  const cells = new Map<string, string>();
  const data = /<(?:\w+:)?sheetData>([\s\S]*)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '';
  for (const m of data.matchAll(/<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) {
    const ref = /\sr="([A-Z]+\d+)"/.exec(m[0])?.[1] ?? '';
    if (columnIndex(ref) !== skipColumn) cells.set(ref, m[0]);
  }
  return cells;
}

/** A sheet part without its cells and dimension: merges, validations, conditional formats, views, widths. */
export function sheetFrame(xml: string): string {
  return xml.replace(/<((?:\w+:)?)sheetData>[\s\S]*<\/\1sheetData>/, '').replace(/<(?:\w+:)?dimension\b[^>]*\/>/, '');
}

const run = promisify(execFile);

/** Whether LibreOffice is installed (`soffice` on PATH). */
export function hasLibreOffice(): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, 'soffice')));
}

/** Converts a workbook with LibreOffice headless; returns the output file names it produced. */
export async function convertWithLibreOffice(path: string, to: 'pdf' | 'csv' = 'pdf'): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lo-'));
  try {
    await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', join(dir, 'out'), path], { timeout: 120_000 });
    return await readdir(join(dir, 'out')).catch(() => []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
