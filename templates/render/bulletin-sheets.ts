/** The workbook attached to the 月度通报. */
import type { BulletinModel } from '../model/index.js';
import type { SheetSpec } from '../xlsx/workbook.js';
import { detailSheet, excludedSheet, rankingSheet, warningSheet } from './sheets.js';

/** 排名 (every indicator's score), 序时进度, 得分明细, 预警, 未计入考核的项目. */
export function bulletinSheets(m: BulletinModel): SheetSpec[] {
  const scoreOf = new Map(m.details.map((d) => [d.unit, { lines: new Map(d.lines.map((l) => [l.name, l.score])), adjustment: d.adjustment }]));
  const ranking = rankingSheet('排名', m.groups.flatMap((g) => g.units), {
    columns: [...m.indicatorNames, '加减分'].map((header) => ({ header, kind: 'score' as const })),
    values: (u) => [...m.indicatorNames.map((n) => scoreOf.get(u.name)?.lines.get(n)), scoreOf.get(u.name)?.adjustment],
  });
  const sheets: SheetSpec[] = [ranking];
  if (m.unitPace) {
    sheets.push({
      name: `${m.unitPace.indicator}序时进度`,
      freezeColumns: 1,
      columns: [
        { header: '单位名称', kind: 'text', width: 14 }, { header: '考核组别', kind: 'text', width: 10 },
        { header: '完成', kind: m.unitPace.valueUnit === '万元' ? 'yi' : 'num' }, { header: '年度目标', kind: m.unitPace.valueUnit === '万元' ? 'yi' : 'num' },
        { header: '完成年度目标', kind: 'pct', width: 12 }, { header: '序时进度', kind: 'pct' }, { header: '差距(百分点)', kind: 'score', width: 12 },
      ],
      rows: m.unitPace.rows.map((r) => {
        const gap = Math.round((r.progress - m.pace) * 1000) / 10;
        return [r.unit, r.group, r.actual, r.target, r.progress, m.pace, gap <= -30 ? { value: gap, tone: 'bad' } : gap <= -10 ? { value: gap, tone: 'warn' } : gap];
      }),
    });
  }
  sheets.push(detailSheet(m.details), warningSheet(m.warnings), excludedSheet(m.excluded));
  return sheets;
}
