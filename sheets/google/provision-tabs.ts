/**
 * Which tabs a ledger spreadsheet must have, with their columns, all derived from tabs.ts and the
 * admin tabs: the five admin tabs, one ledger tab per row of 单位, the system tabs and the hidden
 * 校验汇总. Also what a tab created now starts with (the defaults of 参数 and 考评办法).
 */
import type { Cell, Grid } from '../../functions/core/cells.js';
import { parseAdmin, type AdminData } from '../../functions/core/admin.js';
import { DEFAULT_METHOD, bookTabs } from '../../functions/core/book.js';
import {
  ADJUSTMENTS_TAB, LEDGER_LAYOUT, METHOD_TAB, RANKING_TAB_NAME, SETTINGS_TAB, SIGNOFF_TAB, SYSTEM_TABS, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN, UNITS_TAB,
  rankingHeaders, type ColumnSpec, type TabSpec,
} from '../../functions/core/tabs.js';
import { basisUnit } from '../../functions/core/bases.js';
import { scoringRule } from '../../functions/core/scorings.js';
import { CHECK_SUMMARY_TAB } from './check-summary.js';

/** A tab to ensure, and the rows it gets if it is created now (header row included). */
export interface WantedTab {
  readonly spec: TabSpec;
  readonly initial: readonly (readonly Cell[])[];
  readonly hidden: boolean;
}

/** The parsed admin tabs and every tab the spreadsheet must have. */
export interface LedgerLayout {
  readonly admin: AdminData;
  readonly tabs: readonly WantedTab[];
}

const systemColumn = (header: string): ColumnSpec => ({ key: header, header, kind: 'system', note: '系统生成，请勿修改。', width: 10 });
const headersOf = (spec: TabSpec): Cell[] => spec.columns.map((c) => c.header);

/** What admin tabs created now start with. */
export interface Starters {
  /** Grids for tabs created now (e.g. `bookTabs` of the `init` command's units, year and city). */
  readonly tabs?: ReadonlyMap<string, Grid>;
  /** 年度 and 城市 of a 参数 tab created now, when `tabs` has none. */
  readonly year?: number;
  readonly city?: string;
}

/**
 * The tabs to ensure, given the admin tabs as read (`values`, missing tabs absent). Admin tabs that do
 * not exist yet start as `starters.tabs` has them, else with the defaults of 参数 and 考评办法; the units
 * of the resulting 单位 get their ledger tabs.
 */
export function wantedTabs(values: ReadonlyMap<string, Grid>, starters: Starters = {}): LedgerLayout {
  const fallback = bookTabs({ settings: { 年度: starters.year || null, 城市: starters.city || null }, units: [], method: DEFAULT_METHOD, targets: {}, columns: 'all' });
  const defaults = new Map<string, Grid>([...fallback, ...(starters.tabs ?? [])]);
  const tabs = new Map<string, Grid>(values);
  for (const name of [SETTINGS_TAB.name, UNITS_TAB.name, METHOD_TAB.name, ADJUSTMENTS_TAB.name, SIGNOFF_TAB.name]) {
    if (!tabs.has(name)) tabs.set(name, defaults.get(name) ?? []);
  }
  const method = parseAdmin(new Map([...tabs, [TARGETS_TAB_NAME, tabs.get(TARGETS_TAB_NAME) ?? [[TARGETS_UNIT_COLUMN.header]]]])).method;
  const targetNames = method.filter((m) => scoringRule(m.scoring)?.target === 'required').map((m) => ({ name: m.name, unit: basisUnit(m.basis) }));
  const starterTargets = starters.tabs?.get(TARGETS_TAB_NAME);
  if (!tabs.has(TARGETS_TAB_NAME)) tabs.set(TARGETS_TAB_NAME, starterTargets ?? [[TARGETS_UNIT_COLUMN.header, ...targetNames.map((t) => t.name)]]);
  const admin = parseAdmin(tabs);

  const targetsSpec: TabSpec = {
    name: TARGETS_TAB_NAME,
    role: 'admin',
    columns: [
      TARGETS_UNIT_COLUMN,
      ...targetNames.map((t): ColumnSpec => ({ key: t.name, header: t.name, kind: 'number', note: `“${t.name}”的年度目标，单位：${t.unit}。`, width: 12 })),
    ],
  };
  const adminSpecs = [SETTINGS_TAB, UNITS_TAB, targetsSpec, METHOD_TAB, ADJUSTMENTS_TAB, SIGNOFF_TAB];
  const adminTabs = adminSpecs.map((spec): WantedTab => ({ spec, initial: initialAdminRows(spec, tabs, admin, starterTargets), hidden: false }));

  const ledgerNames = [...new Set(admin.units.map((u) => u.tab))];
  const ledgerTabs = ledgerNames.map((name): WantedTab => {
    const spec: TabSpec = { name, role: 'ledger', columns: LEDGER_LAYOUT };
    return { spec, initial: [headersOf(spec)], hidden: false };
  });

  const ranking: TabSpec = { name: RANKING_TAB_NAME, role: 'system', columns: rankingHeaders(admin.method.map((m) => m.name)).map(systemColumn) };
  const systemSpecs = [...SYSTEM_TABS.map((spec) => (spec.name === RANKING_TAB_NAME ? ranking : spec)), CHECK_SUMMARY_TAB];
  const systemTabs = systemSpecs.map((spec): WantedTab => ({ spec, initial: [headersOf(spec)], hidden: spec === CHECK_SUMMARY_TAB }));

  return { admin, tabs: [...adminTabs, ...ledgerTabs, ...systemTabs] };
}

/** A new admin tab: as started, or defaults for 参数 and 考评办法, one row per unit for 目标任务. */
function initialAdminRows(spec: TabSpec, tabs: ReadonlyMap<string, Grid>, admin: AdminData, starterTargets: Grid | undefined): Cell[][] {
  if (spec.name === TARGETS_TAB_NAME && !starterTargets) return [headersOf(spec), ...admin.units.map((u) => [u.name])];
  const grid = tabs.get(spec.name);
  return (grid ?? [headersOf(spec)]).map((row) => [...(row ?? [])]);
}
