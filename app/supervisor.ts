import { join } from 'node:path';
import { openAuditTrail } from './audit/open-audit-trail.js';
import { recordSupervisorActivity, type ActivityRecorder } from './audit/record-supervisor-activity.js';
import { SignInService } from './auth/sign-in-service.js';
import { BotCatalogue } from './bots/bot-catalogue.js';
import { followExpiryPolicy } from './bots/expiry-policy.js';
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
import { ProfileRegistry, type SandboxProfileOptions } from './config/profile-registry.js';
import { ProfileStore } from './config/profile-store.js';
import { clientSecretKey } from './config/profile.js';
import type { Profile } from './config/profile.js';
import type { CommandName, Disposable, SupervisorApi } from './common/contract.js';
import { supervisorError } from './error-catalogue.js';
import { NoticeBoard } from './notice-board.js';
import type { CorePorts } from './ports/index.js';
import type { RunningSandbox } from './sandbox/sandbox-provider.js';
import { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import { CompanyConnections } from './session/company-connections.js';
import { SessionManager } from './session/session-manager.js';
import { buildSnapshot } from './state/build-snapshot.js';
import type { SupervisorServices } from './supervisor-services.js';
import { SupervisorConnections, type SharedInvoke, type SupervisorConnection } from './transport/supervisor-connections.js';

export interface SupervisorOptions {
  ports: CorePorts;
  /** Where run history, run logs and the audit trail are written. */
  dataDir: string;
  /** Picks the custom scheme (production or development). */
  flavour: BuildFlavour;
  /** Folder holding `*.bot.json` manifests, unless the user chose another in preferences. */
  botsDir: string;
  /**
   * Starts the embedded sandbox provider behind the Local sandbox profile; with `partner`, also
   * the "Local sandbox (HCSS partner)" profile, whose per-launch secret goes to `ports.secrets`.
   */
  sandbox?: SandboxProfileOptions;
  /** Profiles beyond the sandbox (tests, admin imports). */
  profiles?: Profile[];
  /**
   * The Node.js binary that runs bots whose manifest says `node`. Default `process.execPath`; the
   * Electron shell must pass a system Node, because its own binary cannot act as Node once the
   * RunAsNode fuse is off.
   */
  nodeExecutable?: string;
  /** Which host runs the core; Electron passes its launch-at-login switch. */
  host?: { kind: 'electron' | 'browser'; launchAtLogin?: { get(): boolean; set(enabled: boolean): void } };
}

/** The core facade: composes the services and exposes them to a host. */
export interface Supervisor {
  /** Commands and pushed events for in-process callers; it follows every run's live log. */
  readonly api: SupervisorApi;
  /**
   * A connection for one window or page: the host binds its api to that transport, which
   * validates input. It receives live `log` events only for the runs it follows (`followLogs`).
   */
  openConnection(): SupervisorConnection;
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

const readOnlyCommands = new Set<CommandName>(['getState', 'listRuns', 'readLog', 'exportRunLog', 'followLogs', 'listAudit', 'verifyAudit', 'exportAudit']);

export async function createSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { ports } = options;
  const scheme = protocolSchemeFor(options.flavour);
  const profileStore = new ProfileStore(ports.settings, { now: () => ports.clock.now(), logger: ports.logger });
  const profiles = await ProfileRegistry.create({
    scheme,
    sandbox: options.sandbox,
    extra: options.profiles ?? [],
    store: profileStore,
    secrets: ports.secrets,
  });

  // Commands reach the handlers once they exist; connections are opened only after that.
  let invokeShared: SharedInvoke = () => Promise.reject(new Error('the supervisor is still starting'));
  const connections = new SupervisorConnections((command, input) => invokeShared(command, input));
  const emit: SupervisorConnections['emit'] = (event, payload) => connections.emit(event, payload);
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
  // Sign-in, sessions and HCSS companies refer to each other only through these callbacks.
  const companies: CompanyConnections = new CompanyConnections({
    settings: ports.settings,
    clock: ports.clock,
    logger: ports.logger,
    profile: (id) => profiles.get(id),
    configuration: (profile): ReturnType<SignInService['configuration']> => signIn.configuration(profile),
    httpTimeoutMs: 10_000,
  });
  const sessions: SessionManager = new SessionManager({
    clock: ports.clock,
    logger: ports.logger,
    notifier: ports.notifier,
    secrets: ports.secrets,
    profile: (id) => profiles.get(id),
    refresh: (session) => signIn.refresh(session),
    companyTokens: companies,
  });
  const signIn: SignInService = new SignInService({
    clock: ports.clock,
    browser: ports.browser,
    logger: ports.logger,
    secrets: ports.secrets,
    sessions,
    scheme,
    profile: (id) => profiles.get(id),
    connectCompany: async (profile, session) => void (await companies.connect(profile, session)),
  });
  const audit = await openAuditTrail({ path: join(options.dataDir, 'audit', 'audit.jsonl'), clock: ports.clock, logger: ports.logger, notices });
  // The recorder needs the run manager, which needs the broker: denials reach it once it exists.
  const denialSink: { recorder?: ActivityRecorder } = {};
  const broker = new TokenBroker({ sessions, clock: ports.clock, logger: ports.logger, onDenied: (denial) => denialSink.recorder?.recordDenial(denial) });
  await broker.start();
  const runs = new RunManager({
    sessions,
    broker,
    clock: ports.clock,
    logger: ports.logger,
    dataDir: options.dataDir,
    maxConcurrentRuns: preferences.view().maxConcurrentRuns,
    ...(options.nodeExecutable === undefined ? {} : { nodeExecutable: options.nodeExecutable }),
    placeholders: profiles.sandbox
      ? { 'sandbox.apiBaseUrl': profiles.sandbox.apiBaseUrl, 'sandbox.portalUrl': profiles.sandbox.portalUrl }
      : {},
    profileName: (id) => profiles.get(id)?.name ?? id,
    isLogFollowed: (runId) => connections.isLogFollowed(runId),
  });
  const recorder = recordSupervisorActivity({ audit, clock: ports.clock, sessions, signIn, runs });
  denialSink.recorder = recorder;
  const catalogue = new BotCatalogue({
    dir: preferences.view().botsDir,
    clock: ports.clock,
    logger: ports.logger,
    onScan: (scan) => {
      runs.setBots(scan.manifests);
      for (const problem of scan.newErrors) {
        notices.post(
          'warning',
          problem === scan.folderError ? supervisorError('bots_folder_unreadable', scan.dir, problem.message) : supervisorError('bot_manifest_invalid', problem.file, problem.message),
        );
      }
    },
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
    catalogue,
    audit,
    notices,
    preferences,
    selfTest,
    profilesWithSecret: new Set(),
    profileStore,
    companies,
  };
  const ready = services;

  await catalogue.start();
  // S27: the host moved a corrupt settings file aside; everything below then read defaults.
  if (ports.settings.recovered) notices.post('warning', supervisorError('settings_corrupt', ports.settings.recovered.backupPath));
  if (preferences.hadInvalidValue) notices.post('warning', supervisorError('settings_reset'));
  if (profileStore.recovered) notices.post('warning', supervisorError('profiles_reset'));
  if (companies.recovered) notices.post('warning', supervisorError('settings_reset'));
  for (const profile of profiles.list()) {
    if (profile.clientAuth !== 'none' && (await ports.secrets.get(clientSecretKey(profile.id)).catch(() => undefined)) !== undefined) {
      ready.profilesWithSecret.add(profile.id);
    }
  }

  const subscriptions: Disposable[] = [
    catalogue,
    followExpiryPolicy({
      sessions,
      runs,
      policyOf: (profileId) => profiles.get(profileId)?.expiryPolicy,
      onError: (error) => ports.logger.error('Halting runs at expiry failed', { error: String(error) }),
    }),
    sessions.onDidEvent((event) => {
      if (event.type === 'discarded' && event.reason === 'unreadable') notices.post('warning', supervisorError('session_unreadable'));
      if (event.type === 'refreshFailed') notices.post('warning', supervisorError('token_refresh_failed', profiles.get(event.profileId)?.name ?? event.profileId));
      scheduleState();
    }),
    sessions.onDidChange(scheduleState),
    companies.onDidChange(scheduleState),
    signIn.onDidEvent((event) => {
      if (event.type === 'redirectIgnored') notices.post('warning', supervisorError('invalid_redirect', event.reason));
      scheduleState();
    }),
    runs.onDidChange(scheduleState),
    runs.onDidLog((batch) => emit('log', batch)),
  ];
  await sessions.restore(profiles.list().map((p) => p.id));
  if (!ports.secrets.persistent) notices.post('warning', supervisorError('secrets_memory_only'));

  const handlers: Omit<CommandHandlers, 'followLogs'> = {
    getState: async () => buildSnapshot(ready),
    ...sessionCommands(ready),
    ...botCommands(ready),
    ...profileCommands(ready),
    ...auditCommands(ready),
    ...preferenceCommands(ready),
  };

  invokeShared = async (command, input) => {
    const result = await handlers[command](input as never);
    // Services announce their own changes; this covers settings that have no event of their own.
    if (!readOnlyCommands.has(command)) scheduleState();
    return result as never;
  };
  const { api } = connections.open({ followAllLogs: true });

  let shutDown = false;
  return {
    api,
    openConnection: () => connections.open({ followAllLogs: false }),
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
      // After the runs and the broker, so their last records (halted runs, denials) are kept.
      recorder.dispose();
      await audit.close();
      selfTest.dispose();
      signIn.dispose();
      sessions.dispose();
      companies.dispose();
      await profiles.close();
      connections.dispose();
      services = undefined;
    },
  };
}
