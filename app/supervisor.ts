import { join } from 'node:path';
import { AuditSettings } from './audit/audit-settings.js';
import { currentPerson } from './audit/current-person.js';
import { AuditForwarder } from './audit/forwarding/audit-forwarder.js';
import { openAuditTrail } from './audit/open-audit-trail.js';
import { recordSupervisorActivity } from './audit/record-supervisor-activity.js';
import { CompanyGrants } from './auth/company-grants.js';
import { ProviderConfigurations } from './auth/provider-configurations.js';
import { ProviderTokens } from './auth/provider-tokens.js';
import { SignInService } from './auth/sign-in-service.js';
import { AttentionAcknowledgements } from './attention/attention-acknowledgements.js';
import { AttentionNotifications } from './attention/attention-notifications.js';
import { buildAttention } from './attention/build-attention.js';
import { BotCatalogue } from './bots/bot-catalogue.js';
import { RunControls } from './bots/run-controls.js';
import { followExpiryPolicy } from './bots/expiry-policy.js';
import { RunManager } from './bots/run-manager.js';
import { TokenBroker } from './broker/token-broker.js';
import { auditCommands } from './commands/audit-commands.js';
import { connectionCommands } from './commands/connection-commands.js';
import { botCommands } from './commands/bot-commands.js';
import type { CommandHandlers } from './commands/command-handlers.js';
import { preferenceCommands } from './commands/preference-commands.js';
import { profileCommands } from './commands/profile-commands.js';
import { linkCommands, openLink } from './commands/link-commands.js';
import { sessionCommands } from './commands/session-commands.js';
import { customSchemeRedirectUri, protocolSchemeFor, type BuildFlavour } from './config/app-identity.js';
import { supervisionCommands } from './commands/supervision-commands.js';
import { PreferencesStore } from './config/preferences-store.js';
import { ProfileRegistry, type SandboxProfileOptions } from './config/profile-registry.js';
import { ProfileStore } from './config/profile-store.js';
import type { Profile } from './config/profile.js';
import type { CommandName, Disposable, HostView, LinkResult, SupervisorApi } from './common/contract.js';
import { parseDeepLink, type DeepLink } from './deep-link/parse-deep-link.js';
import { supervisorError } from './error-catalogue.js';
import { NoticeBoard } from './notice-board.js';
import { demoModeFor } from './policy/demo-mode.js';
import { defaultMachinePolicy } from './policy/machine-policy.js';
import { RetentionService } from './retention/retention-service.js';
import { RunArtifacts } from './artifacts/run-artifacts.js';
import { redactArtifactText } from './artifacts/redact-artifact-text.js';
import { Redactor } from './bots/redactor.js';
import { artifactCommands } from './commands/artifact-commands.js';
import { effectivePatientData, patientDataPolicyView, type EffectivePatientData } from './policy/patient-data-policy.js';
import { defaultRedactionSettings, defaultRetentionDays } from './common/patient-data.js';
import { policyView } from './policy/policy-view.js';
import type { MachinePolicyState } from './policy/read-machine-policy.js';
import { effectiveSupervision } from './policy/supervision-policy.js';
import type { CorePorts } from './ports/index.js';
import type { PresenceSource } from './ports/presence-source.js';
import type { RunningSandbox } from './sandbox/sandbox-provider.js';
import { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import { CompanyConnections } from './session/company-connections.js';
import { SessionManager } from './session/session-manager.js';
import { BotScheduler } from './schedules/bot-scheduler.js';
import { ScheduleSettings } from './schedules/schedule-settings.js';
import { buildSnapshot } from './state/build-snapshot.js';
import { recordSupervisionActivity } from './supervision/record-supervision-activity.js';
import { Supervision } from './supervision/supervision.js';
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
   * Only in demo mode (`demoModeFor`: never in a packaged production build unless the machine
   * policy turns demo mode on); otherwise ignored, and the demo bots are not listed either.
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
  /** The playwright-core folder bots get as RPA_PLAYWRIGHT_CORE (outside any asar archive). */
  playwrightCoreDir?: string;
  /**
   * The machine policy as the host read it (app/policy/read-machine-policy.ts). Default: no
   * policy file, so the app's own defaults apply.
   */
  policy?: MachinePolicyState;
  /** Which host runs the core; Electron passes its launch-at-login switch. */
  host?: {
    kind: 'electron' | 'browser';
    launchAtLogin?: { get(): boolean; set(enabled: boolean): void };
    /** The host registers global shortcuts (Electron); `pauseAll` when the composition can pause runs. */
    globalHotkeys?: { pauseAll: boolean };
  };
  /**
   * The host's presence signals (Electron: powerMonitor). Without one, the page reports activity
   * through `reportPresence` (the browser host).
   */
  presence?: PresenceSource;
  /** The platform Pause is decided for (default `process.platform`; tests pass others). */
  platform?: NodeJS.Platform;
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
  /**
   * A link a host has parsed once with `parseDeepLink`: a sign-in answer, a self-test link, or
   * an unknown link. Never throws: bad links are logged (without the code) and surface as state.
   * The result says what became of it (the browser host's hand-off launcher prints it).
   */
  openDeepLink(link: DeepLink): Promise<LinkResult>;
  /** For in-process callers holding the raw URL (tests, benchmarks): parses it once and opens it. */
  deliverRedirect(url: string): Promise<LinkResult>;
  /** Re-evaluates expiry, due schedules and presence from wall-clock time; hosts call it on resume and unlock. */
  recheck(): void;

  /** Stops bots (halted), the broker and the sandbox. */
  shutdown(): Promise<void>;
}

const readOnlyCommands = new Set<CommandName>(['getState', 'listRuns', 'readLog', 'exportRunLog', 'followLogs', 'listAudit', 'verifyAudit', 'exportAudit', 'listArtifacts', 'readArtifact', 'testConnection', 'auditStatus']);

/**
 * The composition root: every service is built once, in dependency order, from the ones above
 * it (docs/architecture.md, "Composition order"). Services announce changes through their own
 * `onDid…` events; nothing here is bound late.
 */
export async function createSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { ports } = options;
  const { clock, logger } = ports;
  const policy: MachinePolicyState = options.policy ?? { kind: 'absent', path: '', policy: defaultMachinePolicy, profiles: [] };
  const scheme = protocolSchemeFor(options.flavour);
  // The sandbox and the demo bots: development and the browser host by default, production only by policy.
  const demoMode = demoModeFor(policy.policy, options.flavour);
  const { allowedFolders } = policy.policy.bots;

  // 1. Settings and profiles (the registry owns which profiles have a client secret).
  const preferences = new PreferencesStore(ports.settings, { botsDir: options.botsDir, allowedBotsFolders: allowedFolders }, options.host?.launchAtLogin, options.host?.globalHotkeys);
  const profileStore = new ProfileStore(ports.settings, { now: () => clock.now(), logger });
  const profiles = await ProfileRegistry.create({
    scheme,
    sandbox: demoMode ? options.sandbox : undefined,
    managed: policy.profiles,
    extra: options.profiles ?? [],
    store: profileStore,
    secrets: ports.secrets,
  });
  const notices = new NoticeBoard(clock);
  // A profile's patient-data settings with the machine policy applied; an unknown profile gets the defaults.
  const patientData = (profileId: string): EffectivePatientData =>
    effectivePatientData(profiles.get(profileId) ?? { redaction: defaultRedactionSettings, screenshots: false, retentionDays: defaultRetentionDays }, policy.policy.patientData);
  const patientDataPolicy = patientDataPolicyView(policy.policy.patientData);
  const host: HostView = {
    kind: options.host?.kind ?? 'browser',
    scheme,
    secretsPersistent: ports.secrets.persistent,
    flavour: options.flavour,
    appLinkRedirectUri: customSchemeRedirectUri(scheme),
    dataDir: options.dataDir,
    sandboxOffered: profiles.sandbox !== undefined,
    policy: policyView(policy),
  };

  // 2. The provider side (auth/ obtains tokens), then the session side (session/ holds them).
  const providers = new ProviderConfigurations({ clientSecrets: profiles, ...(ports.http ? { fetch: ports.http } : {}) });
  const signIn = new SignInService({ clock, browser: ports.browser, logger, scheme, profiles, providers });
  const tokens = new ProviderTokens({ clock, logger, scheme, profiles, providers });
  // The audit trail opens first: company refusals (S67) and everything after it are recorded.
  const audit = await openAuditTrail({ path: join(options.dataDir, 'audit', 'audit.jsonl'), clock, logger, notices, secrets: ports.secrets });
  const companies = new CompanyConnections({
    settings: ports.settings,
    clock,
    logger,
    profiles,
    grants: new CompanyGrants({ providers, clock, logger }),
    admins: () => policy.policy.companyAccess?.admins ?? [],
    onRefused: ({ profileId, companyId, requester, owner }) =>
      audit.record({
        type: 'companyRefused',
        actor: requester,
        profileId,
        company: companyId,
        detail: `Refused the company's token: it was connected by ${owner.name ?? owner.subject} (${owner.subject}).`,
      }),
    onConnected: ({ profileId, companyId, connectedBy }) =>
      audit.record({ type: 'companyConnected', actor: connectedBy, profileId, company: companyId, detail: `Company ${companyId} connected; its tokens are served to this person's sessions only.` }),
  });
  const sessions = new SessionManager({ clock, logger, notifier: ports.notifier, secrets: ports.secrets, profiles, refresher: tokens, companyTokens: companies });
  const selfTest = new DeepLinkSelfTest({ clock, browser: ports.browser, scheme });

  // 3. Audit, broker and bots.
  const person = () => currentPerson(sessions, profiles.list().map((p) => p.id));
  const auditSettings = new AuditSettings({
    audit,
    forwarder: new AuditForwarder({ audit, clock, logger, cursorPath: join(options.dataDir, 'audit', 'forward-outbox.json') }),
    settings: ports.settings,
    policy: policy.policy,
    clock,
  });
  // One redactor for the runs' output and their text artifacts, so a token is redacted everywhere it is known.
  const redactor = new Redactor();
  const artifacts = new RunArtifacts({
    dir: join(options.dataDir, 'artifacts'),
    clock,
    screenshotsAllowed: (profileId) => patientData(profileId).screenshots,
    redactText: (profileId, text) => redactArtifactText(text, redactor, patientData(profileId).redaction),
  });
  const onListenerError = (error: unknown) => logger.error('A supervision listener failed', { error: String(error) });
  const controls = new RunControls(onListenerError);
  const supervisionPolicy = effectiveSupervision(policy.policy.supervision);
  const supervision = new Supervision({ clock, policy: supervisionPolicy, controls, runContext: (runId) => controls.context(runId), onListenerError });
  const acknowledgements = new AttentionAcknowledgements(ports.settings);
  const broker = new TokenBroker({ sessions, clock, logger, artifacts, gate: supervision });
  await broker.start();
  const connections = new SupervisorConnections();
  const runs = new RunManager({
    sessions,
    broker,
    clock,
    logger,
    dataDir: options.dataDir,
    maxConcurrentRuns: preferences.view().maxConcurrentRuns,
    ...(options.nodeExecutable === undefined ? {} : { nodeExecutable: options.nodeExecutable }),
    ...(options.playwrightCoreDir === undefined ? {} : { playwrightCoreDir: options.playwrightCoreDir }),
    allowEnvTokenDelivery: policy.policy.bots.allowEnvTokenDelivery,
    // Read at each start, so a browser chosen in Preferences applies to the next run.
    envVars: () => {
      const { browserPath } = preferences.view();
      const vars: Record<string, string> = browserPath === undefined ? {} : { RPA_BROWSER_PATH: browserPath };
      return vars;
    },
    placeholders: profiles.sandbox
      ? { 'sandbox.apiBaseUrl': profiles.sandbox.apiBaseUrl, 'sandbox.portalUrl': profiles.sandbox.portalUrl }
      : {},
    profileName: (id) => profiles.get(id)?.name ?? id,
    isLogFollowed: (runId) => connections.isLogFollowed(runId),
    redactionFor: (profileId) => patientData(profileId).redaction,
    redactor,
    supervision: {
      controls,
      approvals: supervision.approvals,
      releaseRun: (runId) => supervision.releaseRun(runId),
      requireApproval: supervisionPolicy.requireApproval,
      scopesOf: (profileId) => sessions.summary(profileId)?.scopes ?? profiles.get(profileId)?.scopes ?? [],
      platform: options.platform ?? process.platform,
      parked: broker,
    },
  });
  const recorder = recordSupervisorActivity({ audit, clock, sessions, signIn, runs, broker, person });
  const retention = new RetentionService({
    clock,
    logger,
    runs,
    audit,
    retentionDaysFor: (profileId) => patientData(profileId).retentionDays,
    diagnosticRetentionDays: () => policy.policy.patientData?.retentionDays ?? defaultRetentionDays,
    onRunFilesDeleted: (runId) => artifacts.forget(runId),
  });
  const scheduleSettings = new ScheduleSettings(ports.settings);
  const schedules = new BotScheduler({
    clock,
    logger,
    runs,
    sessions,
    settings: scheduleSettings,
    profileName: (id) => profiles.get(id)?.name ?? id,
    // S62: a scheduled run starts only while the supervisor is at the computer.
    isSupervisorPresent: () => supervision.presence.present,
    audit,
    onListenerError: (error) => logger.error('A schedule listener failed', { error: String(error) }),
  });
  const signedInUser = (profileId?: string) => {
    const ids = profileId === undefined ? profiles.list().map((profile) => profile.id) : [profileId];
    for (const id of ids) {
      const summary = sessions.status(id).status === 'signedOut' ? undefined : sessions.summary(id);
      if (summary) return { subject: summary.subject, ...(summary.name ? { name: summary.name } : {}) };
    }
    return undefined;
  };
  const supervisionRecorder = recordSupervisionActivity({ audit, supervision, supervisorOf: signedInUser });
  const catalogue = new BotCatalogue({
    dir: preferences.view().botsDir,
    clock,
    logger,
    paths: { allowedFolders },
    onScan: (scan) => {
      // Demo bots need the Local sandbox: listed only where it runs.
      runs.setBots(demoMode ? scan.manifests : scan.manifests.filter((manifest) => manifest.demo !== true));
      for (const problem of scan.newErrors) {
        notices.post(
          'warning',
          problem === scan.folderError ? supervisorError('bots_folder_unreadable', scan.dir, problem.message) : supervisorError('bot_manifest_invalid', problem.file, problem.message),
        );
      }
    },
  });

  // 4. State events: bursts (a run ending changes bots, runs and sessions at once) become one snapshot.
  const attentionNotifications = new AttentionNotifications(ports.notifier);
  const snapshot = () => {
    const state = buildSnapshot({ clock, host, profiles, signIn, sessions, companies, runs, notices, preferences, selfTest, schedules });
    const presence = supervision.presence.view();
    const attention = buildAttention({
      runs: state.runs,
      sessions: state.sessions,
      questions: supervision.questions.list(),
      approvals: supervision.approvals.pending(),
      presence,
      now: state.at,
      isAcknowledged: (id) => acknowledgements.has(id),
    });
    return { ...state, attention, presence, ...(patientDataPolicy ? { patientDataPolicy } : {}) };
  };
  let stateQueued = false;
  let shutDown = false;
  const publishState = (): void => {
    if (stateQueued) return;
    stateQueued = true;
    setImmediate(() => {
      stateQueued = false;
      if (shutDown) return;
      const state = snapshot();
      attentionNotifications.update(state.attention);
      connections.emit('state', state);
    });
  };
  const subscriptions: Disposable[] = [
    catalogue,
    followExpiryPolicy({
      sessions,
      runs,
      policyOf: (profileId) => profiles.get(profileId)?.expiryPolicy,
      onError: (error) => logger.error('Halting runs at expiry failed', { error: String(error) }),
    }),
    sessions.onDidEvent((event) => {
      if (event.type === 'discarded' && event.reason === 'unreadable') notices.post('warning', supervisorError('session_unreadable'));
      if (event.type === 'refreshFailed') notices.post('warning', supervisorError('token_refresh_failed', profiles.get(event.profileId)?.name ?? event.profileId));
    }),
    signIn.onDidEvent((event) => {
      if (event.type === 'redirectIgnored') notices.post('warning', supervisorError('invalid_redirect', event.reason));
      publishState();
    }),
    ...[sessions, companies, notices, selfTest, runs, schedules, supervision].map((source) => source.onDidChange(publishState)),
    supervisionRecorder,
    // Attestation checks run only while someone is signed in; sign-out closes that profile's questions.
    sessions.onDidChange(() => supervision.presence.setSupervising(signedInUser() !== undefined)),
    sessions.onDidEvent((event) => {
      if (event.type === 'signedOut') supervision.questions.closeForProfile(event.profileId);
    }),
    // Absence under a "stop" policy halts the runs of every profile that follows it.
    supervision.presence.onDidChange((event) => {
      if (event.type !== 'absent') return;
      for (const profile of profiles.list()) {
        if ((supervisionPolicy.onAbsence ?? profile.absencePolicy ?? 'wait') !== 'stop') continue;
        runs.haltProfile(profile.id, 'The supervisor was away, and this profile stops its bots then.', 'absence').catch((error: unknown) => logger.error('Halting runs on absence failed', { error: String(error) }));
      }
    }),
    ...(options.presence ? [options.presence.onDidSignal((signal) => supervision.presence.signal(signal))] : []),
    runs.onDidLog((batch) => connections.emit('log', batch)),
  ];

  // 5. Start-up: bots folder, recovered settings, stored sessions.
  await catalogue.start();
  await auditSettings.start();
  if (policy.kind === 'applied') audit.record({ type: 'policyLoaded', actor: person(), detail: `Machine policy applied from ${policy.path}.` });
  if (policy.kind === 'lockedDown') audit.record({ type: 'policyLoaded', actor: person(), detail: `Machine policy at ${policy.path} could not be trusted (${policy.code}); locked down.` });
  // S56: a policy file that exists but cannot be trusted is never silently ignored.
  if (policy.kind === 'lockedDown') notices.post('error', supervisorError(policy.code, policy.path, policy.detail));
  const ignoredBotsDir = preferences.ignoredBotsDir;
  if (ignoredBotsDir !== undefined) notices.post('warning', supervisorError('bots_folder_not_allowed', ignoredBotsDir, (allowedFolders ?? []).join(', ')));
  // S27: the host moved a corrupt settings file aside; everything above then read defaults.
  if (ports.settings.recovered) notices.post('warning', supervisorError('settings_corrupt', ports.settings.recovered.backupPath));
  if (preferences.hadInvalidValue) notices.post('warning', supervisorError('settings_reset'));
  if (profileStore.recovered) notices.post('warning', supervisorError('profiles_reset'));
  if (companies.recovered) notices.post('warning', supervisorError('settings_reset'));
  if (scheduleSettings.hadInvalidValue) notices.post('warning', supervisorError('settings_reset'));
  await sessions.restore(profiles.list().map((p) => p.id));
  if (!ports.secrets.persistent) notices.post('warning', supervisorError('secrets_memory_only'));
  // Off the start-up path: the first pass runs a minute later, then daily.
  retention.start();

  // 6. Commands: each module gets only the services it uses.
  const signInSteps = { signIn, sessions, companies };
  const handlers: Omit<CommandHandlers, 'followLogs'> = {
    getState: async () => snapshot(),
    ...sessionCommands({ ...signInSteps, profiles, tokens, runs, notices }),
    ...botCommands({ runs, schedules, audit }),
    ...profileCommands({ profiles, profileStore, providers, signIn, sessions, tokens, companies, runs, notices, audit, allowUserProfiles: policy.policy.allowUserProfiles, person }),
    ...auditCommands({ audit, auditSettings, person }),
    ...artifactCommands({ artifacts, runs }),
    ...connectionCommands({ profiles, providers, signIn, clock, scheme }),
    ...preferenceCommands({ preferences, runs, catalogue, audit, selfTest, notices, person }),
    ...linkCommands({ ...signInSteps, selfTest, profiles, scheme }),
    ...supervisionCommands({ runs, sessions, supervision, acknowledgements, profileName: (id) => profiles.get(id)?.name ?? id, pageReportsPresence: !options.presence }),
  };
  const invoke: SharedInvoke = async (command, input) => {
    const result = await handlers[command](input as never);
    // Services announce their own changes; this covers settings that have no event of their own.
    if (!readOnlyCommands.has(command)) publishState();
    return result as never;
  };
  const { api } = connections.open({ followAllLogs: true, invoke });

  // Self-test links are answered there and never reach OAuth code.
  const openDeepLink = (link: DeepLink): Promise<LinkResult> => openLink({ ...signInSteps, selfTest, profiles }, link);
  return {
    api,
    openConnection: () => connections.open({ followAllLogs: false, invoke }),
    scheme,
    sandbox: profiles.sandbox,
    openDeepLink,
    deliverRedirect: (url) => openDeepLink(parseDeepLink(url, { scheme })),
    recheck: () => {
      sessions.recheck();
      schedules.recheck();
      supervision.presence.recheck();
    },
    async shutdown() {
      if (shutDown) return;
      shutDown = true;
      for (const subscription of subscriptions) subscription.dispose();
      schedules.dispose();
      await retention.close();
      await runs.dispose();
      await broker.close();
      // After the runs and the broker, so their last records (halted runs, denials) are kept.
      recorder.dispose();
      await auditSettings.close();
      supervision.dispose();
      await audit.close();
      selfTest.dispose();
      signIn.dispose();
      sessions.dispose();
      companies.dispose();
      await profiles.close();
      connections.dispose();
    },
  };
}
