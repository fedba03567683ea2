/**
 * Which report digest goes to which robot group. The sheet names groups (参数 通报群 for the 月度通报,
 * 单位 工作群 for a unit's 单位月报); the deployment configures the robots by the same names. A name
 * with no robot behind it is a finding on the cell that names it: the digest cannot go out, the mail
 * still does.
 */
import type { AdminData, NamedCell } from './admin.js';
import type { Finding } from './findings.js';
import { SETTINGS_TAB, UNITS_TAB } from './tabs.js';
import { LEVEL_ERROR, SIGNOFF_REPORTS } from './vocabulary.js';

export interface RobotRoute {
  /** The send log's report key, e.g. `月度通报` or `单位月报:温县`. */
  readonly report: string;
  readonly group: string;
}

/** The city-wide reports the 通报群 gets (the same ones that wait for sign-off); a unit's 工作群 gets its 单位月报. */
export const CITY_REPORTS = SIGNOFF_REPORTS;

/** Routes for every named group that has a robot, and a finding for every name that has none. */
export function robotRoutes(admin: Pick<AdminData, 'settings' | 'units'>, configured: readonly string[]): { routes: RobotRoute[]; findings: Finding[] } {
  const routes: RobotRoute[] = [];
  const findings: Finding[] = [];
  const known = new Set(configured);
  const route = (reports: readonly string[], named: NamedCell | undefined, tab: string, field: string, unit: string) => {
    if (!named) return;
    if (known.has(named.name)) {
      for (const report of reports) routes.push({ report, group: named.name });
      return;
    }
    const listed = configured.length === 0 ? '目前没有配置任何群机器人' : `已配置的群：${configured.join('、')}`;
    findings.push({
      level: LEVEL_ERROR, tab, cell: named.at, field, value: named.name, unit, projectId: '', row: Number(named.at.replace(/^[A-Z]+/, '')) || 0,
      problem: `没有名为“${named.name}”的群机器人，${unit === '' ? '月度通报等全市报告的' : `“${unit}”单位月报的`}摘要不会发到群里（邮件照常发送）`,
      fix: `请核对群名（${listed}），或请部署管理员在环境变量 LEDGER_ROBOTS 中为该群添加机器人；不需要发群时清空此格`,
    });
  };
  route(CITY_REPORTS, admin.settings.bulletinGroup, SETTINGS_TAB.name, '通报群', '');
  for (const unit of admin.units) route([`单位月报:${unit.name}`], unit.robotGroup, UNITS_TAB.name, '工作群', unit.name);
  return { routes, findings };
}
