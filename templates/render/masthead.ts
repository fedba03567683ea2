/** The 公文 head of the 月度通报, shared by the mail and the PDF. */
import type { BulletinModel } from '../model/index.js';
import { shanghaiDateText } from '../html/format.js';

export interface Masthead {
  /** 发文单位: the red head and the 落款. */
  readonly issuer: string;
  /** "第10期". */
  readonly issue: string;
  /** Date of issue, the run's date in Shanghai: "2026年11月1日". */
  readonly date: string;
}

/** The head of a bulletin: 发文单位, 第N期 (参数.期号 + month − 1), and the date it was issued. */
export function masthead(m: BulletinModel): Masthead {
  return { issuer: m.issuer, issue: `第${m.issue}期`, date: shanghaiDateText(m.generatedAt) };
}
