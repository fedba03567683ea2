/**
 * The server's store of spreadsheets, with helpers for tests to seed and
 * inspect sheets directly (bypassing HTTP).
 */
import { randomBytes } from 'node:crypto';
import { parseCells } from './a1.js';
import { deleteDimension, insertDimension } from './dimension-shift.js';
import { badRequest, notFound } from './errors.js';
import { findSheetByTitle, getCell, growGrid, hasNoContent, nextId, putCell } from './grid.js';
import { DEFAULT_GRID, newSheet } from './requests-sheets.js';
import { trimMatrix } from './render.js';
import type { CellSeed, CellValue, Json, SheetModel, SheetSeed, SpreadsheetModel, StoredCell } from './types.js';
import { cellFromSeed, storedValue } from './user-input.js';

/** Spreadsheet-level options for {@link SheetsState.createSpreadsheet}. */
export interface SpreadsheetOptions {
  title?: string;
  locale?: string;
  timeZone?: string;
}

/** In-memory spreadsheets plus seeding/inspection helpers. Getters return deep copies. */
export class SheetsState {
  readonly #books = new Map<string, SpreadsheetModel>();
  /** The account requests come from, listed among protected-range editors in answers (see SheetsServerOptions). */
  requestingUser: string | undefined;

  /** Creates (or replaces) a spreadsheet with the given sheets (at least one; default `Sheet1`). */
  createSpreadsheet(id: string, sheets: SheetSeed[] = [], options: SpreadsheetOptions = {}): void {
    const ss: SpreadsheetModel = {
      spreadsheetId: id,
      properties: {
        title: options.title ?? id,
        locale: options.locale ?? 'zh_CN',
        autoRecalc: 'ON_CHANGE',
        timeZone: options.timeZone ?? 'Asia/Shanghai',
      },
      sheets: [],
      namedRanges: [],
      developerMetadata: [],
      idSeed: [...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 2147483648, 7),
    };
    const seeds = sheets.length > 0 ? sheets : [{ title: 'Sheet1' }];
    for (const seed of seeds) this.#appendSheet(ss, seed);
    this.#books.set(id, ss);
  }

  /** Adds a sheet to an existing spreadsheet (at the end). */
  addSheet(id: string, seed: SheetSeed): void {
    this.#appendSheet(this.require(id), seed);
  }

  #appendSheet(ss: SpreadsheetModel, seed: SheetSeed): void {
    if (findSheetByTitle(ss, seed.title)) throw new Error(`Sheet "${seed.title}" already exists in ${ss.spreadsheetId}`);
    const rows = seed.rows ?? [];
    const width = Math.max(0, ...rows.map((r) => r.length));
    const sheetId = seed.sheetId ?? (ss.sheets.length === 0 ? 0 : nextId(ss));
    const sheet = newSheet({
      sheetId,
      title: seed.title,
      index: ss.sheets.length,
      sheetType: 'GRID',
      gridProperties: {
        rowCount: Math.max(seed.rowCount ?? DEFAULT_GRID.rowCount, rows.length),
        columnCount: Math.max(seed.columnCount ?? DEFAULT_GRID.columnCount, width),
        ...(seed.frozenRowCount !== undefined ? { frozenRowCount: seed.frozenRowCount } : {}),
      },
      ...(seed.hidden !== undefined ? { hidden: seed.hidden } : {}),
    });
    writeSeeds(sheet, rows, 0, 0);
    ss.sheets.push(sheet);
  }

  /** Creates a spreadsheet from a spreadsheets.create body and returns it. */
  createFromApi(body: Json): SpreadsheetModel {
    const id = randomBytes(33).toString('base64url');
    const props = (body['properties'] ?? {}) as Json;
    const sheets = Array.isArray(body['sheets']) ? (body['sheets'] as Json[]) : [];
    const seeds: SheetSeed[] = sheets.map((s, i) => {
      const p = (s['properties'] ?? {}) as Json;
      const g = (p['gridProperties'] ?? {}) as Json;
      const seed: SheetSeed = { title: typeof p['title'] === 'string' ? p['title'] : `Sheet${i + 1}` };
      if (typeof p['sheetId'] === 'number') seed.sheetId = p['sheetId'];
      if (typeof g['rowCount'] === 'number') seed.rowCount = g['rowCount'];
      if (typeof g['columnCount'] === 'number') seed.columnCount = g['columnCount'];
      if (typeof g['frozenRowCount'] === 'number') seed.frozenRowCount = g['frozenRowCount'];
      return seed;
    });
    const options: SpreadsheetOptions = { title: typeof props['title'] === 'string' ? props['title'] : 'Untitled spreadsheet' };
    if (typeof props['locale'] === 'string') options.locale = props['locale'];
    if (typeof props['timeZone'] === 'string') options.timeZone = props['timeZone'];
    this.createSpreadsheet(id, seeds, options);
    return this.require(id);
  }

  /** Drive's files.copy: a deep copy of everything under a new id (see drive.ts). */
  copySpreadsheet(from: string, to: string, title: string): void {
    const copy = structuredClone(this.require(from));
    copy.spreadsheetId = to;
    copy.properties = { ...copy.properties, title };
    this.#books.set(to, copy);
  }

  /** Drive's files.delete and files.update(name). */
  removeSpreadsheet(id: string): void {
    this.#books.delete(id);
  }

  /** True when the spreadsheet exists. */
  has(id: string): boolean {
    return this.#books.has(id);
  }

  /** Ids of all spreadsheets. */
  ids(): string[] {
    return [...this.#books.keys()];
  }

  /** The live spreadsheet (throws Google's 404 when unknown). Mutate only through {@link transact}. */
  require(id: string): SpreadsheetModel {
    const ss = this.#books.get(id);
    if (!ss) throw notFound();
    return ss;
  }

  /**
   * Runs `fn` on a copy and commits it only if `fn` returns without throwing (all-or-nothing). The
   * copy is deep, except that a sheet's cells are copied only when `fn` first touches them: a write
   * to one tab of a 100,000-row spreadsheet does not pay for copying the other tabs.
   */
  transact<T>(id: string, fn: (draft: SpreadsheetModel) => T): T {
    const live = this.require(id);
    const draft: SpreadsheetModel = { ...structuredClone({ ...live, sheets: [] }), sheets: live.sheets.map(lazyCellsCopy) };
    const result = fn(draft);
    for (const sheet of draft.sheets) settleCells(sheet);
    this.#books.set(id, draft);
    return result;
  }

  /** A deep copy of a spreadsheet. */
  getSpreadsheet(id: string): SpreadsheetModel {
    return structuredClone(this.require(id));
  }

  /** A deep copy of one sheet: properties, sparse cells (formulas, formats, notes, validations), protections, … */
  getSheet(id: string, title: string): SheetModel {
    return structuredClone(this.#sheet(id, title));
  }

  /** A deep copy of one cell addressed in A1 (`B7`), or `undefined`. */
  getCell(id: string, title: string, a1: string): StoredCell | undefined {
    const cells = parseCells(a1);
    if (!cells?.single) throw new Error(`Not a single cell: ${a1}`);
    const cell = getCell(this.#sheet(id, title), cells.startRow ?? 0, cells.startCol ?? 0);
    return cell ? structuredClone(cell) : undefined;
  }

  /** Stored values (formula cells: cached value; errors: their code), trailing empties trimmed, inner gaps `""`. */
  getValues(id: string, title: string): CellValue[][] {
    const sheet = this.#sheet(id, title);
    const lines = Array.from({ length: sheet.rows.length }, (_, r) =>
      Array.from(sheet.rows[r] ?? [], (cell) => (hasNoContent(cell) ? undefined : storedValue(cell))),
    );
    return trimMatrix(lines);
  }

  /** Writes seeds starting at an A1 cell (default `A1`); `undefined` skips a cell, `null`/`""` clears it. Grows the grid. */
  setValues(id: string, title: string, rows: CellSeed[][], start = 'A1'): void {
    const cells = parseCells(start);
    if (!cells?.single) throw new Error(`Not a single cell: ${start}`);
    writeSeeds(this.#sheet(id, title), rows, cells.startRow ?? 0, cells.startCol ?? 0, true);
  }

  /** Simulates a user inserting `count` rows before 0-based `atRowIndex` (data, ranges and metadata shift down). */
  insertRows(id: string, title: string, atRowIndex: number, count = 1): void {
    const sheet = this.#sheet(id, title);
    if (atRowIndex < 0 || atRowIndex > sheet.properties.gridProperties.rowCount) throw badRequest(`Row index out of range: ${atRowIndex}`);
    insertDimension(this.require(id), sheet, 'ROWS', atRowIndex, count, atRowIndex > 0 ? true : undefined);
  }

  /** Simulates a user deleting `count` rows starting at 0-based `atRowIndex`. */
  deleteRows(id: string, title: string, atRowIndex: number, count = 1): void {
    deleteDimension(this.require(id), this.#sheet(id, title), 'ROWS', atRowIndex, atRowIndex + count);
  }

  #sheet(id: string, title: string): SheetModel {
    const sheet = findSheetByTitle(this.require(id), title);
    if (!sheet) throw new Error(`No sheet "${title}" in spreadsheet ${id}`);
    return sheet;
  }
}

function writeSeeds(sheet: SheetModel, rows: CellSeed[][], r0: number, c0: number, skipUndefined = false): void {
  growGrid(sheet, r0 + rows.length, c0 + Math.max(0, ...rows.map((r) => r.length)));
  rows.forEach((row, r) => {
    row.forEach((seed, c) => {
      if (seed === undefined && skipUndefined) return;
      putCell(sheet, r0 + r, c0 + c, cellFromSeed(seed));
    });
  });
}

const pristineCells = new WeakMap<SheetModel, () => SheetModel['rows']>();

/** A deep copy of a sheet whose `rows` are copied on first access. */
function lazyCellsCopy(sheet: SheetModel): SheetModel {
  const { rows, ...rest } = sheet;
  const copy = structuredClone(rest) as SheetModel;
  let copied: SheetModel['rows'] | undefined;
  Object.defineProperty(copy, 'rows', {
    get: () => (copied ??= structuredClone(rows)),
    set: (value: SheetModel['rows']) => {
      copied = value;
    },
    enumerable: true,
    configurable: true,
  });
  pristineCells.set(copy, () => copied ?? rows);
  return copy;
}

/** Turns the lazy `rows` back into a plain property: the copy if made, else the untouched original (safe to share, the old model is dropped). */
function settleCells(sheet: SheetModel): void {
  const rows = pristineCells.get(sheet);
  if (!rows) return;
  Object.defineProperty(sheet, 'rows', { value: rows(), writable: true, enumerable: true, configurable: true });
  pristineCells.delete(sheet);
}
