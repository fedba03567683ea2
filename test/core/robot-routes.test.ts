import { describe, expect, it } from 'vitest';
import { DEFAULT_METHOD, bookTabs, findingMessage, parseAdmin, robotRoutes, type UnitDef } from '../../functions/core/index.js';

function admin(bulletinGroup: string, units: UnitDef[]) {
  return parseAdmin(bookTabs({ settings: { 年度: 2026, 城市: '焦作市', 通报群: bulletinGroup }, units, method: DEFAULT_METHOD, targets: {} }));
}

const UNITS: UnitDef[] = [
  { name: '温县', group: '县市组', robotGroup: '温县招商专班' },
  { name: '孟州市', group: '县市组' },
];

describe('the sheet names robot groups; the deployment configures them', () => {
  it('when every named group has a robot, then the city reports go to 通报群 and a unit report to its 工作群', () => {
    const { routes, findings } = robotRoutes(admin('市招商工作群', UNITS), ['市招商工作群', '温县招商专班']);
    expect(findings).toEqual([]);
    expect(routes).toEqual([
      { report: '月度通报', group: '市招商工作群' },
      { report: '季度讲评', group: '市招商工作群' },
      { report: '年度总评', group: '市招商工作群' },
      { report: '单位月报:温县', group: '温县招商专班' },
    ]);
  });

  it('when no group is named, then nothing goes to robots and nothing is reported', () => {
    expect(robotRoutes(admin('', [{ name: '温县', group: '县市组' }]), ['市招商工作群'])).toEqual({ routes: [], findings: [] });
  });

  it.each([
    ['参数 通报群', '市招商群', [], '【参数 B16 通报群】错误：没有名为“市招商群”的群机器人，月度通报等全市报告的摘要不会发到群里（邮件照常发送），填报值“市招商群”。请核对群名（已配置的群：温县招商专班），或请部署管理员在环境变量 LEDGER_ROBOTS 中为该群添加机器人；不需要发群时清空此格'],
    ['单位 工作群', '市招商工作群', ['市招商工作群'], '【单位 F2 工作群】错误：没有名为“温县招商专班”的群机器人，“温县”单位月报的摘要不会发到群里（邮件照常发送），填报值“温县招商专班”。请核对群名（已配置的群：市招商工作群）'],
  ])('when the %s names a group with no robot, then a finding names the cell, quotes the name and says how to fix it', (_case, bulletin, configured, message) => {
    const { routes, findings } = robotRoutes(admin(bulletin, UNITS), configured.length > 0 ? configured : ['温县招商专班']);
    expect(findings).toHaveLength(1);
    expect(findingMessage(findings[0]!)).toContain(message);
    expect(routes.length).toBe(_case.startsWith('参数') ? 1 : 3);
  });

  it('when the 单位 tab has no 工作群 column (a ledger made before it existed), then units simply have no group', () => {
    const tabs = bookTabs({ settings: { 年度: 2026, 城市: '焦作市' }, units: UNITS, method: DEFAULT_METHOD, targets: {} });
    tabs.set('单位', tabs.get('单位')!.map((row) => row.slice(0, 5)));
    const parsed = parseAdmin(tabs);
    expect(parsed.structure).toEqual([]);
    expect(parsed.units.map((u) => u.robotGroup)).toEqual([undefined, undefined]);
  });
});
