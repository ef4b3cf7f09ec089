/**
 * The cold-start benchmark's host process: the browser host as `npm run start:browser` composes
 * it, with a profile for a provider in another process and a file SecretStore, so a session
 * signed in by `prepare` is restored by every `serve`. Bundled and run with plain `node`.
 *
 * - `prepare`: sign in, finish the first-run wizard, shut down; prints `{"prepared":true}`.
 * - `serve`: start, print `{"pageUrl":…}`, and run until SIGTERM.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SupervisorState } from '../../app/common/contract.js';
import { startBrowserHost } from '../../main/browser/browser-host.js';
import { FileSecretStore } from './file-secret-store.js';

export interface ColdStartPlan {
  mode: 'prepare' | 'serve';
  repoRoot: string;
  dataDir: string;
  issuer: string;
  clientId: string;
}

export const coldStartProfileId = 'bench-idp';
const plan = JSON.parse(process.env.BENCH_COLD_PLAN ?? '') as ColdStartPlan;

async function main(): Promise<void> {
  const botsDir = join(plan.dataDir, 'bots');
  await mkdir(botsDir, { recursive: true });
  await writeFile(
    join(botsDir, 'report.bot.json'),
    JSON.stringify({ id: 'report', name: 'Daily report', description: 'Catalogued, never started.', command: 'node', args: ['./report.mjs'], profileId: coldStartProfileId }),
  );
  const host = await startBrowserHost({
    dataDir: plan.dataDir,
    botsDir,
    rendererDir: join(plan.repoRoot, 'out', 'renderer'),
    sandbox: false,
    // Parsed with the core's schemas, which load after the page is served, as launch.ts does.
    profiles: async () => {
      const { profileSchema } = await import('../../app/config/profile.js');
      return [profileSchema.parse({ id: coldStartProfileId, name: 'Identity provider', kind: 'oidc', issuer: plan.issuer, clientId: plan.clientId, scopes: ['openid', 'profile', 'api'] })];
    },
    secrets: new FileSecretStore(join(plan.dataDir, 'bench-secrets.json')),
    // The page address is printed as soon as the page is served, as launch.ts does.
    ...(plan.mode === 'serve' ? { onServing: (pageUrl: string) => process.stdout.write(`${JSON.stringify({ pageUrl })}\n`) } : {}),
  });
  if (plan.mode === 'serve') {
    process.once('SIGTERM', () => void host.close().then(() => process.exit(0)));
    // For the bench's phases (progress output only): when the core was ready to answer the page.
    process.stdout.write(`${JSON.stringify({ composedAt: Date.now() })}\n`);
    return;
  }
  const [{ completeLoginWithoutBrowser }, { demoUser }, { waitFor }] = await Promise.all([
    import('../../app/sandbox/complete-login-without-browser.js'),
    import('../../app/sandbox/sandbox-accounts.js'),
    import('./wait-for.js'),
  ]);
  const { api } = host.supervisor;
  const { authorizationUrl } = await api.invoke('signIn', { profileId: coldStartProfileId });
  const callback = await completeLoginWithoutBrowser(plan.issuer, authorizationUrl, demoUser);
  const active = waitFor<SupervisorState>(
    (listener) => api.on('state', listener),
    (state) => state.sessions.some((s) => s.profileId === coldStartProfileId && s.status === 'active'),
    20_000,
    'sign-in',
  );
  await host.supervisor.deliverRedirect(callback);
  await active;
  await api.invoke('savePreferences', { wizardCompleted: true });
  await host.close();
  process.stdout.write(`${JSON.stringify({ prepared: true })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`cold-start host failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
