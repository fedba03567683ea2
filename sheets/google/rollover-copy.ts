import type { Config } from '../../functions/config.js';
import type { RolloverWriter } from '../xlsx/rollover-writer.js';
export function spreadsheetRolloverWriter(_id: string, _config: Config, _say: (line: string) => void): RolloverWriter {
  throw new Error('not yet');
}
