/**
 * Row numbers after deleting rows from a sheet, as Excel moves them when rows are deleted: a row below
 * a deleted one moves up, a range shrinks by the deleted rows it covered and disappears when nothing of
 * it is left, a whole-column range ("A:A", the usual shape of a validation from `init`) never changes.
 * Pure text arithmetic on A1 references, used for every place a worksheet names its own rows.
 */

const ENDPOINT = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?$/;

/** Row arithmetic for one sheet's deletions. */
export interface RowShift {
  /** Whether anything moves at all (no deletions: every function is the identity). */
  readonly active: boolean;
  /** The row's new number, or undefined when the row is deleted. */
  row(r: number): number | undefined;
  /** Where row r's place is afterwards: its new number, or for a deleted row the next kept row's. */
  place(r: number): number;
  /** A reference or range ("D5", "$A$2:$H$300", "A:A", "3:5") after the deletions; undefined when all of it went. */
  ref(ref: string): string | undefined;
  /** A space-separated list of ranges (sqref); undefined when none is left. */
  sqref(sqref: string): string | undefined;
}

/** The shift for 1-based rows deleted from a sheet (any order). */
export function rowShift(deletedRows: readonly number[]): RowShift {
  const deleted = [...new Set(deletedRows)].sort((a, b) => a - b);
  const gone = new Set(deleted);
  /** How many deleted rows are below `limit` (strictly, or including it). */
  const before = (limit: number, inclusive: boolean): number => {
    let lo = 0;
    let hi = deleted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = deleted[mid] ?? 0;
      if (d < limit || (inclusive && d === limit)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const row = (r: number): number | undefined => (gone.has(r) ? undefined : r - before(r, false));

  const ref = (text: string): string | undefined => {
    if (deleted.length === 0) return text;
    const [first, second] = text.split(':');
    const a = ENDPOINT.exec(first ?? '');
    if (!a) return text; // not an A1 reference (a name, an R1C1 form): left as it is
    if (second === undefined) {
      if (a[4] === undefined) return text;
      const moved = row(Number(a[4]));
      return moved === undefined ? undefined : `${a[1]}${a[2] ?? ''}${a[3]}${moved}`;
    }
    const b = ENDPOINT.exec(second);
    if (!b) return text;
    if (a[4] === undefined || b[4] === undefined) return text; // whole columns
    const top = Number(a[4]);
    const bottom = Number(b[4]);
    const [lo, hi] = top <= bottom ? [top, bottom] : [bottom, top];
    // The first row kept at or below the top moves to top − (deleted rows above it); likewise the bottom.
    const newTop = lo - before(lo, false);
    const newBottom = hi - before(hi, true);
    if (newBottom < newTop) return undefined;
    return `${a[1]}${a[2] ?? ''}${a[3]}${newTop}:${b[1]}${b[2] ?? ''}${b[3]}${newBottom}`;
  };

  const sqref = (text: string): string | undefined => {
    if (deleted.length === 0) return text;
    const kept = text.trim().split(/\s+/).map(ref).filter((r): r is string => r !== undefined && r !== '');
    return kept.length > 0 ? kept.join(' ') : undefined;
  };

  return { active: deleted.length > 0, row, place: (r) => r - before(r, false), ref, sqref };
}

// A1 references in a formula: not part of a name or a function (LOG10( ), not after "!" (another sheet's).
const FORMULA_REF = /(^|[^A-Za-z0-9_.!'"\]$])(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(!])/g;

/**
 * A formula of the sheet itself with its unqualified references shifted ("#REF!" for a deleted cell, as
 * Excel does); string literals and references to other sheets are left alone.
 */
export function shiftFormula(formula: string, shift: RowShift): string {
  if (!shift.active) return formula;
  return formula
    .split('"')
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(FORMULA_REF, (_w, lead: string, ref: string) => `${lead}${shift.ref(ref) ?? '#REF!'}`)))
    .join('"');
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUALIFIED_RANGE = String.raw`(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)(?![A-Za-z0-9_(])`;

/**
 * References qualified by a sheet whose rows moved ('台账-温县'!$B$2:$B$9, 孟州台账!A5) shifted in any
 * text: defined names, other sheets' formulas, chart series. The quote may be written as ' or &apos;.
 * Returns the text unchanged (same string) when it names none of these sheets.
 */
export function shiftSheetRefs(text: string, shifts: ReadonlyMap<string, RowShift>): string {
  let out = text;
  for (const [sheet, shift] of shifts) {
    if (!shift.active || !out.includes(sheet)) continue;
    const quoted = escapeRegex(sheet.replace(/'/g, "''")).replace(/''/g, "(?:''|&apos;&apos;)");
    const name = `(?:(?:'|&apos;)${quoted}(?:'|&apos;)|(?<![\\w.'\\u0080-\\uffff])${escapeRegex(sheet)})!`;
    out = out.replace(new RegExp(`(${name})${QUALIFIED_RANGE}`, 'g'), (_w, head: string, ref: string) => `${head}${shift.ref(ref) ?? '#REF!'}`);
  }
  return out;
}
