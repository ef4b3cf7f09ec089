import { join } from 'node:path';
import type { MachinePolicyState } from '../../app/policy/read-machine-policy.js';
import type { BuildFlavour } from '../../app/config/app-identity.js';
import { externalOriginsOf } from '../../app/common/external-url-allowlist.js';
import type { SandboxProfileOptions } from '../../app/config/profile-registry.js';
import type { Profile } from '../../app/config/profile.js';
import { JsonLinesLogger } from '../../app/logging/json-lines-logger.js';
import { systemClock } from '../../app/ports/clock.js';
import type { Logger } from '../../app/ports/logger.js';
import { silentNotifier } from '../../app/ports/notifier.js';
import { MemorySecretStore } from '../../app/ports/secret-store.js';
import { createSupervisor, type Supervisor } from '../../app/supervisor.js';
import { BrowserHostServer } from './browser-host-server.js';
import { ConfSettingsStore } from './conf-settings-store.js';
import { removeInstanceLock, writeInstanceLock } from './instance-lock.js';
import { TabOpener } from './tab-opener.js';

export interface BrowserHostOptions {
  dataDir: string;
  botsDir: string;
  rendererDir: string;
  port?: number;
  /** Sandbox provider settings; `false` runs without the Local sandbox profile. */
  sandbox?: SandboxProfileOptions | false;
  flavour?: BuildFlavour;
  profiles?: Profile[];
  logger?: Logger;
  /** The machine policy (development and tests: RPA_SUPERVISOR_POLICY_FILE, see launch.ts). */
  policy?: MachinePolicyState;
}

export interface RunningBrowserHost {
  supervisor: Supervisor;
  server: BrowserHostServer;
  pageUrl: string;
  close(): Promise<void>;
}

/**
 * Composes the core with Node ports and the loopback transport: the same core and renderer as
 * the Electron app, for machines without Electron and for end-to-end tests. Secrets are kept in
 * memory only, because plain Node has no OS keychain; the UI says so (S24).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const logger = options.logger ?? new JsonLinesLogger(join(options.dataDir, 'logs', 'supervisor.log'));
  const browser = new TabOpener();
  const supervisor = await createSupervisor({
    ports: {
      browser,
      secrets: new MemorySecretStore(),
      settings: new ConfSettingsStore(options.dataDir, { logger }),
      clock: systemClock,
      notifier: silentNotifier,
      logger,
    },
    dataDir: options.dataDir,
    flavour: options.flavour ?? 'development',
    botsDir: options.botsDir,
    ...(options.sandbox === false ? {} : { sandbox: options.sandbox ?? {} }),
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  let server: BrowserHostServer;
  try {
    server = await BrowserHostServer.start({
      supervisor,
      rendererDir: options.rendererDir,
      logger,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (error) {
    await supervisor.shutdown();
    throw error;
  }
  browser.attach(
    (url) => server.broadcast('openExternal', { url }),
    async () => externalOriginsOf((await supervisor.api.invoke('getState', {})).profiles),
  );
  await writeInstanceLock(options.dataDir, {
    pid: process.pid,
    port: server.port,
    handoffSecret: server.handoffSecret,
    pageUrl: server.pageUrl,
  });
  logger.info('browser host started', { port: server.port });

  let closed = false;
  return {
    supervisor,
    server,
    pageUrl: server.pageUrl,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await supervisor.shutdown();
      await removeInstanceLock(options.dataDir, process.pid);
    },
  };
}
