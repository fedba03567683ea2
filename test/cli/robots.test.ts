import { afterAll, describe, expect, it } from 'vitest';
import { startDingTalkServer } from '../support/robots/dingtalk-server.js';
import { startWeComServer } from '../support/robots/wecom-server.js';
import { runCli } from '../support/cli.js';


const cli = (args: string[], env: Record<string, string>) => runCli(args, { PATH: process.env.PATH ?? '', ...env });

describe('zhaoshang robots', async () => {
  const ding = await startDingTalkServer([{ token: 'tok-city', secret: 'SECright' }]);
  const wecom = await startWeComServer(['key-wx']);
  afterAll(async () => {
    await ding.close();
    await wecom.close();
  });
  const robots = (secret: string) => ({
    LEDGER_ROBOTS: JSON.stringify({ 市招商工作群: { url: ding.webhook('tok-city'), secret }, 温县招商专班: { url: wecom.webhook('key-wx') } }),
  });

  it('when listing, then each group shows its kind and security setting, and no URL or secret', async () => {
    const result = await cli(['robots'], robots('SECright'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/市招商工作群\s+钉钉群机器人\s+加签\s+否/);
    expect(result.stdout).toMatch(/温县招商专班\s+企业微信群机器人\s+key\s+否/);
    expect(result.stdout + result.stderr).not.toMatch(/tok-city|SECright|key-wx|127\.0\.0\.1/);
    expect(ding.requests.length + wecom.requests.length).toBe(0);
  });

  it('when testing with a wrong DingTalk secret, then that group fails in the robot’s words, the other succeeds, and the exit code is 1', async () => {
    const result = await cli(['robots', '--test'], robots('SECwrong'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^市招商工作群：失败（errcode 310000：机器人发送签名不匹配/m);
    expect(result.stdout).toMatch(/^温县招商专班：成功$/m);
    expect(result.stderr).toContain('1 个群机器人测试失败：市招商工作群');
    expect(wecom.posted.map((p) => p.content.split('\n')[0])).toEqual(['#### 招商引资台账 机器人测试']);
    expect(result.stdout + result.stderr).not.toMatch(/tok-city|SECwrong/);
  });
});
