/**
 * How Google presents stored objects in answers, as recorded real traffic shows (test/fixtures/gspread):
 * proto3 JSON leaves out fields holding their default value. The server stores what requests gave
 * (its own code and tests inspecting the state rely on that) and applies these rules only when answering.
 */
import type { GridRange, Json } from './types.js';

/** A GridRange as answered: `sheetId` 0 is left out (the row/column bounds, optional fields, stay even when 0). */
export function gridRangeView(range: GridRange): GridRange {
  const { sheetId, ...rest } = range;
  return sheetId === 0 || sheetId === undefined ? rest : { sheetId, ...rest };
}

/**
 * A ProtectedRange as answered (addProtectedRange reply and spreadsheets.get): unset, `null` and default
 * fields left out (`description`, `warningOnly: false`, empty `editors.users` / `groups`,
 * `domainUsersCanEdit: false`), `editors` always present (`{}` when nobody is listed) and
 * `requestingUserCanEdit` true (it is output-only; what the request said is ignored).
 */
function protectedRangeAnswer(stored: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(stored)) {
    if (key === 'editors' || key === 'requestingUserCanEdit') continue;
    if (value === null || value === undefined || value === false || value === '') continue;
    out[key] = structuredClone(value);
  }
  out['range'] = gridRangeView((stored['range'] ?? {}) as GridRange);
  out['requestingUserCanEdit'] = true;
  out['editors'] = editorsView((stored['editors'] ?? {}) as Json);
  return out;
}

function editorsView(editors: Json): Json {
  const out: Json = {};
  for (const key of ['users', 'groups'] as const) {
    const list = editors[key];
    if (Array.isArray(list) && list.length > 0) out[key] = structuredClone(list);
  }
  if (editors['domainUsersCanEdit'] === true) out['domainUsersCanEdit'] = true;
  return out;
}

/**
 * A ProtectedRange as answered. Google also lists the account that made the request among the editors
 * of every protected range (warning-only ones too) in spreadsheets.get, though not in the
 * addProtectedRange reply; pass `requestingUser` (see SheetsServerOptions) for the former.
 */
export function protectedRangeView(stored: Json, requestingUser?: string): Json {
  const out = protectedRangeAnswer(stored);
  if (requestingUser !== undefined) {
    const editors = out['editors'] as Json;
    const users = Array.isArray(editors['users']) ? (editors['users'] as string[]) : [];
    if (!users.some((u) => u.toLowerCase() === requestingUser.toLowerCase())) editors['users'] = [...users, requestingUser];
  }
  return out;
}

/** SheetProperties as answered: `hidden: false` and frozen counts of 0 are left out. */
export function sheetPropertiesView(properties: Json): Json {
  const out = structuredClone(properties);
  if (out['hidden'] === false) delete out['hidden'];
  const grid = out['gridProperties'] as Json | undefined;
  if (grid) {
    for (const key of ['frozenRowCount', 'frozenColumnCount']) if (grid[key] === 0) delete grid[key];
  }
  return out;
}

/** A conditional format rule as answered (its ranges through {@link gridRangeView}). */
export function conditionalFormatView(rule: Json): Json {
  const out = structuredClone(rule);
  if (Array.isArray(out['ranges'])) out['ranges'] = (out['ranges'] as GridRange[]).map(gridRangeView);
  return out;
}

/** A named range as answered. */
export function namedRangeView(named: Json): Json {
  return { ...structuredClone(named), range: gridRangeView((named['range'] ?? {}) as GridRange) };
}
