/**
 * Reading back what earlier runs wrote into the system tabs. These tabs are written by the system in
 * text conventions (`YYYY-MM`, `YYYY-MM-DD HH:mm`, 是/否), so reading is lenient: a row it cannot
 * understand is skipped, never fatal.
 */
import { cellText, type Cell, type Grid } from './cells.js';
import { headerIndex } from './table.js';
import { formatPeriod, parsePeriod, parseShanghaiTime, shanghaiToday, type Day } from './dates.js';
import { STAGES, type Stage } from './vocabulary.js';

export interface WeeklyRecord {
  readonly deadline: Date;
  readonly deadlineDay: Day;
  readonly unit: string;
  readonly onTime: boolean;
  readonly updated: number;
  readonly due: number;
}

export interface RankingRecord {
  readonly month: string;
  readonly unit: string;
  readonly groupRank: number | undefined;
}

export interface SnapshotRecord {
  readonly unit: string;
  readonly id: string;
  readonly stage: Stage | undefined;
  /**
   * JSON array of the row's cell texts in ledger column order (see SNAPSHOT_HEADERS), as last seen;
   * parsed only when it differs from the current row. An array keeps 100,000 rows small.
   */
  readonly json: string;
  /** 记录时间: when this content was first seen (kept while the row does not change). */
  readonly time?: string;
}

/** The texts of a snapshot record; [] when its JSON is damaged. */
export function snapshotContent(record: SnapshotRecord): string[] {
  try {
    const parsed: unknown = JSON.parse(record.json || '[]');
    return Array.isArray(parsed) ? parsed.map((v) => (typeof v === 'string' ? v : String(v ?? ''))) : [];
  } catch {
    return [];
  }
}

export interface SendRecord {
  readonly month: string;
  readonly report: string;
  readonly to: string;
  readonly status: string;
  readonly messageId: string;
  readonly time: string;
  readonly note: string;
}

export interface RunRecord {
  readonly runId: string;
  readonly job: string;
  readonly start: string;
  readonly end: string;
  readonly result: string;
  readonly note: string;
}

/** Rows of a system tab as header → cell maps. */
export function recordsOf(grid: Grid | undefined): Array<(header: string) => Cell> {
  if (!grid || grid.length < 2) return [];
  const index = headerIndex(grid[0]);
  const out: Array<(header: string) => Cell> = [];
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i];
    if (!row || row.every((c) => c === null || c === undefined || c === '')) continue;
    out.push((header) => {
      const at = index.get(header);
      return at === undefined ? undefined : row[at];
    });
  }
  return out;
}

const text = (cell: Cell): string => cellText(cell).trim();

function timeOf(cell: Cell): Date | undefined {
  if (cell instanceof Date) return cell;
  if (typeof cell === 'number') return new Date(Math.round((cell - 25_569) * 86_400_000) - 8 * 3_600_000);
  return parseShanghaiTime(text(cell));
}

export function readWeeklyRecords(grid: Grid | undefined): WeeklyRecord[] {
  const out: WeeklyRecord[] = [];
  for (const get of recordsOf(grid)) {
    const deadline = timeOf(get('截止时间'));
    const unit = text(get('单位名称'));
    if (!deadline || unit === '') continue;
    out.push({
      deadline, deadlineDay: shanghaiToday(deadline), unit, onTime: text(get('按时')) === '是',
      updated: Number(get('已更新项目数')) || 0, due: Number(get('应更新项目数')) || 0,
    });
  }
  return out;
}

export function readRankingRecords(grid: Grid | undefined): RankingRecord[] {
  const out: RankingRecord[] = [];
  for (const get of recordsOf(grid)) {
    const monthCell = get('月份');
    const period = monthCell instanceof Date ? { year: monthCell.getUTCFullYear(), month: monthCell.getUTCMonth() + 1 } : parsePeriod(text(monthCell));
    const unit = text(get('单位名称'));
    if (!period || unit === '') continue;
    const rank = Number(text(get('组内排名')));
    out.push({ month: formatPeriod(period), unit, groupRank: Number.isInteger(rank) && rank > 0 ? rank : undefined });
  }
  return out;
}

export function readSnapshot(grid: Grid | undefined): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const get of recordsOf(grid)) {
    const unit = text(get('单位名称'));
    const id = text(get('项目编号'));
    if (unit === '' || id === '') continue;
    const stageText = text(get('项目阶段'));
    out.push({ unit, id, stage: (STAGES as readonly string[]).includes(stageText) ? (stageText as Stage) : undefined, json: text(get('内容')), time: text(get('记录时间')) });
  }
  return out;
}

export function readSendLog(grid: Grid | undefined): SendRecord[] {
  return recordsOf(grid).map((get) => ({
    month: text(get('月份')), report: text(get('报告')), to: text(get('收件人')), status: text(get('状态')),
    messageId: text(get('Message-ID')), time: text(get('时间')), note: text(get('说明')),
  }));
}

export function readRunLog(grid: Grid | undefined): RunRecord[] {
  return recordsOf(grid).map((get) => ({
    runId: text(get('运行ID')), job: text(get('任务')), start: text(get('开始')), end: text(get('结束')),
    result: text(get('结果')), note: text(get('说明')),
  }));
}


