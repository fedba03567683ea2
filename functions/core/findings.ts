/**
 * Findings: what is wrong with a cell, in Chinese, addressed to the person who typed it.
 * Validation returns findings; it never throws.
 */
import type { Cell } from './cells.js';
import type { Level } from './vocabulary.js';

export interface Finding {
  readonly level: Level;
  /** Tab name as the user sees it. */
  readonly tab: string;
  /** A1 address of the cell, e.g. "K5". */
  readonly cell: string;
  /** Column header of the field, e.g. "签约日期". */
  readonly field: string;
  /** What was typed, as text ("" for a blank cell). */
  readonly value: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /** The unit whose ledger this is ("" for admin tabs). */
  readonly unit: string;
  /** The row's 项目编号 ("" when none). */
  readonly projectId: string;
  /** 1-based sheet row (0 for a tab-level finding). */
  readonly row: number;
}

/** "问题。改法" — the 问题 column of 校验结果. */
export function problemText(finding: Finding): string {
  return `${finding.problem}。${finding.fix}`;
}

/** The complete sentence shown to a person: tab, cell, field, the value quoted, the fix. */
export function findingMessage(finding: Finding): string {
  const value = finding.value === '' ? '（空白）' : `“${finding.value}”`;
  return `【${finding.tab} ${finding.cell} ${finding.field}】${finding.level}：${finding.problem}，填报值${value}。${finding.fix}`;
}

/** Where a parser reports a finding on an admin tab: level, tab, A1 cell, field, the cell as typed, problem, fix. */
export type FindingSink = (level: Level, tab: string, cell: string, field: string, value: Cell, problem: string, fix: string) => void;

/** A problem that makes the workbook unusable as a whole (missing tab or column): exit code 2. */
export interface StructureProblem {
  readonly tab: string;
  readonly message: string;
}
