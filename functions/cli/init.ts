/**
 * `npm run init -- --ledger FILE.xlsx`: a new, empty, ready-to-use workbook with the default 参数 and
 * 考评办法 and one ledger tab per unit. An existing file is never overwritten.
 * `--spreadsheet ID` provisions a Google spreadsheet instead (idempotent).
 */
import { stat } from 'node:fs/promises';
import { DEFAULT_CHAINS, DEFAULT_METHOD, bookTabs, defaultSettings, shanghaiParts, type UnitDef } from '../core/index.js';
import type { Config } from '../config.js';
import { LedgerError } from '../errors.js';
import { createWorkbookFile } from '../../sheets/xlsx/create-workbook.js';
import type { Args } from './args.js';

/** The units a new ledger starts with unless `--units` says otherwise: edit the 单位 tab to suit. */
export const STARTER_UNITS = '沁阳市:县市组,孟州市:县市组,博爱县:县市组,武陟县:县市组,修武县:县市组,温县:县市组,解放区:城区组,山阳区:城区组,中站区:城区组,马村区:城区组,示范区:开发区组,高新区:开发区组';

export function parseUnits(text: string): UnitDef[] {
  return text.split(/[,，、]/).map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, group] = part.split(/[:：]/).map((s) => s.trim());
    if (!name || !group) throw new LedgerError('BAD_CONFIG', `--units 中“${part}”格式不对：请写成 单位名称:考核组别，多个用逗号分隔`);
    return { name, group };
  });
}

export async function runInit(args: Args, config: Config, clock: () => Date): Promise<void> {
  const year = args.year ?? shanghaiParts(clock()).year;
  const units = parseUnits(args.units ?? STARTER_UNITS);
  const settings = Object.fromEntries(defaultSettings(year, args.city ?? '本市'));
  const tabs = bookTabs({ settings, units, method: DEFAULT_METHOD, targets: {}, columns: 'all' });
  if (args.spreadsheet) {
    const { provisionFromCli } = await import('../../sheets/google/provision-cli.js');
    await provisionFromCli(args.spreadsheet, tabs, config);
    return;
  }
  const path = args.ledger!;
  if (await stat(path).then(() => true, () => false)) {
    throw new LedgerError('LEDGER_UNUSABLE', `“${path}”已经存在，不会覆盖：请换一个文件名，或先把旧文件移走。`);
  }
  await createWorkbookFile(path, tabs, DEFAULT_CHAINS);
  process.stdout.write(`已创建 ${path}：${units.length} 个单位的台账页、默认参数和考评办法。\n下一步：在“参数”页填写城市和收件人，在“单位”页核对单位和邮箱，在“目标任务”页填写年度目标。\n`);
}
