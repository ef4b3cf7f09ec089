import { describe, expect, it } from 'vitest';
import type { BotManifest } from './bot-manifest.js';
import { Redactor } from './redactor.js';
import { RunEnvironment, type RunEnvironmentDeps } from './run-environment.js';
import type { Run } from './run-record.js';
import { RunRedactions } from './run-redactions.js';
import type { RunLog } from './run-log.js';
import type { SessionAccess, TokenGrant } from './session-access.js';

const token = 'profile-token-0123456789abcdef';
const companyToken = 'company-token-0123456789abcdef';
const grant: Extract<TokenGrant, { ok: true }> = { ok: true, accessToken: token, expiresAt: Date.now() + 3_600_000, profileId: 'p', supervisor: { subject: 's' } };

function setUp(options: { companyGrant?: TokenGrant; deps?: Partial<RunEnvironmentDeps> } = {}) {
  const registered: string[] = [];
  const redactor = new Redactor();
  const sessions: SessionAccess = {
    tokenFor: (_profileId, _minValidityMs, company) => (company === undefined ? grant : (options.companyGrant ?? { ok: false, code: 'session_expired', message: 'fetching' })),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const redactions = new RunRedactions({ redactor, sessions });
  const environment = new RunEnvironment({
    sessions,
    broker: {
      url: 'http://127.0.0.1:4567',
      registerRun: (runId, profileId, company) => {
        registered.push([runId, profileId, company ?? '-'].join(' '));
        return `secret-for-${runId}-0123456789`;
      },
    },
    redactions,
    parentEnv: { PATH: '/usr/bin', HOME: '/home/clinic', SUPERVISOR_ONLY_SECRET: 'must-not-leak', RPA_RUN_ID: 'parent-run' },
    ...options.deps,
  });
  const run = (extra: Partial<BotManifest> = {}): Run => {
    const bot: BotManifest = { id: 'b', name: 'B', description: '', command: 'node', args: [], profileId: 'p', tokenDelivery: 'broker', concurrency: 1, ...extra };
    redactions.add('run-1', bot.profileId, bot.company);
    return { id: 'run-1', bot, createdAt: 1, log: {} as RunLog, supervision: undefined, state: { status: 'starting', pendingStop: undefined }, ended: { promise: Promise.resolve(), resolve: () => undefined } };
  };
  return { environment, registered, redactor, run };
}

describe('RunEnvironment', () => {
  it('builds allow-listed parent variables, host and manifest variables, then the reserved ones, without the token by default', () => {
    let apiUrl = 'http://first';
    const { environment, registered, redactor, run } = setUp({ deps: { envVars: { RPA_SANDBOX: '1' }, placeholders: () => ({ 'sandbox.apiBaseUrl': apiUrl }) } });
    const built = environment.build(run({ env: { API: '${sandbox.apiBaseUrl}/x', RPA_RUN_SECRET: 'forged' } }), grant);
    expect(built).toEqual({
      ok: true,
      env: {
        PATH: '/usr/bin',
        HOME: '/home/clinic',
        RPA_SANDBOX: '1',
        API: 'http://first/x',
        RPA_BROKER_URL: 'http://127.0.0.1:4567',
        RPA_RUN_SECRET: 'secret-for-run-1-0123456789',
        RPA_RUN_ID: 'run-1',
        RPA_PROFILE_ID: 'p',
      },
    });
    expect(registered).toEqual(['run-1 p -']);
    expect(redactor.redact(`secret-for-run-1-0123456789 ${token}`)).toBe('[REDACTED] [REDACTED]');
    // Placeholder values are read at each start.
    apiUrl = 'http://second';
    const again = environment.build(run({ env: { API: '${sandbox.apiBaseUrl}' } }), grant);
    expect(again.ok && again.env.API).toBe('http://second');
  });

  it('gives bots the playwright-core the app ships, found when a run first needs it rather than when the app starts', () => {
    const fixed = setUp({ deps: { playwrightCoreDir: '/opt/rpa/node_modules/playwright-core' } });
    expect(fixed.environment.build(fixed.run(), grant)).toMatchObject({ ok: true, env: { RPA_PLAYWRIGHT_CORE: '/opt/rpa/node_modules/playwright-core', RPA_UNDICI: '/opt/rpa/node_modules/undici' } });
    let lookups = 0;
    const found = setUp({
      deps: {
        playwrightCoreDir: () => {
          lookups += 1;
          return '/app/resources/playwright-core';
        },
      },
    });
    expect(lookups).toBe(0);
    expect(found.environment.build(found.run(), grant)).toMatchObject({ ok: true, env: { RPA_PLAYWRIGHT_CORE: '/app/resources/playwright-core', RPA_UNDICI: '/app/resources/undici' } });
    expect(lookups).toBe(1);
  });

  it('puts the token in the environment only for bots that opt in, and a company bot gets its company token', () => {
    const { environment, redactor, run } = setUp({ companyGrant: { ...grant, accessToken: companyToken } });
    const envBot = environment.build(run({ tokenDelivery: 'env' }), grant);
    expect(envBot.ok && envBot.env.RPA_ACCESS_TOKEN).toBe(token);
    const companyBot = environment.build(run({ tokenDelivery: 'env', company: 'c1' }), grant);
    expect(companyBot.ok && companyBot.env.RPA_ACCESS_TOKEN).toBe(companyToken);
    expect(redactor.redact(companyToken)).toBe('[REDACTED]');
  });

  it('refuses an env-delivery company bot while its company token is still coming; a broker bot goes ahead', () => {
    const { environment, run } = setUp();
    expect(environment.build(run({ tokenDelivery: 'env', company: 'c1' }), grant)).toMatchObject({ ok: false, error: { code: 'company_token_pending' } });
    expect(environment.build(run({ company: 'c1' }), grant).ok).toBe(true);
  });

  it('hands the clinic proxy to the bot but redacts its password, as written, decoded and as a Basic credential, from what the run prints', () => {
    const proxy = 'http://clinic-proxy:S3cret%21pass@proxy.clinic.example:3128';
    const { environment, redactor, run } = setUp({ deps: { parentEnv: { PATH: '/usr/bin', HTTPS_PROXY: proxy } } });
    const built = environment.build(run({ env: { all_proxy: 'socks5://bot-user:an0ther-pass@socks.clinic.example:1080' } }), grant);
    expect(built.ok && built.env.HTTPS_PROXY).toBe(proxy);
    const basic = Buffer.from('clinic-proxy:S3cret!pass').toString('base64');
    expect(redactor.redact(`ECONNREFUSED ${proxy}; pass S3cret!pass; Proxy-Authorization: Basic ${basic}; socks an0ther-pass`)).toBe(
      'ECONNREFUSED http://clinic-proxy:[REDACTED]@proxy.clinic.example:3128; pass [REDACTED]; Proxy-Authorization: Basic [REDACTED]; socks [REDACTED]',
    );
  });

  it('refuses an unknown placeholder before the broker hands out a secret', () => {
    const { environment, registered, run } = setUp();
    const built = environment.build(run({ env: { API: '${sandbox.apiBaseUrl}' } }), grant);
    expect(built).toMatchObject({ ok: false, error: { code: 'bot_env_placeholder_unknown', message: expect.stringContaining('sandbox.apiBaseUrl') } });
    expect(registered).toEqual([]);
  });
});
