import { SignInService } from './auth/sign-in-service.js';
import { loadBotManifests } from './bots/bot-manifest.js';
import { RunManager } from './bots/run-manager.js';
import { TokenBroker } from './broker/token-broker.js';
import { auditCommands } from './commands/audit-commands.js';
import { botCommands } from './commands/bot-commands.js';
import type { CommandHandlers } from './commands/command-handlers.js';
import { preferenceCommands } from './commands/preference-commands.js';
import { profileCommands } from './commands/profile-commands.js';
import { sessionCommands } from './commands/session-commands.js';
import { protocolSchemeFor, type BuildFlavour } from './config/app-identity.js';
import { PreferencesStore } from './config/preferences-store.js';
import { ProfileRegistry } from './config/profile-registry.js';
import type { Profile } from './config/profile.js';
import type { Disposable, EventName, SupervisorApi, SupervisorEvents } from './contract.js';
import { supervisorError } from './error-catalogue.js';
import { NoticeBoard } from './notice-board.js';
import type { CorePorts } from './ports/index.js';
import type { RunningSandbox } from './sandbox/sandbox-provider.js';
import { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import { SessionManager } from './session/session-manager.js';
import { buildSnapshot } from './state/build-snapshot.js';
import type { SupervisorServices } from './supervisor-services.js';

export interface SupervisorOptions {
  ports: CorePorts;
  /** Where run history, run logs and the audit trail are written. */
  dataDir: string;
  /** Picks the custom scheme (production or development). */
  flavour: BuildFlavour;
  /** Folder holding `*.bot.json` manifests, unless the user chose another in preferences. */
  botsDir: string;
  /** Starts the embedded sandbox provider when the Local sandbox profile is used. */
  sandbox?: { port?: number; accessTokenTtlSeconds?: number };
  /** Profiles beyond the sandbox (tests, admin imports). */
  profiles?: Profile[];
  /** Which host runs the core; Electron passes its launch-at-login switch. */
  host?: { kind: 'electron' | 'browser'; launchAtLogin?: { get(): boolean; set(enabled: boolean): void } };
}

/** The core facade: composes the services and exposes them to a host. */
export interface Supervisor {
  /** Commands and pushed events; the host binds this to its transport, which validates input. */
  readonly api: SupervisorApi;
  /** The custom scheme this instance answers to. */
  readonly scheme: string;
  /** The running sandbox provider, when the Local sandbox profile is active. */
  readonly sandbox: RunningSandbox | undefined;
  /** Deep-link intake. Never throws: bad links are logged (without the code) and surface as state. */
  deliverRedirect(url: string): Promise<void>;
  /** Re-evaluates expiry from wall-clock time; hosts call it on resume and unlock. */
  recheck(): void;
  /** Stops bots (halted), the broker and the sandbox. */
  shutdown(): Promise<void>;
}

export async function createSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { ports } = options;
  const scheme = protocolSchemeFor(options.flavour);
  const profiles = await ProfileRegistry.create({ scheme, sandbox: options.sandbox, extra: options.profiles ?? [] });

  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const emit = <E extends EventName>(event: E, payload: SupervisorEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: SupervisorEvents[E]) => void)(payload);
  };
  let stateQueued = false;
  let services: SupervisorServices | undefined;
  const scheduleState = () => {
    if (stateQueued || !services) return;
    stateQueued = true;
    // Coalesce bursts (a run ending changes bots, runs and sessions at once) into one snapshot.
    setImmediate(() => {
      stateQueued = false;
      if (services) emit('state', buildSnapshot(services));
    });
  };

  const notices = new NoticeBoard(ports.clock, scheduleState);
  const preferences = new PreferencesStore(ports.settings, { botsDir: options.botsDir }, options.host?.launchAtLogin);
  const sessions = new SessionManager({
    clock: ports.clock,
    logger: ports.logger,
    notifier: ports.notifier,
    secrets: ports.secrets,
    profile: (id) => profiles.get(id),
  });
  const signIn = new SignInService({
    clock: ports.clock,
    browser: ports.browser,
    logger: ports.logger,
    secrets: ports.secrets,
    sessions,
    scheme,
    profile: (id) => profiles.get(id),
  });
  const broker = new TokenBroker({ sessions, clock: ports.clock, logger: ports.logger });
  await broker.start();
  const runs = new RunManager({
    sessions,
    broker,
    clock: ports.clock,
    logger: ports.logger,
    dataDir: options.dataDir,
    maxConcurrentRuns: preferences.view().maxConcurrentRuns,
    placeholders: profiles.sandbox
      ? { 'sandbox.apiBaseUrl': profiles.sandbox.apiBaseUrl, 'sandbox.portalUrl': profiles.sandbox.portalUrl }
      : {},
    profileName: (id) => profiles.get(id)?.name ?? id,
  });
  const selfTest = new DeepLinkSelfTest({ clock: ports.clock, browser: ports.browser, scheme, onChange: scheduleState });
  services = {
    ports,
    scheme,
    host: { kind: options.host?.kind ?? 'browser', scheme, secretsPersistent: ports.secrets.persistent },
    profiles,
    sessions,
    signIn,
    broker,
    runs,
    notices,
    preferences,
    selfTest,
    profilesWithSecret: new Set(),
  };
  const ready = services;

  const catalogue = await loadBotManifests(preferences.view().botsDir);
  runs.setBots(catalogue.manifests);
  for (const problem of catalogue.errors) notices.post('warning', supervisorError('bot_manifest_invalid', problem.file, problem.message));
  if (preferences.hadInvalidValue) notices.post('warning', supervisorError('settings_reset'));

  const subscriptions: Disposable[] = [
    sessions.onDidEvent((event) => {
      if (event.type === 'expired' && profiles.get(event.profileId)?.expiryPolicy === 'stop') {
        void runs.haltProfile(event.profileId, 'The session expired.');
      }
      if (event.type === 'discarded' && event.reason === 'unreadable') notices.post('warning', supervisorError('session_unreadable'));
      scheduleState();
    }),
    sessions.onDidChange(scheduleState),
    signIn.onDidEvent((event) => {
      if (event.type === 'redirectIgnored') notices.post('warning', supervisorError('invalid_redirect', event.reason));
      scheduleState();
    }),
    runs.onDidChange(scheduleState),
    runs.onDidLog((batch) => emit('log', batch)),
  ];
  await sessions.restore(profiles.list().map((p) => p.id));
  if (!ports.secrets.persistent) notices.post('warning', supervisorError('secrets_memory_only'));

  const handlers: CommandHandlers = {
    getState: async () => buildSnapshot(ready),
    ...sessionCommands(ready),
    ...botCommands(ready),
    ...profileCommands(ready),
    ...auditCommands(ready),
    ...preferenceCommands(ready),
  };

  const api: SupervisorApi = {
    invoke: (command, input) => handlers[command](input as never) as never,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return { dispose: () => set.delete(listener as (payload: never) => void) };
    },
  };

  let shutDown = false;
  return {
    api,
    scheme,
    sandbox: profiles.sandbox,
    async deliverRedirect(url) {
      // Self-test links are answered here and never reach OAuth code.
      if (selfTest.accept(url)) return;
      await signIn.handleRedirect(url);
    },
    recheck: () => sessions.recheck(),
    async shutdown() {
      if (shutDown) return;
      shutDown = true;
      for (const subscription of subscriptions) subscription.dispose();
      await runs.dispose();
      await broker.close();
      selfTest.dispose();
      signIn.dispose();
      sessions.dispose();
      await profiles.close();
      listeners.clear();
      services = undefined;
    },
  };
}
