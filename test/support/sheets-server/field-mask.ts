/**
 * FieldMask helpers: parse `a,b.c,d(e,f)` / `*` and get/set/delete by path.
 */
import { badRequest } from './errors.js';
import type { Json } from './types.js';

/** A parsed field path, e.g. `['userEnteredFormat', 'numberFormat']`. */
export type FieldPath = string[];

/** Parses a FieldMask string (`.` or `/` between segments). `*` yields `[['*']]`. Throws on an empty mask. */
export function parseFieldMask(mask: unknown): FieldPath[] {
  if (typeof mask !== 'string' || mask.trim() === '') {
    throw badRequest('At least one field must be specified.');
  }
  const out: FieldPath[] = [];
  let i = 0;
  // Google also accepts `/` between path segments (`gridProperties/frozenRowCount`, as gspread sends).
  const text = mask.replace(/\s+/g, '').replace(/\//g, '.');
  const parseList = (prefix: FieldPath): void => {
    for (;;) {
      let name = '';
      while (i < text.length && !',()'.includes(text[i] ?? '')) name += text[i++];
      const path = [...prefix, ...name.split('.').filter(Boolean)];
      if (text[i] === '(') {
        i++;
        parseList(path);
        if (text[i] !== ')') throw badRequest(`Invalid field mask: ${mask}`);
        i++;
      } else if (path.length > prefix.length) {
        out.push(path);
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      return;
    }
  };
  parseList([]);
  if (i !== text.length || out.length === 0) throw badRequest(`Invalid field mask: ${mask}`);
  return out;
}

/** Reads a nested value, or `undefined`. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}

/** Sets a nested value, creating intermediate objects. */
export function setPath(obj: Json, path: readonly string[], value: unknown): void {
  let cur: Json = obj;
  path.slice(0, -1).forEach((key) => {
    const next = cur[key];
    if (!next || typeof next !== 'object') cur[key] = {};
    cur = cur[key] as Json;
  });
  const last = path[path.length - 1];
  if (last !== undefined) cur[last] = structuredClone(value);
}

/** Deletes a nested value and prunes parents left empty. */
export function deletePath(obj: Json, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    delete obj[head];
    return;
  }
  const child = obj[head];
  if (!child || typeof child !== 'object') return;
  deletePath(child as Json, rest);
  if (Object.keys(child).length === 0) delete obj[head];
}

/** Copies `path` from `source` to `target` (deleting it from `target` when absent in `source`). */
export function copyPath(target: Json, source: Json | undefined, path: readonly string[]): void {
  const value = getPath(source, path);
  if (value === undefined) deletePath(target, path);
  else setPath(target, path, value);
}

/**
 * Keeps only the parts of an answer named by the `fields` system parameter, as Google does for every
 * method: a named part that exists is kept (an object whose selected children are all absent stays as
 * `{}`, e.g. `sheets.properties.tabColorStyle` → `{"sheets":[{"properties":{}}]}`), an absent one is
 * left out, and arrays are filtered element by element.
 */
export function projectFields(value: unknown, paths: readonly FieldPath[]): unknown {
  if (paths.some((p) => p.length === 0 || p[0] === '*')) return structuredClone(value);
  if (Array.isArray(value)) return value.map((item) => projectFields(item, paths));
  if (!value || typeof value !== 'object') return structuredClone(value);
  const out: Json = {};
  const byHead = new Map<string, FieldPath[]>();
  for (const [head = '', ...rest] of paths) byHead.set(head, [...(byHead.get(head) ?? []), rest]);
  for (const [head, rests] of byHead) {
    const child = (value as Json)[head];
    if (child !== undefined) out[head] = projectFields(child, rests);
  }
  return out;
}

/**
 * A request object with `null` fields removed, and objects left empty by that removal removed too:
 * in Google's JSON a `null` means "not set", so `tabColorStyle: { rgbColor: null }` under the mask
 * `tabColorStyle` clears the colour (recorded: gspread's clear_tab_color).
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null) continue;
    const kept = withoutNulls(child);
    const emptied = kept && typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0 && Object.keys(child as Json).length > 0;
    if (!emptied) out[key] = kept;
  }
  return out;
}
