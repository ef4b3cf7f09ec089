import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { protocolSchemeFor } from '../../app/config/app-identity.js';
import { startBrowserHost } from './browser-host.js';
import { dataFolderProblem } from './data-folder-check.js';
import { defaultBotsDir, defaultDataDir, defaultRendererDir } from './default-paths.js';
import { InstanceRunningError, liveInstanceLock, type InstanceLock } from './instance-lock.js';
import { parseLauncherArgs } from './launcher-args.js';
import { sandboxVariables } from './sandbox-variables.js';
import { testTimings } from './test-timings.js';

/**
 * `npm run start:browser`: starts the browser host. Links are handed over by the page's paste box
 * or by the hand-off launcher (`node bin/hand-off.mjs`), never through here.
 */
async function main(): Promise<number> {
  const dataDir = defaultDataDir();
  const command = parseLauncherArgs(process.argv.slice(2));
  if (command.kind === 'invalid') {
    console.error(command.message);
    return 2;
  }
  const timings = testTimings(process.env);
  if (!timings.ok) {
    console.error(timings.message);
    return 2;
  }
  const sandbox = sandboxVariables(process.env);
  if (!sandbox.ok) {
    console.error(sandbox.message);
    return 2;
  }

  // Before its lock is trusted: one planted by another user would open their page as ours (S119).
  const folderProblem = await dataFolderProblem(dataDir, { create: true, fromVariable: Boolean(process.env.RPA_SUPERVISOR_DATA_DIR) });
  if (folderProblem) {
    console.error(folderProblem);
    return 2;
  }
  const running = await liveInstanceLock(dataDir);
  if (running) return handOverTo(running, command.open);
  if (!existsSync(join(defaultRendererDir, 'index.html'))) {
    console.error('The user interface has not been built. Run `npm run build` first (npm run start:browser does this for you).');
    return 1;
  }
  // The machine policy (or RPA_SUPERVISOR_POLICY_FILE's) is read by the host itself, as the
  // product reads it: ownership and folder checked, any encoding it accepts, changes followed.
  // One started in the moment since the look above is found again under the start claim.
  const host = await startBrowserHost({
    dataDir,
    botsDir: defaultBotsDir(),
    rendererDir: defaultRendererDir,
    ...(command.port !== undefined ? { port: command.port } : {}),
    // Without --no-open the page opens now and gets its files first; with it, no page is coming.
    ...(command.open ? {} : { pageHeadStartMs: 0 }),
    timings: timings.timings,
    // The page is usable as soon as it is served; its requests wait for the core.
    onServing: (pageUrl) => {
      console.log(`RPA Supervisor (browser host) is starting.\nOpen: ${pageUrl}`);
      if (command.open) openInSystemBrowser(pageUrl);
    },
    // The partner client is off unless asked for, so a normal start shows only the Local sandbox profile.
    sandbox: sandbox.options,
  }).catch((error: unknown) => {
    if (error instanceof InstanceRunningError) return error.lock;
    throw error;
  });
  if (!('supervisor' in host)) return handOverTo(host, command.open);
  console.log('RPA Supervisor (browser host) is running.');
  if (host.supervisor.sandbox) {
    console.log(`Local sandbox provider: ${host.supervisor.sandbox.issuer} (user "${host.supervisor.sandbox.demoUser.username}", password "${host.supervisor.sandbox.demoUser.password}")`);
  }
  console.log(`Data folder: ${dataDir}`);
  console.log(`If your browser cannot open an app link (${protocolSchemeFor('development')}://…), paste it into the sign-in card, or run: node bin/hand-off.mjs`);

  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}

/** A second start, as a desktop app's brings its window forward: the running host's page opens again. */
function handOverTo(running: InstanceLock, open: boolean): number {
  console.log(`RPA Supervisor is already running. Open: ${running.pageUrl}`);
  if (open) openInSystemBrowser(running.pageUrl);
  return 0;
}

function openInSystemBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open your browser automatically; open the address above.'));
    child.unref();
  } catch {
    console.log('Could not open your browser automatically; open the address above.');
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`RPA Supervisor could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
