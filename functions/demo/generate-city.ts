/**
 * A believable city for the demo, the benchmarks and the larger tests: the units of the seeds (焦作),
 * a year of projects in every stage with plausible investors and amounts, and a few of the mistakes
 * real clerks make. Deterministic for a seed; pure (no I/O, no clock: `now` is given).
 */
import {
  DEFAULT_METHOD, dayOf, formatDay, isFrom, shanghaiParts, type BookDef, type Cell, type Stage, type UnitDef,
} from '../core/index.js';

const SEED_UNITS: readonly (readonly [string, string, string])[] = [
  ['沁阳市', '县市组', 'qinyang'], ['孟州市', '县市组', 'mengzhou'], ['博爱县', '县市组', 'boai'], ['武陟县', '县市组', 'wuzhi'],
  ['修武县', '县市组', 'xiuwu'], ['温县', '县市组', 'wenxian'], ['解放区', '城区组', 'jiefang'], ['山阳区', '城区组', 'shanyang'],
  ['中站区', '城区组', 'zhongzhan'], ['马村区', '城区组', 'macun'], ['示范区', '开发区组', 'shifanqu'], ['高新区', '开发区组', 'gaoxinqu'],
];

const PLACES = ['广东深圳', '浙江宁波', '江苏苏州', '上海', '北京', '福建厦门', '山东青岛', '湖北武汉', '河南郑州', '香港', '陕西西安', '四川成都'];
const BRAND_A = ['华', '中', '瑞', '恒', '鑫', '天', '宏', '金', '博', '凯', '远', '正', '源', '新', '汇', '嘉'];
const BRAND_B = ['拓', '泰', '创', '达', '盛', '力', '科', '腾', '安', '丰', '睿', '锦', '航', '联', '晟', '宇'];
const SUFFIX = ['科技有限公司', '股份有限公司', '集团有限公司', '实业有限公司', '新材料有限公司'];

/** Project name templates per chain; `{n}` is a number. */
const PROJECTS: Record<string, readonly string[]> = {
  新能源: ['年产{n}GWh锂电池项目', '{n}MW分布式光伏项目', '储能电站项目', '氢能装备产业园项目'],
  新能源汽车及零部件: ['新能源商用车零部件项目', '年产{n}万套汽车线束项目', '电驱动系统项目', '汽车轻量化部件项目'],
  装备制造: ['智能装备制造基地项目', '年产{n}台数控机床项目', '高端液压件项目', '矿山机械再制造项目'],
  新材料: ['年产{n}万吨锂电正极材料项目', '高性能钛材项目', '特种石墨项目', '氟基新材料项目'],
  生物医药: ['生物医药产业园项目', '中药饮片加工项目', '医疗器械生产项目', '原料药绿色制造项目'],
  电子信息: ['数字经济产业园项目', '智能终端制造项目', '大数据中心项目', '电子元器件项目'],
  健康食品: ['怀山药精深加工项目', '年产{n}万吨休闲食品项目', '冷链物流加工项目', '功能饮品项目'],
  绿色化工: ['精细化工新材料项目', '可降解塑料项目', '化工园区循环化改造项目'],
  现代服务业: ['区域总部经济项目', '文旅康养综合体项目', '智慧物流园项目', '电商直播基地项目'],
  其他: ['城市更新项目', '高标准农田配套项目'],
};
const CHAINS = Object.keys(PROJECTS);
const METHODS = ['产业链招商', '以商招商', '驻点招商', '小分队招商', '股权招商', '基金招商', '会展招商', '敲门招商'];
const TYPES = ['世界500强', '中国500强', '央企', '国企', '行业龙头', '上市公司', '外资', '民企', '民企', '民企', '民企'];
const LEADERS = ['王建国', '李红梅', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周强', '吴刚', '徐丽', '孙涛'];
const PROGRESS: Record<string, readonly string[]> = {
  线索: ['已初步接触，待对方回复', '收集企业资料，研判可行性'],
  洽谈: ['已完成第二轮洽谈，正在商谈合作条款', '企业高层来考察，对选址基本满意'],
  签约: ['已签约，正在办理工商注册', '合同已签，协调土地指标'],
  落地: ['公司已注册，土地已摘牌', '正在办理施工许可'],
  开工: ['主体施工中，完成投资约四成', '厂房钢结构安装中'],
  投产: ['一期已投产，产能爬坡中', '设备调试完成，试生产'],
  达效: ['已达产达效，正常生产', '满负荷生产'],
  终止: [''],
};

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

/** A generated city ledger as a BookDef. The assessment year is `now`'s year (Shanghai). */
export function generateCity(options: CityOptions): BookDef {
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
  const ledgers: Record<string, Record<string, Cell>[]> = {};
  const targets: Record<string, Record<string, Cell>> = {};
  const lastDay = today.dayNumber;
  const yearStart = dayOf(year, 1, 1);
  const stages: Stage[] = ['线索', '洽谈', '洽谈', '签约', '签约', '落地', '开工', '开工', '开工', '投产', '达效', '终止'];
  let serial = 0;
  units.forEach((unit) => {
    const rows: Record<string, Cell>[] = [];
    const scale = unit.group === '县市组' ? 1.3 : unit.group === '开发区组' ? 1.6 : 0.7;
    let signedAmount = 0;
    let arrivedTotal = 0;
    for (let r = 0; r < rowsPerUnit; r++) {
      serial++;
      const stage = pick(stages);
      const chain = pick(CHAINS);
      const investor = `${pick(PLACES).replace(/^(广东|浙江|江苏|福建|山东|湖北|河南|陕西|四川)/, '')}${pick(BRAND_A)}${pick(BRAND_B)}${pick(SUFFIX)}`;
      const total = Math.round(between(3, 120) * 1000 * scale * (rnd() < 0.08 ? 8 : 1));
      const contract = Math.round(total * (0.6 + rnd() * 0.4));
      const signedThisYear = rnd() < 0.65;
      const signDate = signedThisYear ? between(yearStart, Math.max(yearStart, lastDay - 20)) : between(yearStart - 500, yearStart - 1);
      const startDate = Math.min(lastDay - 1, signDate + between(20, 240));
      const productionDate = Math.min(lastDay, startDate + between(60, 300));
      const row: Record<string, Cell> = {
        项目编号: `JZ-${year}-${String(serial).padStart(5, '0')}`,
        项目名称: `${investor.slice(0, 4)}${pick(PROJECTS[chain] ?? ['项目']).replace('{n}', String(between(2, 50)))}`,
        投资方所在地: pick(PLACES),
        产业链: chain,
        招商方式: pick(METHODS),
        企业类型: rnd() < 0.35 ? `${pick(TYPES)}、${pick(TYPES)}`.replace(/^(.+)、\1$/, '$1') : pick(TYPES),
        项目阶段: stage,
        责任领导: pick(LEADERS),
        责任人: pick(LEADERS),
        进展情况: pick(PROGRESS[stage] ?? ['推进中']) || null,
        更新日期: formatDay(lastDay - (rnd() < 0.85 ? between(0, 6) : between(15, 60))),
      };
      if (stage !== '线索') row['总投资(万元)'] = rnd() < 0.2 ? `${(total / 10_000).toFixed(1)}亿` : total;
      const signed = stage === '终止' ? rnd() < 0.6 : isFrom(stage, '签约');
      if (stage === '终止') row['存在问题'] = pick(['投资方资金链紧张，项目终止', '企业战略调整，撤回投资', '用地条件不具备，项目终止']);
      if (signed) {
        row['投资方'] = investor;
        row['合同投资额(万元)'] = contract;
        row['签约日期'] = rnd() < 0.1 ? formatDay(signDate).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') : formatDay(signDate);
        if (signedThisYear) signedAmount += contract;
        const months = Math.max(0, today.month - (signedThisYear ? Number(formatDay(signDate).slice(5, 7)) : 1) + 1);
        let left = contract * (0.2 + rnd() * 0.5);
        for (let m = today.month - months + 1; m <= today.month && left > 0; m++) {
          if (rnd() < 0.55) {
            const amount = Math.round(Math.min(left, contract * (0.03 + rnd() * 0.15)));
            row[`${m}月到位(万元)`] = amount;
            left -= amount;
            arrivedTotal += amount;
          }
        }
      }
      if (isFrom(stage === '终止' ? '洽谈' : stage, '开工')) row['开工日期'] = formatDay(startDate);
      if (isFrom(stage === '终止' ? '洽谈' : stage, '投产')) row['投产日期'] = formatDay(productionDate);
      if (rnd() < mistakeRate) makeMistake(row, rnd, year);
      rows.push(row);
    }
    ledgers[unit.name] = rows;
    const paceYear = Math.max(1, today.month) / 12;
    targets[unit.name] = {
      到位资金: roundTo100((arrivedTotal / paceYear) * (0.8 + rnd() * 0.5)),
      签约项目数: Math.max(3, Math.round((rowsPerUnit * 0.35) * (0.8 + rnd() * 0.4))),
      签约金额: roundTo100((signedAmount / paceYear) * (0.8 + rnd() * 0.5)),
      开工项目数: Math.max(2, Math.round(rowsPerUnit * 0.15 * (0.8 + rnd() * 0.4))),
    };
  });
  return {
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
    ledgers,
  };
}

function roundTo100(value: number): number {
  return Math.max(1000, Math.round(value / 100) * 100);
}

/** The mistakes real clerks make (see the contract's parsing and cross-field rules). */
function makeMistake(row: Record<string, Cell>, rnd: () => number, year: number): void {
  const kinds = [
    () => { if (row['签约日期']) row['签约日期'] = `${year}-02-30`; else row['更新日期'] = `${year}-02-30`; },
    () => { if (row['合同投资额(万元)'] !== undefined) row['合同投资额(万元)'] = Number(row['总投资(万元)']) * 1.5 || 99999; },
    () => { row['1月到位(万元)'] = '约3000万'; },
    () => { if (row['总投资(万元)'] !== undefined) row['总投资(万元)'] = 350_000_000; },
    () => { row['产业链'] = '房地产'; },
    () => { if (row['项目阶段'] === '签约') row['开工日期'] = row['签约日期'] ?? null; else row['进展情况'] = null; },
    () => { row['进展情况'] = null; },
  ];
  (kinds[Math.floor(rnd() * kinds.length)] ?? kinds[0]!)();
}
