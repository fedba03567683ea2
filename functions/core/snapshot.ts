/** 快照 and 变更记录: what changed in each ledger row since the last run. */
import type { Project } from './ledger.js';
import { SNAPSHOT_HEADERS, projectKey, projectTexts } from './ledger.js';
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
  const now = new Map(current.map((r) => [projectKey(r.unit, r.id), r]));
  const before = new Map(previous.map((r) => [projectKey(r.unit, r.id), r]));
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const p of projects) {
    if (p.id === '') continue;
    const key = projectKey(p.unit, p.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const old = before.get(key);
    if (!old) {
      if (!firstRun) changes.push({ unit: p.unit, id: p.id, field: ADDED, before: '', after: p.name });
      continue;
    }
    const fresh = now.get(key);
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
    if (!seen.has(projectKey(r.unit, r.id))) changes.push({ unit: r.unit, id: r.id, field: REMOVED, before: snapshotContent(r)[SNAPSHOT_HEADERS.indexOf('项目名称')] ?? '', after: '' });
  }
  return changes;
}

/**
 * The new snapshot: one record per project with an id (first occurrence wins). Projects keep the row
 * they had in the previous snapshot, and an unchanged project keeps its 记录时间, so a run rewrites only
 * the rows of projects that changed (new ones go at the end; removed ones drop out).
 */
export function snapshotOf(projects: readonly Project[], previous: readonly SnapshotRecord[] = []): SnapshotRecord[] {
  const current = new Map<string, SnapshotRecord>();
  for (const p of projects) {
    const key = projectKey(p.unit, p.id);
    if (p.id === '' || current.has(key)) continue;
    current.set(key, { unit: p.unit, id: p.id, stage: p.stage, json: JSON.stringify(projectTexts(p)) });
  }
  const out: SnapshotRecord[] = [];
  for (const old of previous) {
    const key = projectKey(old.unit, old.id);
    const fresh = current.get(key);
    if (!fresh) continue;
    current.delete(key);
    out.push(fresh.json === old.json && fresh.stage === old.stage && old.time ? { ...fresh, time: old.time } : fresh);
  }
  for (const fresh of current.values()) out.push(fresh);
  return out;
}
