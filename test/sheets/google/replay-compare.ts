/**
 * Replaying recorded Google Sheets API traffic (test/fixtures/gspread) against the loopback test
 * server, and the comparison rule that decides whether the test server answered as Google did.
 *
 * Comparison rule:
 * - The status code must be equal.
 * - Every key, type and value must be equal, recursively, with arrays compared element by element
 *   (so a trailing blank the test server keeps and Google trims is a difference), EXCEPT:
 *   - ids the server invents (sheetId, protectedRangeId, namedRangeId) are mapped: the first time an
 *     id appears in an answer, the recorded and the replayed value are paired, and from then on the
 *     pair counts as equal; requests are rewritten from recorded to replayed ids before sending;
 *   - `error.message` and `error.details` are compared loosely (same type, message non-empty): the
 *     store keys its behaviour on code and status, and the wording is not a contract;
 *   - `spreadsheetUrl` must be a string (Google sometimes appends `?ouid=…`).
 */

/** One recorded Sheets request and Google's answer, as the fixtures keep it. */
export interface RecordedInteraction {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
}

/** One fixture: a cassette's first session (one spreadsheet created through Drive). */
export interface Fixture {
  readonly source: { repository: string; path: string; commit: string; licence: string };
  readonly session: { spreadsheetId: string | null; title: string | null; interactions: RecordedInteraction[] };
}

/** One difference between Google's answer and the test server's. */
export interface Difference {
  readonly path: string;
  readonly google: unknown;
  readonly ours: unknown;
}

/** Keys whose values are ids the server invents; compared through the id map. */
const ID_KEYS = new Set(['sheetId', 'protectedRangeId', 'namedRangeId']);

/** Paths (dotted, array indices as `[]`) compared by type only. */
const LOOSE_PATHS = new Set(['error.message', 'spreadsheetUrl']);
/** Paths not compared at all (their absence or presence is fine). */
const IGNORED_PATHS = new Set(['error.details']);

/** Recorded id ↔ replayed id, per kind of id (a sheet and a protected range may share a number). */
export class IdMap {
  readonly #toOurs = new Map<string, unknown>();
  readonly #toGoogle = new Map<string, unknown>();

  /** Pairs a recorded id with the replayed one, if neither is paired yet. */
  pair(key: string, google: unknown, ours: unknown): void {
    const g = `${key}:${String(google)}`;
    const o = `${key}:${String(ours)}`;
    if (this.#toOurs.has(g) || this.#toGoogle.has(o)) return;
    this.#toOurs.set(g, ours);
    this.#toGoogle.set(o, google);
  }

  /** The replayed id for a recorded one (unchanged when not paired). */
  ours(key: string, google: unknown): unknown {
    return this.#toOurs.has(`${key}:${String(google)}`) ? this.#toOurs.get(`${key}:${String(google)}`) : google;
  }

  /** True when the two ids are known to be the same entity, or are equal and unpaired. */
  same(key: string, google: unknown, ours: unknown): boolean {
    const g = `${key}:${String(google)}`;
    if (this.#toOurs.has(g)) return this.#toOurs.get(g) === ours;
    return google === ours && !this.#toGoogle.has(`${key}:${String(ours)}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Rewrites recorded ids in a request body to the replayed ones. */
export function toOurIds(value: unknown, ids: IdMap): unknown {
  if (Array.isArray(value)) return value.map((v) => toOurIds(v, ids));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ID_KEYS.has(k) ? ids.ours(k, v) : toOurIds(v, ids)]));
}

/** Pairs every id found at the same place in both answers (call before {@link compare}). */
export function learnIds(google: unknown, ours: unknown, ids: IdMap): void {
  if (Array.isArray(google) && Array.isArray(ours)) {
    google.forEach((g, i) => learnIds(g, ours[i], ids));
    return;
  }
  if (!isObject(google) || !isObject(ours)) return;
  for (const [k, g] of Object.entries(google)) {
    if (ID_KEYS.has(k) && k in ours) ids.pair(k, g, ours[k]);
    else learnIds(g, ours[k], ids);
  }
}

/** Every difference between Google's answer and ours under the rule above (empty = match). */
export function compare(google: unknown, ours: unknown, ids: IdMap, path = ''): Difference[] {
  if (IGNORED_PATHS.has(path)) return [];
  const here = (): Difference[] => [{ path: path || '(body)', google, ours }];
  if (typeOf(google) !== typeOf(ours)) return here();
  if (LOOSE_PATHS.has(path)) return typeof ours === 'string' && ours === '' ? here() : [];
  if (Array.isArray(google) && Array.isArray(ours)) {
    if (google.length !== ours.length) return [{ path: `${path}.length`, google: google.length, ours: ours.length }, ...compareItems(google, ours, ids, path)];
    return compareItems(google, ours, ids, path);
  }
  if (isObject(google) && isObject(ours)) {
    const keys = [...new Set([...Object.keys(google), ...Object.keys(ours)])];
    return keys.flatMap((k) => {
      const sub = path ? `${path}.${k}` : k;
      if (IGNORED_PATHS.has(sub)) return [];
      if (!(k in ours)) return [{ path: sub, google: google[k], ours: '(missing)' }];
      if (!(k in google)) return [{ path: sub, google: '(missing)', ours: ours[k] }];
      if (ID_KEYS.has(k)) return ids.same(k, google[k], ours[k]) ? [] : [{ path: sub, google: google[k], ours: ours[k] }];
      return compare(google[k], ours[k], ids, sub);
    });
  }
  return Object.is(google, ours) ? [] : here();
}

function compareItems(google: unknown[], ours: unknown[], ids: IdMap, path: string): Difference[] {
  const n = Math.min(google.length, ours.length);
  return Array.from({ length: n }, (_, i) => compare(google[i], ours[i], ids, `${path}[]`).map((d) => ({ ...d, path: d.path.replace(`${path}[]`, `${path}[${i}]`) }))).flat();
}
