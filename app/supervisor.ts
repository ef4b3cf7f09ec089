// First: zod decides at each schema's creation whether to generate code (zod-config.ts).
import './config/zod-config.js';
import { join } from 'node:path';
import { AuditSettings } from './audit/audit-settings.js';
import { companyAuditRecords } from './audit/company-audit.js';
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
import { BotCatalogue } from './bots/bot-catalogue.js';
import { RunControls } from './bots/run-controls.js';
import { TokenBroker } from './broker/token-broker.js';
import { auditCommands } from './commands/audit-commands.js';
import { connectionCommands } from './commands/connection-commands.js';
import { botCommands } from './commands/bot-commands.js';
import type { CommandHandlers } from './commands/command-handlers.js';
import { dispatchCommands } from './commands/dispatch-commands.js';
import { preferenceCommands } from './commands/preference-commands.js';
import { profileCommands } from './commands/profile-commands.js';
import { linkCommands, openLink } from './commands/link-commands.js';
import { sessionCommands } from './commands/session-commands.js';
import { protocolSchemeFor } from './config/app-identity.js';
import { supervisionCommands } from './commands/supervision-commands.js';
import { PreferencesStore } from './config/preferences-store.js';
import { ProfileRegistry } from './config/profile-registry.js';
import { ProfileStore } from './config/profile-store.js';
import type { Disposable, LinkResult } from './common/contract.js';
import { parseDeepLink, type DeepLink } from './deep-link/parse-deep-link.js';
import { NoticeBoard } from './notice-board.js';
import { demoModeFor } from './policy/demo-mode.js';
import { defaultMachinePolicy } from './policy/machine-policy.js';
import { RetentionService } from './retention/retention-service.js';
import { RunArtifacts } from './artifacts/run-artifacts.js';
import { LiveRunLogs } from './bots/live-run-logs.js';
import { redactArtifactText } from './artifacts/redact-artifact-text.js';
import { Redactor } from './bots/redactor.js';
import { artifactCommands } from './commands/artifact-commands.js';
import { effectivePatientData, patientDataPolicyView, type EffectivePatientData } from './policy/patient-data-policy.js';
import { defaultRedactionSettings, defaultRetentionDays } from './common/patient-data.js';
import type { MachinePolicyState } from './policy/read-machine-policy.js';
import { effectiveSupervision } from './policy/supervision-policy.js';
import { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import { CompanyConnections } from './session/company-connections.js';
import { SessionManager } from './session/session-manager.js';
import { signedInUser } from './session/signed-in-user.js';
import { BotScheduler } from './schedules/bot-scheduler.js';
import { ScheduleSettings } from './schedules/schedule-settings.js';
import { recordSupervisionActivity } from './supervision/record-supervision-activity.js';
import { Supervision } from './supervision/supervision.js';
import { onCatalogueScan } from './composition/catalogue-scan.js';
import { composeRuns } from './composition/compose-runs.js';
import { composeFleet } from './composition/compose-fleet.js';
import { workerCommands } from './commands/worker-commands.js';
import { reportMemoryOnlySecrets, reportStartUp } from './composition/start-up-notices.js';
import { followPolicy } from './composition/follow-policy.js';
import { StatePublisher } from './composition/state-publisher.js';
import { buildHostView } from './state/host-view.js';
import { wireSupervisorEvents } from './composition/supervisor-events.js';
import { SupervisorConnections } from './transport/supervisor-connections.js';

import type { Supervisor, SupervisorOptions } from './supervisor-options.js';

export type { Supervisor, SupervisorOptions } from './supervisor-options.js';

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
    secrets: ports.secrets, logger,
  });
  const notices = new NoticeBoard(clock);
  // A profile's patient-data settings with the machine policy applied; an unknown profile gets the defaults.
  const patientData = (profileId: string): EffectivePatientData =>
    effectivePatientData(profiles.get(profileId) ?? { redaction: defaultRedactionSettings, screenshots: false, retentionDays: defaultRetentionDays }, policy.policy.patientData);
  const patientDataPolicy = patientDataPolicyView(policy.policy.patientData);
  const host = buildHostView({
    kind: options.host?.kind ?? 'browser',
    scheme,
    secretsPersistent: ports.secrets.persistent,
    flavour: options.flavour,
    dataDir: options.dataDir,
    sandboxOffered: profiles.sandbox !== undefined,
    policy,
  });

  // 2. The provider side (auth/ obtains tokens), then the session side (session/ holds them).
  const providers = new ProviderConfigurations({ clientSecrets: profiles, ...(ports.http ? { fetch: ports.http } : {}) });
  const signIn = new SignInService({ clock, browser: ports.browser, logger, scheme, profiles, providers, askWhoSignsIn: () => policy.policy.supervision?.askWhoSignsIn === true });
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
    ...companyAuditRecords(audit),
  });
  const sessions = new SessionManager({ clock, logger, notifier: ports.notifier, secrets: ports.secrets, profiles, refresher: tokens, companyTokens: companies });
  const selfTest = new DeepLinkSelfTest({ clock, browser: ports.browser, scheme });

  // 3. Audit, broker and bots.
  const person = () => currentPerson(sessions, profiles.list().map((p) => p.id));
  // Who acted on a run: the human signed in to the run's profile, else whoever is at the app.
  const personFor = (profileId?: string) => currentPerson(sessions, [...(profileId === undefined ? [] : [profileId]), ...profiles.list().map((p) => p.id)]);
  const auditSettings = new AuditSettings({
    audit,
    forwarder: new AuditForwarder({ audit, clock, logger, notices, cursorPath: join(options.dataDir, 'audit', 'forward-outbox.json'), backoffMs: options.timings?.auditForwardBackoffMs, maxBackoffMs: options.timings?.auditForwardMaxBackoffMs }),
    settings: ports.settings,
    policy: policy.policy,
    clock,
  });
  // One redactor for the runs' output and their text artifacts, so a token is redacted everywhere it is known.
  const redactor = new Redactor();
  const liveLogs = new LiveRunLogs();
  const artifacts = new RunArtifacts({ dir: join(options.dataDir, 'artifacts'), clock, writeRunLine: (runId, text) => liveLogs.system(runId, text), screenshotsAllowed: (profileId) => patientData(profileId).screenshots, redactText: (profileId, text) => redactArtifactText(text, redactor, patientData(profileId).redaction) });
  const onListenerError = (error: unknown) => logger.error('A supervision listener failed', { error: String(error) });
  const controls = new RunControls(onListenerError);
  const supervisionPolicy = effectiveSupervision(policy.policy.supervision);
  const redactText = (profileId: string, text: string) => redactArtifactText(text, redactor, patientData(profileId).redaction).text;
  const supervision = new Supervision({ clock, policy: supervisionPolicy, controls, runContext: (runId) => controls.context(runId), redactText, idleFromStart: options.idleFromStart === true, onListenerError });
  const acknowledgements = new AttentionAcknowledgements(ports.settings);
  const broker = new TokenBroker({ sessions, clock, logger, artifacts, gate: supervision });
  await broker.start();
  const connections = new SupervisorConnections(onListenerError);
  const localRuns = composeRuns({ sessions, broker, clock, logger, dataDir: options.dataDir, preferences, profiles, policy: policy.policy, connections, patientData, redactor, liveLogs, controls, supervision, supervisionPolicy, host: options });
  // Fleet mode only with an enabled policy section; otherwise `runs` is `localRuns` and no Redis module loads.
  const { runs, workers } = await composeFleet({ policy, ports, dataDir: options.dataDir, sessions, profiles, supervision, supervisionPolicy, redactor, liveLogs, patientData, connections, audit, person, notices, artifacts, readyWaitMs: options.timings?.fleetReadyWaitMs, closeWithinMs: options.timings?.fleetCloseWithinMs }, localRuns);
  const policyFile = followPolicy({ policy, reread: options.rereadPolicy, workers, notices, audit, clock, logger });
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
  const supervisorOf = (profileId?: string) => signedInUser(sessions, profiles.list().map((profile) => profile.id), profileId);
  const supervisionRecorder = recordSupervisionActivity({ audit, supervision, supervisorOf });
  const catalogue = new BotCatalogue({
    dir: preferences.view().botsDir,
    clock,
    logger,
    paths: { allowedFolders },
    onScan: onCatalogueScan({ demoMode, setBots: (manifests) => runs.setBots(manifests), notices }),
  });

  // 4. State events: every change publishes one snapshot on the next turn.
  const state = new StatePublisher({
    sources: { clock, host, profiles, signIn, sessions, companies, runs, notices, preferences, selfTest, schedules },
    supervision,
    acknowledgements,
    notifications: new AttentionNotifications(ports.notifier),
    patientDataPolicy,
    emit: (snapshot) => connections.emit('state', snapshot), onError: (error) => logger.error('Publishing the state to the windows failed', { error: String(error) }),
  });
  const publishState = state.publish;
  const subscriptions: Disposable[] = [
    catalogue,
    supervisionRecorder,
    ...wireSupervisorEvents({
      logger,
      profiles,
      notices,
      signIn,
      sessions,
      runs,
      supervision,
      supervisionPolicy,
      changing: [companies, notices, selfTest, schedules],
      publish: publishState,
      signedInUser: supervisorOf,
      presence: options.presence,
    }),
    runs.onDidLog((batch) => connections.emit('log', batch)),
  ];

  // 5. Start-up: bots folder, recovered settings, stored sessions.
  await catalogue.start();
  await auditSettings.start();
  reportStartUp(
    {
      policy,
      ignoredBotsDir: preferences.ignoredBotsDir,
      allowedFolders,
      settingsBackupPath: ports.settings.recovered?.backupPath,
      preferencesReset: preferences.hadInvalidValue,
      profilesReset: profileStore.recovered !== undefined,
      companiesRecovered: companies.recovered,
      schedulesReset: scheduleSettings.hadInvalidValue,
      secretsPersistent: ports.secrets.persistent,
    },
    { notices, audit, person },
  );
  await sessions.restore(profiles.list().map((p) => p.id));
  reportMemoryOnlySecrets({ secretsPersistent: ports.secrets.persistent }, notices);
  // Off the start-up path: the first pass runs a minute later, then daily.
  retention.start();

  // 6. Commands: each module gets only the services it uses.
  const signInSteps = { signIn, sessions, companies, tokens };
  const handlers: Omit<CommandHandlers, 'followLogs'> = {
    getState: async () => state.snapshot(),
    ...sessionCommands({ ...signInSteps, profiles, runs, notices, person }),
    ...botCommands({ runs, schedules, audit, person: personFor }),
    ...profileCommands({ profiles, profileStore, providers, signIn, sessions, tokens, companies, runs, notices, audit, allowUserProfiles: policy.policy.allowUserProfiles, person }),
    ...auditCommands({ audit, auditSettings, person, profiles, runs }),
    ...artifactCommands({ artifacts, runs }),
    ...connectionCommands({ profiles, providers, signIn, clock, scheme }),
    ...preferenceCommands({ preferences, runs, catalogue, audit, selfTest, notices, person }),
    ...linkCommands({ ...signInSteps, selfTest, profiles, scheme }),
    ...supervisionCommands({ runs, sessions, supervision, acknowledgements, profileName: (id) => profiles.get(id)?.name ?? id, profileIds: () => profiles.list().map((p) => p.id), pageReportsPresence: !options.presence, audit, person: personFor }),
    ...workerCommands({ workers, person }),
  };
  const invoke = dispatchCommands(handlers, publishState);
  const { api } = connections.open({ followAllLogs: true, invoke });

  let shutDown = false;
  // Self-test links are answered there and never reach OAuth code.
  const openDeepLink = (link: DeepLink): Promise<LinkResult> => openLink({ ...signInSteps, selfTest, profiles }, link);
  return {
    api,
    openConnection: () => connections.open({ followAllLogs: false, invoke }),
    scheme,
    sandbox: profiles.sandbox,
    openDeepLink,
    deliverRedirect: (url) => openDeepLink(parseDeepLink(url, { scheme })),
    policyChanged: policyFile.changed,
    recheck: () => {
      sessions.recheck();
      schedules.recheck();
      supervision.presence.recheck();
    },
    async shutdown() {
      if (shutDown) return;
      shutDown = true;
      policyFile.dispose();
      state.stop();
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
