import type { Redactor } from '../bots/redactor.js';
import type { TokenBroker } from '../broker/token-broker.js';
import type { RunControls } from '../bots/run-controls.js';
import type { FolderSource } from '../bots/run-environment.js';
import { RunManager, type RunManagerDeps } from '../bots/run-manager.js';
import type { PreferencesStore } from '../config/preferences-store.js';
import type { ProfileRegistry } from '../config/profile-registry.js';
import type { EffectivePatientData } from '../policy/patient-data-policy.js';
import type { MachinePolicy } from '../policy/machine-policy.js';
import type { EffectiveSupervision } from '../policy/supervision-policy.js';
import type { Supervision } from '../supervision/supervision.js';
import type { CoreTimings } from '../supervisor-options.js';
import type { SupervisorConnections } from '../transport/supervisor-connections.js';

export type ComposeRunsDeps = Pick<RunManagerDeps, 'sessions' | 'clock' | 'logger' | 'dataDir' | 'liveLogs'> & {
  preferences: Pick<PreferencesStore, 'view'>;
  profiles: Pick<ProfileRegistry, 'get' | 'list' | 'sandbox'>;
  policy: MachinePolicy;
  connections: Pick<SupervisorConnections, 'isLogFollowed'>;
  patientData(profileId: string): EffectivePatientData;
  redactor: Redactor;
  controls: RunControls;
  supervision: Pick<Supervision, 'approvals' | 'releaseRun'>;
  supervisionPolicy: Pick<EffectiveSupervision, 'requireApproval'>;
  /** What the host chose: the Node that runs bots, the playwright-core they get, the platform Pause is decided for, the redraw snapshot period. */
  host: { nodeExecutable?: string; playwrightCoreDir?: FolderSource; platform?: NodeJS.Platform; timings?: Pick<CoreTimings, 'redrawSnapshotMs'> };
  /** Serves the runs' tokens and says what each run's held requests wait for. */
  broker: TokenBroker;
  sessions: RunManagerDeps['sessions'] & { summary(profileId: string): { scopes: string[] } | undefined };
};

/** The run manager as the app composes it: preferences, the machine policy, redaction and supervision applied. */
export function composeRuns(deps: ComposeRunsDeps): RunManager {
  const { preferences, profiles, sessions, supervision } = deps;
  const sandbox = profiles.sandbox;
  return new RunManager({
    sessions,
    broker: deps.broker,
    clock: deps.clock,
    logger: deps.logger,
    dataDir: deps.dataDir,
    maxConcurrentRuns: preferences.view().maxConcurrentRuns,
    logLimits: { redrawSnapshotMs: deps.host.timings?.redrawSnapshotMs },
    ...(deps.host.nodeExecutable === undefined ? {} : { nodeExecutable: deps.host.nodeExecutable }),
    ...(deps.host.playwrightCoreDir === undefined ? {} : { playwrightCoreDir: deps.host.playwrightCoreDir }),
    allowEnvTokenDelivery: deps.policy.bots.allowEnvTokenDelivery,
    // Read at each start, so a browser chosen in Preferences applies to the next run.
    envVars: () => {
      const { browserPath } = preferences.view();
      const vars: Record<string, string> = browserPath === undefined ? {} : { RPA_BROWSER_PATH: browserPath };
      return vars;
    },
    placeholders: sandbox ? { 'sandbox.apiBaseUrl': sandbox.apiBaseUrl, 'sandbox.portalUrl': sandbox.portalUrl } : {},
    profileName: (id) => profiles.get(id)?.name ?? id,
    profileIds: () => profiles.list().map((profile) => profile.id),
    isLogFollowed: (runId) => deps.connections.isLogFollowed(runId),
    redactionFor: (profileId) => deps.patientData(profileId).redaction,
    redactor: deps.redactor,
    ...(deps.liveLogs ? { liveLogs: deps.liveLogs } : {}),
    supervision: {
      controls: deps.controls,
      approvals: supervision.approvals,
      releaseRun: (runId) => supervision.releaseRun(runId),
      requireApproval: deps.supervisionPolicy.requireApproval,
      scopesOf: (profileId) => sessions.summary(profileId)?.scopes ?? profiles.get(profileId)?.scopes ?? [],
      platform: deps.host.platform ?? process.platform,
      parked: deps.broker,
    },
  });
}
