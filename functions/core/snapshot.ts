/** 快照 and 变更记录: what changed in each ledger row since the last run. */
import type { Project } from './ledger.js';
import { SNAPSHOT_HEADERS, snapshotJson } from './ledger.js';
import { PairMap } from './pair-map.js';
import { snapshotContent, type SnapshotRecord } from './system-records.js';

export interface Change {
  readonly unit: string;
  readonly id: string;
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export const ADDED = '（新增项目）';
export const REMOVED = '（删除项目）';

/** Field-by-field differences; a new project is one 新增 row, a vanished one one 删除 row. */
export function diffSnapshot(previous: readonly SnapshotRecord[], current: readonly SnapshotRecord[], projects: readonly Project[], firstRun: boolean): Change[] {
  // Nothing to compare with and nothing to announce: every project would be skipped below as new.
  if (firstRun && previous.length === 0) return [];
  const now = byProject(current);
  const before = byProject(previous);
  const seen = new PairMap<true>();
  const changes: Change[] = [];
  for (const p of projects) {
    if (p.id === '') continue;
    if (seen.has(p.unit, p.id)) continue;
    seen.set(p.unit, p.id, true);
    const old = before.get(p.unit, p.id);
    if (!old) {
      if (!firstRun) changes.push({ unit: p.unit, id: p.id, field: ADDED, before: '', after: p.name });
      continue;
    }
    const fresh = now.get(p.unit, p.id);
    if (!fresh || fresh.json === old.json) continue;
    const was = snapshotContent(old);
    const is = snapshotContent(fresh);
    for (let i = 0; i < SNAPSHOT_HEADERS.length; i++) {
      const field = SNAPSHOT_HEADERS[i] ?? '';
      const before = was[i] ?? '';
      const after = is[i] ?? '';
      if (before !== after) changes.push({ unit: p.unit, id: p.id, field, before, after });
    }
  }
  for (const r of previous) {
    if (!seen.has(r.unit, r.id)) changes.push({ unit: r.unit, id: r.id, field: REMOVED, before: snapshotContent(r)[SNAPSHOT_HEADERS.indexOf('项目名称')] ?? '', after: '' });
  }
  return changes;
}

/** Records by unit and 项目编号; a later record of the same project replaces an earlier one. */
function byProject(records: readonly SnapshotRecord[]): PairMap<SnapshotRecord> {
  const map = new PairMap<SnapshotRecord>();
  for (const r of records) map.set(r.unit, r.id, r);
  return map;
}

/**
 * The new snapshot: one record per project with an id (first occurrence wins). Projects keep the row
 * they had in the previous snapshot, and an unchanged project keeps its 记录时间, so a run rewrites only
 * the rows of projects that changed (new ones go at the end; removed ones drop out).
 */
export function snapshotOf(projects: readonly Project[], previous: readonly SnapshotRecord[] = []): SnapshotRecord[] {
  const current = new PairMap<SnapshotRecord>();
  const fresh: SnapshotRecord[] = []; // in the order first seen
  for (const p of projects) {
    if (p.id === '' || current.has(p.unit, p.id)) continue;
    const record = { unit: p.unit, id: p.id, stage: p.stage, json: snapshotJson(p) };
    current.set(p.unit, p.id, record);
    fresh.push(record);
  }
  if (previous.length === 0) return fresh;
  const placed = new Set<SnapshotRecord>();
  const out: SnapshotRecord[] = [];
  for (const old of previous) {
    const record = current.get(old.unit, old.id);
    if (!record || placed.has(record)) continue;
    placed.add(record);
    if (record.json !== old.json) {
      out.push(record);
      continue;
    }
    // The same text is already held by the previous 快照 (kept in the run's outcome): share that one and
    // let the new copy go, rather than hold every unchanged row's text twice (some 40 MB per 100,000 rows).
    out.push(record.stage === old.stage && old.time ? { ...record, json: old.json, time: old.time } : { ...record, json: old.json });
  }
  for (const record of fresh) if (!placed.has(record)) out.push(record);
  return out;
}
