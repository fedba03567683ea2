/**
 * The provisioning plan: from what the spreadsheet has now, the one batchUpdate that brings it to the
 * contract. Pure, so it can be tested without a server. It never moves data: missing tabs are added at
 * the end, missing headers go to the first free column on the right, and the only data cells it
 * touches are the 校验 column below its header, cleared when the formula is (re)set, since the
 * ARRAYFORMULA cannot spill over typed text.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { cellText, normalizeHeader, type Cell, type Grid } from '../../functions/core/cells.js';
import { CHECK_COLUMN } from '../../functions/core/tabs.js';
import { CHECK_SUMMARY_TAB } from './check-summary.js';
import { CHECK_HEADER, checkFormula, checkLayout } from './check-formula.js';
import { cellData, quoteTitle } from './cell-values.js';
import { sheetInfo } from './metadata.js';
import { formatRequests, headerRequests, validationRequests, widthRequests, type PlacedColumn } from './provision-columns.js';
import { PROTECTION, highlightChanges, highlightRules, protectionChanges, type WantedProtection } from './provision-protect.js';
import { wantedTabs, type Starters, type WantedTab } from './provision-tabs.js';

type Request = sheets_v4.Schema$Request;

/** What the spreadsheet has now, as read by provisionSpreadsheet. */
export interface ProvisionInput {
  /** Every tab with `properties`, `protectedRanges` and `conditionalFormats`. */
  readonly sheets: readonly sheets_v4.Schema$Sheet[];
  /** Every tab's cells with formulas as text (FORMULA render). */
  readonly formulas: ReadonlyMap<string, Grid>;
  /** The admin tabs' values (UNFORMATTED_VALUE). */
  readonly values: ReadonlyMap<string, Grid>;
  readonly serviceAccountEmail?: string | undefined;
  /** What admin tabs created now start with. */
  readonly starters?: Starters;
}

/** What provisioning did, for the operator. */
export interface ProvisionReport {
  readonly createdTabs: string[];
  readonly addedHeaders: { tab: string; headers: string[] }[];
  /** Unit tabs whose 校验 formula was set (first time, or because columns moved). */
  readonly checkFormulas: string[];
  readonly protections: { added: number; removed: number };
  readonly highlights: { added: number; removed: number };
  /** Things the operator should know or fix, in Chinese. */
  readonly warnings: string[];
  /** Subrequests in the batchUpdate (0: nothing was sent). */
  requests: number;
}

const NEW_TAB_ROWS = 1000;
const NEW_TAB_COLUMNS = 26;

/** Width of a grid: its longest row. */
const widthOf = (grid: Grid) => Math.max(0, ...grid.map((row) => row?.length ?? 0));

/** The 校验 column of a ledger header row: by its header text, or by the formula we put there. */
function checkColumnOf(header: readonly Cell[]): number | undefined {
  const summary = quoteTitle(CHECK_SUMMARY_TAB.name);
  const at = header.findIndex((cell) => {
    const text = cellText(cell);
    return normalizeHeader(text) === normalizeHeader(CHECK_HEADER) || (text.startsWith('=') && text.includes(summary));
  });
  return at >= 0 ? at : undefined;
}

/** The requests that bring the spreadsheet to the contract, and the report of what they do. */
export function provisionPlan(input: ProvisionInput): { requests: Request[]; report: ProvisionReport } {
  const layout = wantedTabs(input.values, input.starters);
  const { admin } = layout;
  const existing = new Map(input.sheets.map((s) => [s.properties?.title ?? '', s]));
  const report: ProvisionReport = {
    createdTabs: [], addedHeaders: [], checkFormulas: [], protections: { added: 0, removed: 0 }, highlights: { added: 0, removed: 0 }, warnings: [], requests: 0,
  };
  const sa = input.serviceAccountEmail ? [input.serviceAccountEmail] : [];
  const admins = [...admin.settings.adminTo, ...sa];
  report.warnings.push(...admin.structure.map((p) => p.message));
  if (admin.settings.adminTo.length === 0) report.warnings.push('“参数”页未填写“管理员邮箱”：管理页和系统页暂时只有表格所有者和服务账号能编辑。请填写后重新运行 init。');
  if (sa.length === 0) report.warnings.push('未提供服务账号邮箱：受保护页的编辑者中没有服务账号，若运行账号不是表格所有者，将无法写入系统页。');
  for (const unit of admin.units) {
    if (unit.liaisonEmails.length === 0) report.warnings.push(`单位“${unit.name}”没有填写联络员邮箱：其台账页“${unit.tab}”暂时只有管理员能编辑。`);
  }

  const phases = { add: [] as Request[], grow: [] as Request[], cells: [] as Request[], format: [] as Request[], rules: [] as Request[], protect: [] as Request[] };
  let nextId = Math.max(0, ...input.sheets.map((s) => s.properties?.sheetId ?? 0)) + 1;
  let nextIndex = input.sheets.length;

  for (const wanted of layout.tabs) {
    const sheet = existing.get(wanted.spec.name);
    const info = sheet ? sheetInfo(sheet.properties) : undefined;
    const sheetId = info?.sheetId ?? nextId++;
    const grid = input.formulas.get(wanted.spec.name) ?? [];
    const placed = placeColumns(wanted, grid, info === undefined);
    const width = Math.max(widthOf(grid), ...placed.columns.map((c) => c.index + 1));

    if (!info) {
      report.createdTabs.push(wanted.spec.name);
      phases.add.push({
        addSheet: {
          properties: {
            sheetId, title: wanted.spec.name, index: nextIndex++, hidden: wanted.hidden,
            gridProperties: { rowCount: Math.max(NEW_TAB_ROWS, wanted.initial.length + 1), columnCount: Math.max(NEW_TAB_COLUMNS, width), frozenRowCount: 1 },
          },
        },
      });
      const body = wanted.initial.slice(1).map((row) => ({ values: row.map(cellData) }));
      if (body.length > 0) phases.cells.push({ updateCells: { start: { sheetId, rowIndex: 1, columnIndex: 0 }, rows: body, fields: 'userEnteredValue' } });
      phases.format.push(...widthRequests(sheetId, placed.columns));
    } else {
      if (width > info.columnCount) phases.grow.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: width - info.columnCount } });
      if (info.frozenRowCount === 0) {
        phases.format.push({ updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: 1 } }, fields: 'gridProperties.frozenRowCount' } });
      }
      if (placed.added.length > 0) report.addedHeaders.push({ tab: wanted.spec.name, headers: placed.added.map((c) => c.spec.header) });
    }
    const isNewHeader = (c: PlacedColumn) => !info || placed.added.includes(c);
    const headerColumns = wanted.spec.role === 'ledger' ? placed.columns.filter((c) => c.spec.key !== CHECK_COLUMN) : placed.columns;
    phases.cells.push(...headerRequests(sheetId, headerColumns, isNewHeader));
    phases.format.push(...formatRequests(sheetId, placed.columns), ...validationRequests(sheetId, placed.columns, { chains: admin.settings.chains }));

    const protections: WantedProtection[] = [];
    if (wanted.spec.role === 'ledger') {
      const unitEmails = admin.units.filter((u) => u.tab === wanted.spec.name).flatMap((u) => u.liaisonEmails);
      const check = placed.columns.find((c) => c.spec.key === CHECK_COLUMN);
      if (check) {
        ledgerCheckColumn(phases, report, { wanted, sheetId, grid, placed: placed.columns, check, width, isNew: !info });
        protections.push({ description: PROTECTION.checkColumn, range: { sheetId, startColumnIndex: check.index, endColumnIndex: check.index + 1 } });
        const highlight = highlightChanges(sheet, sheetId, highlightRules(sheetId, check.index, width));
        phases.rules.push(...highlight.requests);
        report.highlights.added += highlight.added;
        report.highlights.removed += highlight.removed;
      }
      protections.push({ description: PROTECTION.ledger, range: { sheetId }, editors: [...unitEmails, ...admins] });
    } else {
      protections.push({ description: wanted.spec.role === 'admin' ? PROTECTION.admin : PROTECTION.system, range: { sheetId }, editors: admins });
    }
    const protect = protectionChanges(sheet, protections);
    phases.protect.push(...protect.requests);
    report.protections.added += protect.added;
    report.protections.removed += protect.removed;
  }
  const requests = [...phases.add, ...phases.grow, ...phases.cells, ...phases.format, ...phases.rules, ...phases.protect];
  report.requests = requests.length;
  return { requests, report };
}

/**
 * Where each spec column is: found by header (the 校验 column also by its formula), or placed in the
 * first free column on the right. System tabs that already hold data keep their header as written
 * by the runs; only an empty one gets the spec's header.
 */
function placeColumns(wanted: WantedTab, grid: Grid, isNew: boolean): { columns: PlacedColumn[]; added: PlacedColumn[] } {
  const header = grid[0] ?? [];
  if (wanted.spec.role === 'system' && !isNew && widthOf(grid) > 0) return { columns: [], added: [] };
  const columns: PlacedColumn[] = [];
  const added: PlacedColumn[] = [];
  let free = isNew ? 0 : widthOf(grid);
  for (const spec of wanted.spec.columns) {
    const found = spec.key === CHECK_COLUMN && wanted.spec.role === 'ledger'
      ? checkColumnOf(header)
      : header.findIndex((cell) => normalizeHeader(cell) === normalizeHeader(spec.header));
    if (found !== undefined && found >= 0) columns.push({ spec, index: found });
    else {
      const column = { spec, index: free++ };
      columns.push(column);
      if (!isNew) added.push(column);
    }
  }
  return { columns, added };
}

interface CheckColumnContext {
  readonly wanted: WantedTab;
  readonly sheetId: number;
  readonly grid: Grid;
  readonly placed: readonly PlacedColumn[];
  readonly check: PlacedColumn;
  readonly width: number;
  readonly isNew: boolean;
}

/** The 校验 formula in the header cell, set only when it is not already the one wanted. */
function ledgerCheckColumn(phases: { cells: Request[] }, report: ProvisionReport, c: CheckColumnContext): void {
  const header: Cell[] = Array.from({ length: c.width }, (_, i) => cellText(c.grid[0]?.[i]) || null);
  for (const column of c.placed) header[column.index] = column.spec.header;
  const layout = checkLayout(c.wanted.spec.name, header);
  if (!layout) return;
  const formula = checkFormula(layout);
  const current = cellText(c.grid[0]?.[c.check.index]);
  const note = c.check.spec.note;
  if (current === formula) {
    phases.cells.push({ updateCells: { start: { sheetId: c.sheetId, rowIndex: 0, columnIndex: c.check.index }, rows: [{ values: [{ note }] }], fields: 'note' } });
    return;
  }
  report.checkFormulas.push(c.wanted.spec.name);
  phases.cells.push({
    updateCells: {
      start: { sheetId: c.sheetId, rowIndex: 0, columnIndex: c.check.index },
      rows: [{ values: [{ userEnteredValue: { formulaValue: formula }, note, userEnteredFormat: { textFormat: { bold: true } } }] }],
      fields: 'userEnteredValue,note,userEnteredFormat.textFormat.bold',
    },
  });
  if (!c.isNew) {
    phases.cells.push({
      updateCells: { range: { sheetId: c.sheetId, startRowIndex: 1, startColumnIndex: c.check.index, endColumnIndex: c.check.index + 1 }, fields: 'userEnteredValue' },
    });
  }
}
