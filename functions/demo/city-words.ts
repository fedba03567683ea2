/**
 * The demo city's word lists: investors, project names per chain, leaders, progress texts by stage, and
 * the mistakes real clerks make (see the contract's parsing and cross-field rules).
 */
import type { Cell } from '../core/index.js';

export const PLACES = ['广东深圳', '浙江宁波', '江苏苏州', '上海', '北京', '福建厦门', '山东青岛', '湖北武汉', '河南郑州', '香港', '陕西西安', '四川成都'];
export const BRAND_A = ['华', '中', '瑞', '恒', '鑫', '天', '宏', '金', '博', '凯', '远', '正', '源', '新', '汇', '嘉'];
export const BRAND_B = ['拓', '泰', '创', '达', '盛', '力', '科', '腾', '安', '丰', '睿', '锦', '航', '联', '晟', '宇'];
export const SUFFIX = ['科技有限公司', '股份有限公司', '集团有限公司', '实业有限公司', '新材料有限公司'];

/** Project name templates per chain; `{n}` is a number. */
export const PROJECTS: Record<string, readonly string[]> = {
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
export const CHAINS = Object.keys(PROJECTS);
export const METHODS = ['产业链招商', '以商招商', '驻点招商', '小分队招商', '股权招商', '基金招商', '会展招商', '敲门招商'];
export const TYPES = ['世界500强', '中国500强', '央企', '国企', '行业龙头', '上市公司', '外资', '民企', '民企', '民企', '民企'];
export const LEADERS = ['王建国', '李红梅', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周强', '吴刚', '徐丽', '孙涛'];
export const PROGRESS: Record<string, readonly string[]> = {
  线索: ['已初步接触，待对方回复', '收集企业资料，研判可行性'],
  洽谈: ['已完成第二轮洽谈，正在商谈合作条款', '企业高层来考察，对选址基本满意'],
  签约: ['已签约，正在办理工商注册', '合同已签，协调土地指标'],
  落地: ['公司已注册，土地已摘牌', '正在办理施工许可'],
  开工: ['主体施工中，完成投资约四成', '厂房钢结构安装中'],
  投产: ['一期已投产，产能爬坡中', '设备调试完成，试生产'],
  达效: ['已达产达效，正常生产', '满负荷生产'],
  终止: [''],
};

/** Applies mistake number `kind` (any non-negative integer) to a row as typed. */
export function makeMistake(row: Record<string, Cell>, kind: number, year: number): void {
  const kinds = [
    // An impossible 签约日期; a row without one gets a chain outside the list instead (a bad 更新日期 would
    // make its unit late every week, which is not the mistake being shown).
    () => { if (row['签约日期']) row['签约日期'] = `${year}-02-30`; else row['产业链'] = '房地产'; },
    () => { if (row['合同投资额(万元)'] !== undefined) row['合同投资额(万元)'] = Number(row['总投资(万元)']) * 1.5 || 99999; },
    () => { row['1月到位(万元)'] = '约3000万'; },
    () => { if (row['总投资(万元)'] !== undefined) row['总投资(万元)'] = 350_000_000; },
    () => { row['产业链'] = '房地产'; },
    () => { if (row['项目阶段'] === '签约') row['开工日期'] = row['签约日期'] ?? null; else row['进展情况'] = null; },
    () => { row['进展情况'] = null; },
  ];
  (kinds[kind % kinds.length] ?? kinds[0]!)();
}
