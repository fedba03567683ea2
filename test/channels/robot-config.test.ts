import { describe, expect, it } from 'vitest';
import { parseRobots, robotMap } from '../../functions/channels/robot-config.js';
import { parseConfig } from '../../functions/config.js';

const DING = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123';

describe('LEDGER_ROBOTS: one JSON object, robots named by group', () => {
  it('when a DingTalk and a WeCom robot are configured, then each group gets its kind from its URL', () => {
    const { robots, problems } = parseRobots(JSON.stringify({ 市招商工作群: { url: DING, secret: 'SECabc' }, 温县招商专班: { url: WECOM } }));
    expect(problems).toEqual([]);
    expect(robots).toEqual([
      { group: '市招商工作群', kind: 'dingtalk', url: DING, secret: 'SECabc', atAll: false },
      { group: '温县招商专班', kind: 'wecom', url: WECOM, secret: undefined, atAll: false },
    ]);
  });

  it.each([
    ['not JSON', '{市招商工作群:', /不是合法的 JSON/],
    ['not a URL', JSON.stringify({ 市招商工作群: { url: 'abc123' } }), /“市招商工作群.url”：不是网址/],
    ['a URL of neither robot', JSON.stringify({ 市招商工作群: { url: 'https://example.com/hook?t=1' } }), /既不是钉钉.*也不是企业微信/],
    ['a DingTalk URL without access_token', JSON.stringify({ 市招商工作群: { url: 'https://oapi.dingtalk.com/robot/send' } }), /缺少 access_token/],
    ['a WeCom robot with a secret', JSON.stringify({ 温县招商专班: { url: WECOM, secret: 'SECsecret-value' } }), /没有加签密钥：请删去 secret/],
    ['an unknown setting', JSON.stringify({ 温县招商专班: { url: WECOM, token: 'x' } }), /温县招商专班/],
  ])('when the value is %s, then the problem names the group and quotes no secret', (_case, json, words) => {
    const { robots, problems } = parseRobots(json);
    expect(robots).toEqual([]);
    expect(problems.join('\n')).toMatch(words);
    expect(problems.join('\n')).not.toMatch(/abc123|SECsecret-value|k-123/);
  });

  it('when parseConfig meets a bad LEDGER_ROBOTS, then it refuses to start; the raw JSON is never kept in the config', () => {
    expect(() => parseConfig({ LEDGER_ROBOTS: '{' })).toThrow(/LEDGER_ROBOTS 不是合法的 JSON/);
    const config = parseConfig({ LEDGER_ROBOTS: JSON.stringify({ 市招商工作群: { url: DING, secret: 'SECabc', atAll: true } }) });
    expect(config.robots.map((r) => [r.group, r.kind, r.atAll])).toEqual([['市招商工作群', 'dingtalk', true]]);
    expect(JSON.stringify(Object.keys(config))).not.toContain('LEDGER_ROBOTS');
  });
});

describe('robotMap: a transport per configured group', () => {
  it('when both kinds are configured, then each group gets its kind of robot with its documented limits', () => {
    const { robots } = parseRobots(JSON.stringify({ 市招商工作群: { url: DING, secret: 'SECabc' }, 温县招商专班: { url: WECOM } }));
    const map = robotMap(robots, Date.now);
    expect([...map].map(([group, r]) => [group, r.kind, r.limits.maxBytes, r.limits.perMinute])).toEqual([
      ['市招商工作群', 'dingtalk', 20_000, 20],
      ['温县招商专班', 'wecom', 4096, 20],
    ]);
  });
});
