/**
 * A believable city for the demo, the benchmarks and the larger tests: the units of the seeds (焦作),
 * a year of projects in every stage with plausible investors and amounts, and a few of the mistakes
 * real clerks make. Each project has a dated life (see project-life.ts), so the ledger can be read as it
 * stood on any day of the year. Deterministic for a seed; pure (no I/O, no clock: `now` is given).
 */
import {
  DEFAULT_METHOD, dayOf, isFrom, shanghaiInstant, shanghaiParts, type BookDef, type Cell, type Day, type Stage, type UnitDef,
} from '../core/index.js';
import {
  BRAND_A, BRAND_B, CHAINS, LEADERS, METHODS, PLACES, PROGRESS, PROJECTS, SUFFIX, TYPES, makeMistake,
} from './city-words.js';
import { rowOn, type ProjectLife, type RowTexts } from './project-life.js';

const SEED_UNITS: readonly (readonly [string, string, string])[] = [
  ['沁阳市', '县市组', 'qinyang'], ['孟州市', '县市组', 'mengzhou'], ['博爱县', '县市组', 'boai'], ['武陟县', '县市组', 'wuzhi'],
  ['修武县', '县市组', 'xiuwu'], ['温县', '县市组', 'wenxian'], ['解放区', '城区组', 'jiefang'], ['山阳区', '城区组', 'shanyang'],
  ['中站区', '城区组', 'zhongzhan'], ['马村区', '城区组', 'macun'], ['示范区', '开发区组', 'shifanqu'], ['高新区', '开发区组', 'gaoxinqu'],
];

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A number in [0, 1) fixed by its arguments (a murmur3-style mix): weekly updates are looked up, not stored. */
function hash01(a: number, b: number, c = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

export interface CityOptions {
  readonly units?: number;
  readonly rowsPerUnit?: number;
  /** Share of rows with a clerk's mistake, 0–1. */
  readonly mistakeRate?: number;
  readonly seed?: number;
  readonly now: Date;
  readonly city?: string;
  /** Mail domain for generated addresses. */
  readonly domain?: string;
}

/** A city with every project's life: the ledger of any day of the year can be derived from it. */
export interface CityPlan {
  /** Everything but the unit tabs. */
  readonly def: Omit<BookDef, 'ledgers'>;
  readonly lives: Readonly<Record<string, readonly ProjectLife[]>>;
  readonly year: number;
  /** The day of `now`: nothing in the plan happens after it. */
  readonly today: Day;
  /** A Friday on or before the earliest creation day; weekly updates happen in the days up to Fridays. */
  readonly firstFriday: Day;
}

const TEXTS: RowTexts = {
  progress: (stage: Stage, pick: number) => {
    const list = PROGRESS[stage] ?? ['推进中'];
    return list[pick % list.length] || null;
  },
  mistake: makeMistake,
};

/** The ledger rows of every unit as they stood at the end of `day`. */
export function ledgersOn(plan: CityPlan, day: Day): Record<string, Record<string, Cell>[]> {
  const ledgers: Record<string, Record<string, Cell>[]> = {};
  for (const [unit, lives] of Object.entries(plan.lives)) {
    ledgers[unit] = lives.flatMap((life) => {
      const row = rowOn(life, day, plan.firstFriday, TEXTS);
      return row ? [row] : [];
    });
  }
  return ledgers;
}

/** A generated city ledger as a BookDef, as it stands on `now`. The assessment year is `now`'s year (Shanghai). */
export function generateCity(options: CityOptions): BookDef {
  const plan = planCity(options);
  return { ...plan.def, ledgers: ledgersOn(plan, plan.today) };
}

/** Plans the city's year: units, targets, method, and each project's life up to `now`. */
export function planCity(options: CityOptions): CityPlan {
  const rnd = prng(options.seed ?? 20260614);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const today = shanghaiParts(options.now);
  const year = today.year;
  const domain = options.domain ?? 'example.gov.cn';
  const unitCount = options.units ?? SEED_UNITS.length;
  const units: UnitDef[] = Array.from({ length: unitCount }, (_, i) => {
    const seed = SEED_UNITS[i];
    const [name, group, slug] = seed ?? [`第${i + 1}产业集聚区`, ['县市组', '城区组', '开发区组'][i % 3] ?? '县市组', `zone${i + 1}`];
    return { name, group, leaderEmails: `${slug}-leader@${domain}`, liaisonEmails: `${slug}@${domain}` };
  });
  const rowsPerUnit = options.rowsPerUnit ?? 40;
  const mistakeRate = options.mistakeRate ?? 0.03;
  const lives: Record<string, ProjectLife[]> = {};
  const targets: Record<string, Record<string, Cell>> = {};
  const lastDay = today.dayNumber;
  const yearStart = dayOf(year, 1, 1);
  const earliest = yearStart - 700;
  // Fridays are the default weekly deadline (周五 17:00).
  const firstFriday = earliest - ((shanghaiParts(shanghaiInstant(earliest, 12 * 60)).weekday - 5 + 7) % 7);
  const stages: Stage[] = ['线索', '洽谈', '洽谈', '签约', '签约', '落地', '开工', '开工', '开工', '投产', '达效', '终止'];
  let serial = 0;
  units.forEach((unit, unitIndex) => {
    const list: ProjectLife[] = [];
    const scale = unit.group === '县市组' ? 1.3 : unit.group === '开发区组' ? 1.6 : 0.7;
    // How reliably this unit's clerks update every row before the deadline.
    const diligence = 0.72 + rnd() * 0.26;
    let signedAmount = 0;
    let signedCount = 0;
    let startedCount = 0;
    let arrivedTotal = 0;
    for (let r = 0; r < rowsPerUnit; r++) {
      serial++;
      const stage = pick(stages);
      const chain = pick(CHAINS);
      const investor = `${pick(PLACES).replace(/^(广东|浙江|江苏|福建|山东|湖北|河南|陕西|四川)/, '')}${pick(BRAND_A)}${pick(BRAND_B)}${pick(SUFFIX)}`;
      // Most projects 0.2–3 亿元, a few ten times larger: a county's ledger, not a province's.
      const total = Math.round(between(4, 60) * 500 * scale * (rnd() < 0.06 ? 10 : 1));
      const contract = Math.round(total * (0.6 + rnd() * 0.4));
      // Most rows still at 签约 or 落地 were signed in the last five months: few signed projects stall for long.
      const recent = (stage === '签约' || stage === '落地') && rnd() < 0.75;
      const signedThisYear = recent || rnd() < 0.65;
      const signDate = recent
        ? between(Math.max(yearStart, lastDay - 150), Math.max(yearStart, lastDay - 20))
        : signedThisYear ? between(yearStart, Math.max(yearStart, lastDay - 20)) : between(yearStart - 500, yearStart - 1);
      const startDate = Math.min(lastDay - 1, signDate + between(20, 240));
      const productionDate = Math.min(lastDay, startDate + between(60, 300));
      const signed = stage === '终止' ? rnd() < 0.6 : isFrom(stage, '签约');
      const reached: Partial<Record<Stage, Day>> = {};
      let created: Day;
      if (signed) {
        reached['洽谈'] = signDate - between(15, 120);
        created = reached['洽谈'] - between(0, 60);
        reached['签约'] = signDate;
        if (stage !== '终止') {
          const latest = isFrom(stage, '开工') ? startDate : lastDay;
          if (isFrom(stage, '落地')) reached['落地'] = Math.min(latest, signDate + between(5, 40));
          if (isFrom(stage, '开工')) reached['开工'] = startDate;
          if (isFrom(stage, '投产')) reached['投产'] = productionDate;
          if (isFrom(stage, '达效')) reached['达效'] = Math.min(lastDay, productionDate + between(30, 150));
        }
      } else {
        created = stage === '线索' ? between(yearStart - 60, lastDay - 3) : between(yearStart - 120, lastDay - 30);
        if (stage !== '线索') reached['洽谈'] = Math.min(lastDay, created + between(0, 30));
      }
      if (stage === '终止') reached['终止'] = between(Math.min(lastDay, Math.max(reached['签约'] ?? created, yearStart) + 10), lastDay);
      const arrivals = new Map<number, number>();
      if (signed) {
        if (signedThisYear) {
          signedAmount += contract;
          signedCount++;
        }
        if ((reached['开工'] ?? 0) >= yearStart) startedCount++;
        const from = signedThisYear ? monthOfDay(signDate, year) : 1;
        const to = reached['终止'] !== undefined ? monthOfDay(reached['终止'], year) : 12;
        let left = contract * (0.25 + rnd() * 0.55);
        for (let m = from; m <= to && left > 0; m++) {
          if (rnd() < 0.55) {
            const amount = Math.round(Math.min(left, contract * (0.03 + rnd() * 0.15)));
            arrivals.set(m, amount);
            left -= amount;
            arrivedTotal += amount;
          }
        }
      }
      const neglectFrom = rnd() < 0.03 ? between(yearStart, lastDay) : Infinity;
      const neglectTo = neglectFrom + between(21, 50);
      const rowSerial = serial;
      const updatedInWeek = (friday: Day): Day | undefined => {
        if (friday >= neglectFrom && friday - 4 <= neglectTo) return undefined;
        const onTimeWeek = hash01(unitIndex, friday) < diligence;
        if (!onTimeWeek && hash01(rowSerial, friday, 1) < 0.25) return undefined;
        return friday - Math.floor(hash01(rowSerial, friday, 2) * 5);
      };
      const mistakeFrom = rnd() < mistakeRate ? between(created, lastDay) : undefined;
      list.push({
        fixed: {
          项目编号: `JZ-${year}-${String(serial).padStart(5, '0')}`,
          项目名称: `${investor.slice(0, 4)}${pick(PROJECTS[chain] ?? ['项目']).replace('{n}', String(between(2, 50)))}`,
          投资方所在地: pick(PLACES),
          产业链: chain,
          招商方式: pick(METHODS),
          企业类型: rnd() < 0.35 ? `${pick(TYPES)}、${pick(TYPES)}`.replace(/^(.+)、\1$/, '$1') : pick(TYPES),
          责任领导: pick(LEADERS),
          责任人: pick(LEADERS),
        },
        investor, total, contract, year, created, reached, arrivals, updatedInWeek,
        totalInYi: rnd() < 0.2,
        signDateInWords: rnd() < 0.1,
        progressPick: between(0, 9),
        ...(stage === '终止' ? { endReason: pick(['投资方资金链紧张，项目终止', '企业战略调整，撤回投资', '用地条件不具备，项目终止']) } : {}),
        // Four in ten mistakes are fixed a few weeks later, after the unit report pointed at them.
        ...(mistakeFrom !== undefined
          ? { mistake: { kind: between(0, 6), from: mistakeFrom, ...(rnd() < 0.4 ? { until: mistakeFrom + between(10, 40) } : {}) } }
          : {}),
      });
    }
    lives[unit.name] = list;
    // Targets a little above or below what the year will bring at this pace, as a city sets them.
    const elapsed = Math.max(30, lastDay - yearStart + 1) / 365;
    targets[unit.name] = {
      到位资金: roundTo100(arrivedTotal * (0.85 + rnd() * 0.35)),
      签约项目数: Math.max(3, Math.round((signedCount / elapsed) * (0.85 + rnd() * 0.3))),
      签约金额: roundTo100((signedAmount / elapsed) * (0.85 + rnd() * 0.35)),
      开工项目数: Math.max(2, Math.round((startedCount / elapsed) * (0.85 + rnd() * 0.3))),
    };
  });
  const def: Omit<BookDef, 'ledgers'> = {
    settings: {
      年度: year,
      城市: options.city ?? '焦作市',
      通报收件人: `mayor@${domain}, zhaoshang@${domain}`,
      管理员邮箱: `admin@${domain}`,
      序时进度: '6%,13%,22%,30%,38%,47%,55%,63%,72%,81%,90%,100%',
    },
    units,
    method: DEFAULT_METHOD,
    targets,
    adjustments: [
      [units[1]?.name ?? '', `${year}-03`, 2, '成功引进行业龙头企业，市委市政府通报表扬', '市招商局'],
      [units[4]?.name ?? '', `${year}-05`, -1, '周例会项目调度无故缺席', '市招商局'],
    ],
  };
  return { def, lives, year, today: lastDay, firstFriday };
}

/** The month (1–12) of a day in `year`, 1 for days before it. */
function monthOfDay(day: Day, year: number): number {
  const start = dayOf(year, 1, 1);
  if (day < start) return 1;
  let m = 1;
  while (m < 12 && dayOf(year, m + 1, 1) <= day) m++;
  return m;
}

function roundTo100(value: number): number {
  return Math.max(1000, Math.round(value / 100) * 100);
}
