/**
 * A generated city of any size for the template tests: three 考核组别, the default 考评办法, targets, a
 * ledger per unit with every stage, a few rows with 错误, hostile project names, a 周报记录 and a
 * synthetic 排名 history for January–November 2026. Deterministic (seeded), so sizes are repeatable.
 */
import { DEFAULT_METHOD, RANKING_TAB_NAME, WEEKLY_TAB, competitionRank, type BookDef, type Cell } from '../../../functions/core/index.js';

/** Run time of the generated June assessment: 2026-07-01 06:00 in Shanghai. */
export const GENERATED_NOW = new Date('2026-06-30T22:00:00Z');

/** Names typed by someone who wants to break things; unit 0 gets them all. */
export const HOSTILE_NAMES = [
  '<script>alert("x")</script>园区',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)项目',
  '-2+3 项目',
  '@SUM(A1)项目',
  '换行\r\n项目\n第二行',
] as const;

const SYLLABLES = '东西南北新安永丰宁和平兴康泰华长清明昌福'.split('');
const GROUPS = [
  { name: '县市组', suffix: '县', share: 0.4 },
  { name: '城区组', suffix: '区', share: 0.3 },
  { name: '开发区组', suffix: '开发区', share: 0.3 },
] as const;

/** A small deterministic generator (LCG) so every run builds the same city. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const day = (m: number, d: number, y = 2026) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A city of `count` units (at most 400 distinct names). */
export function generatedCity(count: number, seed = 7): BookDef {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const units = Array.from({ length: count }, (_, i) => {
    const g = i < count * 0.4 ? GROUPS[0] : i < count * 0.7 ? GROUPS[1] : GROUPS[2];
    const name = `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}${g.suffix}`;
    return { name, group: g.name, leaderEmails: `leader${i}@example.gov.cn`, liaisonEmails: `liaison${i}@example.gov.cn; staff${i}@example.gov.cn` };
  });
  const targets: Record<string, Record<string, Cell>> = {};
  const ledgers: Record<string, Record<string, Cell>[]> = {};
  units.forEach((u, i) => {
    targets[u.name] = { 到位资金: int(20, 100) * 1000, 签约项目数: int(5, 15), 签约金额: int(50, 300) * 1000, 开工项目数: int(3, 10) };
    const rows: Record<string, Cell>[] = [];
    const projects = int(5, 9);
    for (let p = 0; p < projects; p++) {
      const stage = (['洽谈', '签约', '签约', '落地', '开工', '开工', '投产', '终止'] as const)[int(0, 7)];
      const amount = int(1, 60) * 1000;
      const signMonth = int(1, 6);
      const signYear = rnd() < 0.3 ? 2025 : 2026;
      const row: Record<string, Cell> = {
        项目编号: `P${i}-${p}`, 项目名称: i === 0 && p < HOSTILE_NAMES.length ? HOSTILE_NAMES[p] : `${u.name}第${p + 1}号产业项目`,
        产业链: '装备制造', 项目阶段: stage, '总投资(万元)': amount, 责任领导: '王某', 进展情况: '按计划推进',
        更新日期: day(6, int(1, 30)),
      };
      if (stage !== '洽谈') {
        Object.assign(row, { 投资方: `${u.name}合作企业${p}有限公司`, '合同投资额(万元)': amount, 签约日期: day(signMonth, int(1, 28), signYear) });
        if (rnd() < 0.2) row.企业类型 = '央企';
      }
      if (stage === '开工' || stage === '投产') row.开工日期 = day(Math.min(6, signMonth + 1), 28);
      if (stage === '投产') row.投产日期 = day(6, 29);
      if (stage === '终止') row.存在问题 = '投资方撤资';
      for (let m = 1; m <= 6; m++) if (stage !== '洽谈' && rnd() < 0.4) row[`${m}月到位(万元)`] = int(1, 20) * 100;
      rows.push(row);
    }
    if (i % 7 === 3) rows.push({ 项目编号: `P${i}-bad`, 项目名称: i === 3 ? '<b>错误</b>=1+1' : `${u.name}待核项目`, 产业链: '新材料', 项目阶段: '签约', '总投资(万元)': 5000, '合同投资额(万元)': 5000, 投资方: '某公司', 签约日期: '2026-02-30', 责任领导: '李某', 进展情况: '待核', 更新日期: day(6, 20) });
    ledgers[u.name] = rows;
  });
  return {
    settings: { 年度: 2026, 城市: '示例市', 通报收件人: 'mayor@example.gov.cn, deputy@example.gov.cn' },
    units, method: DEFAULT_METHOD, targets, ledgers,
    extra: { [RANKING_TAB_NAME]: history(units, rnd), [WEEKLY_TAB.name]: weekly(units, rnd) },
  };
}

/** 排名 rows for January–November: a random walk of totals, ranked like the core ranks. */
function history(units: readonly { name: string; group: string }[], rnd: () => number): Cell[][] {
  const grid: Cell[][] = [['月份', '单位名称', '考核组别', '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间']];
  let totals = units.map(() => 50 + rnd() * 40);
  let lastRanks: number[] = [];
  for (let m = 1; m <= 11; m++) {
    totals = totals.map((x) => Math.max(10, Math.min(110, x + (rnd() - 0.5) * 12)));
    const rounded = totals.map((x) => Math.round(x * 100) / 100);
    const ranks = units.map((u, i) => competitionRank(rounded[i] ?? 0, units.map((o, j) => (o.group === u.group ? rounded[j] ?? 0 : -Infinity)).filter((x) => x !== -Infinity)));
    units.forEach((u, i) => {
      const total = rounded[i] ?? 0;
      const grade = total >= 90 ? '优秀' : total >= 80 ? '良好' : total >= 60 ? '一般' : '较差';
      const change = m === 1 ? null : (lastRanks[i] ?? 0) - (ranks[i] ?? 0);
      grid.push([`2026-${String(m).padStart(2, '0')}`, u.name, u.group, 0, total, ranks[i] ?? null, competitionRank(total, rounded), change, grade, `2026-${String(m + 1).padStart(2, '0')}-01 06:00`]);
    });
    lastRanks = ranks;
  }
  return grid;
}

/** 周报记录 for every Friday 17:00 from January to June; about one week in ten missed. */
function weekly(units: readonly { name: string }[], rnd: () => number): Cell[][] {
  const grid: Cell[][] = [['截止时间', '单位名称', '按时', '已更新项目数', '应更新项目数']];
  for (let d = new Date(Date.UTC(2026, 0, 2)); d.getUTCMonth() < 6; d = new Date(d.getTime() + 7 * 86_400_000)) {
    const text = `${d.toISOString().slice(0, 10)} 17:00`;
    for (const u of units) {
      const onTime = rnd() > 0.1;
      grid.push([text, u.name, onTime ? '是' : '否', onTime ? 6 : 4, 6]);
    }
  }
  return grid;
}
