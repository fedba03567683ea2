/**
 * `npm run targets -- --ledger FILE --indicator 指标名称 --total AMOUNT [--basis 上年实际|平均] [--from OLD]
 * [--round 100] [--replace]`: proposes each unit's target so the parts add up exactly to the city's
 * total, prints it, and fills the blank cells of that 目标任务 column (all of them with --replace).
 */
import { TARGETS_TAB_NAME, editAddress, planTargets, type Grid, SCORE_DETAIL_TAB } from '../core/index.js';
import type { Config } from '../config.js';
import { LedgerError } from '../errors.js';
import { withSession } from '../pipeline/session.js';
import { storeFor } from '../wiring.js';
import type { Args } from './args.js';
import { renderTable } from './table.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

export async function runTargetsCommand(args: Args, config: Config, clock: () => Date): Promise<void> {
  const { indicator, total, basis, from, round, replace } = args.yearly;
  if (!indicator || !total) throw new LedgerError('BAD_CONFIG', '请用 --indicator 指标名称 和 --total 全市目标 指定要分解的指标和总数，如 --indicator 到位资金 --total 120亿');
  const tabs = await withSession(await storeFor(args, config), async (s) => (await s.read()).tabs);
  let history: Grid | undefined = tabs.get(SCORE_DETAIL_TAB.name);
  if (from) {
    const old = /\.xlsx$/i.test(from) ? { ledger: from } : { spreadsheet: from };
    history = await withSession(await storeFor(old, config), async (s) => (await s.read()).tabs.get(SCORE_DETAIL_TAB.name));
  }
  const plan = planTargets({ tabs, history, indicator, total, basis, round, replace });
  if (!plan.ok) throw new LedgerError('BAD_CONFIG', plan.problems.join('\n'));
  const source = plan.equal ? '平均分解' : `按 ${plan.month} 得分明细的实际值`;
  out(`\n${plan.indicator.name} 目标分解：全市 ${fmt(plan.total)} ${plan.unit}，${source}，取整到 ${fmt(plan.step)}`);
  const rows = plan.lines.map((l) => [
    l.name, l.group, l.lastYear === undefined ? '—' : fmt(l.lastYear), `${(l.share * 100).toFixed(1)}%`, fmt(l.target) + (l.raisedToOneStep ? '*' : ''),
    l.write ? (l.existing ? `改写（原 ${l.existing}）` : '写入') : `已有 ${l.existing}，未改`,
  ]);
  rows.push(['合计', '', '', '100%', fmt(plan.lines.reduce((s, l) => s + l.target, 0)), '']);
  out(renderTable(['单位', '考核组别', '上年实际', '占比', '建议目标', '目标任务'], rows, new Set([2, 3, 4])));
  if (plan.lines.some((l) => l.raisedToOneStep)) out(`* 按比例不足 ${fmt(plan.step)}，按“每个目标为正”给 ${fmt(plan.step)}，其余单位重新分配。`);
  if (plan.remainder > 0) out(`总数不是 ${fmt(plan.step)} 的整数倍，余下的 ${fmt(plan.remainder)} 计入目标最大的单位，合计仍等于全市总数。`);
  const kept = plan.lines.filter((l) => !l.write).length;
  if (plan.edits.length === 0) {
    out(`\n“${TARGETS_TAB_NAME}”页该列都已填写，未做改动；要按上表改写请加 --replace。`);
    return;
  }
  if (args.spreadsheet) {
    const { patchSpreadsheetCells } = await import('../../sheets/google/patch-cells.js');
    await patchSpreadsheetCells(args.spreadsheet, TARGETS_TAB_NAME, plan.edits, { ...(config.LEDGER_SHEETS_ROOT_URL ? { rootUrl: config.LEDGER_SHEETS_ROOT_URL } : {}), ...(config.LEDGER_SHEETS_ACCESS_TOKEN ? { accessToken: config.LEDGER_SHEETS_ACCESS_TOKEN } : {}) });
  } else {
    const { patchWorkbookCells } = await import('../../sheets/xlsx/patch-cells.js');
    await patchWorkbookCells(args.ledger!, TARGETS_TAB_NAME, plan.edits, clock());
  }
  out(`\n已写入“${TARGETS_TAB_NAME}”页 ${plan.edits.length} 个单元格（${plan.edits.map(editAddress).join('、')}）${kept > 0 ? `；${kept} 个单位已有目标，未改（要改写请加 --replace）` : ''}。`);
}
