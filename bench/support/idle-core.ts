/**
 * The idle benchmark's core process: the browser host (core + transport, as `npm run
 * start:browser` composes it) with N bots catalogued, signed in, then left alone. Reports its own
 * RSS as one JSON line. Bundled and run with plain `node` (not tsx), like the shipped main process.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../app/config/profile.js';
import type { SupervisorState } from '../../app/common/contract.js';
import { completeLoginWithoutBrowser } from '../../app/sandbox/complete-login-without-browser.js';
import { demoUser } from '../../app/sandbox/sandbox-accounts.js';
import { startBrowserHost } from '../../main/browser/browser-host.js';
import type { IdlePlan, IdleReport } from './idle-protocol.js';
import { waitFor } from './wait-for.js';

const plan = JSON.parse(process.env.BENCH_IDLE_PLAN ?? '') as IdlePlan;
const externalProfileId = 'bench-idp';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<IdleReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-bench-idle-'));
  const botsDir = join(dataDir, 'bots');
  await mkdir(botsDir);
  const profileId = plan.provider.kind === 'external' ? externalProfileId : 'sandbox';
  for (let index = 0; index < plan.bots; index += 1) {
    const id = `idle-${String(index + 1).padStart(2, '0')}`;
    await writeFile(
      join(botsDir, `${id}.bot.json`),
      JSON.stringify({ id, name: `Idle bot ${index + 1}`, description: 'Catalogued, never started.', command: 'node', args: ['./idle.mjs'], profileId }),
    );
  }
  const host = await startBrowserHost({
    dataDir,
    botsDir,
    rendererDir: join(plan.repoRoot, 'out', 'renderer'),
    ...(plan.provider.kind === 'external'
      ? {
          sandbox: false as const,
          profiles: [profileSchema.parse({ id: externalProfileId, name: 'Identity provider', kind: 'oidc', issuer: plan.provider.issuer, clientId: plan.provider.clientId, scopes: ['openid', 'profile', 'api'] })],
        }
      : { sandbox: {} }),
  });
  try {
    const { api } = host.supervisor;
    const { authorizationUrl } = await api.invoke('signIn', { profileId });
    const issuer = plan.provider.kind === 'external' ? plan.provider.issuer : (host.supervisor.sandbox?.issuer ?? '');
    const callback = await completeLoginWithoutBrowser(issuer, authorizationUrl, demoUser);
    const active = waitFor<SupervisorState>(
      (listener) => api.on('state', listener),
      (state) => state.sessions.some((s) => s.profileId === profileId && s.status === 'active'),
      20_000,
      'sign-in',
    );
    await host.supervisor.deliverRedirect(callback);
    await active;
    const state = await api.invoke('getState', {});
    await sleep(plan.settleMs);
    const rssSamples: number[] = [];
    const deadline = Date.now() + plan.sampleMs;
    while (Date.now() < deadline) {
      rssSamples.push(process.memoryUsage().rss);
      await sleep(100);
    }
    return { rssSamples, heapUsedBytes: process.memoryUsage().heapUsed, bots: state.bots.length, signedIn: true };
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`idle core failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
