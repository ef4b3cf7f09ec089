import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuildFlavour } from '../../app/config/app-identity.js';
import { externalOriginsOf } from '../../app/common/external-url-allowlist.js';
import type { SandboxProfileOptions } from '../../app/config/profile-registry.js';
import type { Profile } from '../../app/config/profile.js';
import { JsonLinesLogger } from '../../app/logging/json-lines-logger.js';
import { systemClock } from '../../app/ports/clock.js';
import type { Logger } from '../../app/ports/logger.js';
import { silentNotifier } from '../../app/ports/notifier.js';
import { MemorySecretStore, type SecretStore } from '../../app/ports/secret-store.js';
import { machinePolicyPath } from '../../app/policy/machine-policy-path.js';
import type { MachinePolicyState } from '../../app/policy/read-machine-policy.js';
import type { NodeNetwork, NodeNetworkOptions } from '../../app/network/node-http-fetch.js';
import type { Supervisor } from '../../app/supervisor.js';
import type { CoreTimings } from '../../app/supervisor-options.js';
import { BrowserHostServer } from './browser-host-server.js';
import { InstanceRunningError, liveInstanceLock, removeInstanceLock, writeInstanceLock } from './instance-lock.js';
import { readLastPort, saveLastPort } from './last-port.js';
import { claimStart } from './start-claim.js';
import { TabOpener } from './tab-opener.js';

export interface BrowserHostOptions {
  dataDir: string;
  botsDir: string;
  rendererDir: string;
  port?: number;
  /** Sandbox provider settings; `false` runs without the Local sandbox profile. */
  sandbox?: SandboxProfileOptions | false;
  flavour?: BuildFlavour;
  /** Profiles beyond the sandbox; a function is called while the page loads (after it is served). */
  profiles?: Profile[] | (() => Profile[] | Promise<Profile[]>);
  logger?: Logger;
  /**
   * Called once the page is served, before the core is composed: a launcher can open the page
   * then, and its requests wait for the core (cold start, docs/benchmarks.md).
   */
  onServing?: (pageUrl: string) => void;
  /**
   * How long the core waits for a page on its way to fetch its files before it loads anyway
   * (default 500 ms); 0 when no page is on its way (the launcher's `--no-open`).
   */
  pageHeadStartMs?: number;
  /** Default: the machine's policy file, or the one RPA_SUPERVISOR_POLICY_FILE names. */
  policy?: MachinePolicyState;
  /** Default: memory only (plain Node has no OS keychain). Benchmarks pass a file store to restore a session. */
  secrets?: SecretStore;
  /**
   * Provider requests: the proxy environment (default `process.env`: HTTPS_PROXY, HTTP_PROXY,
   * NO_PROXY) and certificates to trust besides Node's roots and NODE_EXTRA_CA_CERTS.
   */
  network?: NodeNetworkOptions;
  /** Waits end-to-end tests shorten (the launcher reads them with test-timings.ts); default: the product's. */
  timings?: CoreTimings;
}

let playwrightCoreDir: string | undefined;

/**
 * The playwright-core this host runs with, handed to bots (RPA_PLAYWRIGHT_CORE) so the SDK's
 * Playwright helper needs nothing installed beside a bot. Found when the first run starts, not
 * at start-up (resolving it costs about 2 ms), and kept.
 */
export function hostPlaywrightCoreDir(): string {
  playwrightCoreDir ??= dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  return playwrightCoreDir;
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
  let resolveSupervisor!: (supervisor: Supervisor) => void;
  let rejectSupervisor!: (error: unknown) => void;
  const composed = new Promise<Supervisor>((resolve, reject) => {
    resolveSupervisor = resolve;
    rejectSupervisor = reject;
  });
  // From the look for a running host until this one's lock is written, no other start on this
  // folder gets in between: two launchers started together would otherwise both compose a core
  // on it (S118). A host found running is the caller's to hand over to (InstanceRunningError).
  const releaseClaim = await claimStart(options.dataDir);
  let logger: Logger;
  let server: BrowserHostServer;
  let lastPort: number | undefined;
  try {
    const running = await liveInstanceLock(options.dataDir);
    if (running) throw new InstanceRunningError(running);
    logger = options.logger ?? new JsonLinesLogger(join(options.dataDir, 'logs', 'supervisor.log'));
    // The port of the last start, when free: the page keeps its origin and the browser its cache.
    lastPort = await readLastPort(options.dataDir);
    // Served first: the browser loads the page while the core's modules load and compose.
    server = await BrowserHostServer.start({
      supervisor: composed,
      rendererDir: options.rendererDir,
      logger,
      ...(options.port !== undefined ? { port: options.port } : lastPort !== undefined ? { preferredPort: lastPort } : {}),
    });
    options.onServing?.(server.pageUrl);
    // After the address is out (its two fsyncs can take a while on a busy disk); a hand-off
    // launcher reads it long before a person could have pasted a link anywhere.
    await writeInstanceLock(options.dataDir, {
      pid: process.pid,
      port: server.port,
      handoffSecret: server.handoffSecret,
      pageUrl: server.pageUrl,
    }).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
  } finally {
    await releaseClaim();
  }
  const browser = new TabOpener();
  if (server.port !== lastPort) await saveLastPort(options.dataDir, server.port).catch(() => logger.warn('could not save the browser host port for next time'));
  // Loading the core blocks this thread for a while: let a page that is already on its way get
  // its files first (its script then runs in the browser meanwhile), or start after a moment.
  const headStartMs = options.pageHeadStartMs ?? defaultPageHeadStartMs;
  if (headStartMs > 0) await Promise.race([server.pageLoaded, new Promise((resolve) => setTimeout(resolve, headStartMs).unref())]);
  let network: NodeNetwork | undefined;
  let supervisor: Supervisor;
  try {
    ({ supervisor, network } = await composeCore(options, logger, browser));
    resolveSupervisor(supervisor);
    // Once a page has its first answer (or after a while without one): loading the network
    // stack blocks this thread for tens of ms, which the page's first state should not wait for,
    // and the first sign-in then starts with it loaded.
    const loaded = network;
    let preloadBound: NodeJS.Timeout | undefined;
    void Promise.race([server.pageAnswered, new Promise((resolve) => (preloadBound = setTimeout(resolve, networkPreloadBoundMs).unref()))]).then(() => {
      clearTimeout(preloadBound);
      loaded.preload();
    });
  } catch (error) {
    rejectSupervisor(error);
    await server.close();
    await network?.close();
    await removeInstanceLock(options.dataDir, process.pid);
    throw error;
  }
  browser.attach(
    (url) => server.askPageToOpenTab(url),
    async () => externalOriginsOf((await supervisor.api.invoke('getState', {})).profiles),
  );
  logger.info('browser host started', { port: server.port });

  let closed = false;
  const openNetwork = network;
  return {
    supervisor,
    server,
    pageUrl: server.pageUrl,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await supervisor.shutdown();
      await openNetwork.close();
      await removeInstanceLock(options.dataDir, process.pid);
    },
  };
}

/** How long the network stack waits for a page's first answer before it loads anyway. */
const networkPreloadBoundMs = 2000;

/** How long the core waits for a page to fetch its files before it loads anyway. */
const defaultPageHeadStartMs = 500;

/** The core and its Node ports, loaded on demand so that none of it delays the first page. */
async function composeCore(options: BrowserHostOptions, logger: Logger, browser: TabOpener): Promise<{ supervisor: Supervisor; network: NodeNetwork }> {
  const [{ createSupervisor }, { createNodeNetwork }, { ConfSettingsStore }, { readMachinePolicy }] = await Promise.all([
    import('../../app/supervisor.js'),
    import('../../app/network/node-http-fetch.js'),
    import('./conf-settings-store.js'),
    import('../../app/policy/read-machine-policy.js'),
  ]);
  // The browser host is a development and test host, so the override variable is honoured here.
  const policyPath = machinePolicyPath({ platform: process.platform, env: process.env, allowOverride: true });
  const readPolicy = () => readMachinePolicy(policyPath, { platform: process.platform, currentUid: process.getuid?.() });
  const policy = options.policy ?? (await readPolicy());
  const profiles = typeof options.profiles === 'function' ? await options.profiles() : options.profiles;
  const network = createNodeNetwork(options.network);
  try {
    const supervisor = await createSupervisor({
      ports: {
        browser,
        secrets: options.secrets ?? new MemorySecretStore(),
        settings: new ConfSettingsStore(options.dataDir, { logger }),
        clock: systemClock,
        notifier: silentNotifier,
        logger,
        http: network.fetch,
      },
      dataDir: options.dataDir,
      flavour: options.flavour ?? 'development',
      botsDir: options.botsDir,
      // Its scheme is never registered with the OS, so the sandbox shows the app link to copy.
      ...(options.sandbox === false ? {} : { sandbox: { appLinkPage: true, ...options.sandbox } }),
      ...(profiles ? { profiles } : {}),
      // The page reports presence: with none open since the start, nobody is watching (S60).
      idleFromStart: true,
      // Bots run on this host's own Node (process.execPath): nothing else need be installed.
      nodeExecutable: process.execPath,
      playwrightCoreDir: hostPlaywrightCoreDir,
      policy,
      // A policy the caller passed in is not a file to follow.
      ...(options.policy ? {} : { rereadPolicy: readPolicy }),
      ...(options.timings ? { timings: options.timings } : {}),
    });
    return { supervisor, network };
  } catch (error) {
    await network.close();
    throw error;
  }
}
