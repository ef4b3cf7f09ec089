import { access, constants } from 'node:fs/promises';
import type { RunManager } from '../bots/run-manager.js';
import { supervisorError } from '../error-catalogue.js';
import type { FleetRuntimeDeps } from '../fleet/fleet-runtime.js';
import type { WorkerAdmin } from '../fleet/worker-admin.js';
import type { NoticeBoard } from '../notice-board.js';
import type { MachinePolicyState } from '../policy/read-machine-policy.js';
import type { Redactor } from '../bots/redactor.js';
import type { UserView } from '../common/contract.js';
import type { ProfileRegistry } from '../config/profile-registry.js';
import type { EffectivePatientData } from '../policy/patient-data-policy.js';
import type { EffectiveSupervision } from '../policy/supervision-policy.js';
import type { CorePorts } from '../ports/index.js';
import { signedInUser } from '../session/signed-in-user.js';
import type { SessionManager } from '../session/session-manager.js';
import type { Supervision } from '../supervision/supervision.js';
import type { SupervisorConnections } from '../transport/supervisor-connections.js';

export interface ComposeFleetDeps {
  policy: MachinePolicyState;
  ports: Pick<CorePorts, 'secrets' | 'settings' | 'clock' | 'logger'>;
  dataDir: string;
  sessions: SessionManager;
  profiles: Pick<ProfileRegistry, 'get' | 'list'>;
  supervision: Pick<Supervision, 'approvals' | 'presence' | 'questions'>;
  supervisionPolicy: Pick<EffectiveSupervision, 'requireApproval'>;
  redactor: Redactor;
  liveLogs?: FleetRuntimeDeps['liveLogs'];
  patientData(profileId: string): EffectivePatientData;
  connections: Pick<SupervisorConnections, 'isLogFollowed'>;
  audit: FleetRuntimeDeps['audit'];
  person: () => UserView;
  notices: Pick<NoticeBoard, 'post'>;
  /** The run artifacts store: files bots on workers attach are kept there too. */
  artifacts?: FleetRuntimeDeps['artifacts'];
  /** How long start-up waits for Redis before it carries on without it (runs then wait as queued; default 5 s). */
  readyWaitMs?: number;
  /** How long closing waits for commands queued while Redis is away (startFleet's default: 3 s). */
  closeWithinMs?: number;
}

export interface ComposedFleet {
  /** The runs facade: the local manager itself, or with fleet mode on, local and remote runs together. */
  runs: RunManager;
  /** Settings → Workers; undefined when fleet mode is off. */
  workers: WorkerAdmin | undefined;
}

/**
 * Fleet mode from the machine policy (docs/fleet.md, "Configuration"). Without an enabled
 * `fleet` section, or under a locked-down policy, it returns the local runs untouched and loads
 * nothing of BullMQ or ioredis: the fleet modules are imported only past this check. The Redis
 * password comes from the SecretStore under `redisPasswordSecret`, never from the address.
 */
export async function composeFleet(deps: ComposeFleetDeps, local: RunManager): Promise<ComposedFleet> {
  const fleet = deps.policy.kind === 'lockedDown' ? undefined : deps.policy.policy.fleet;
  if (fleet?.enabled !== true || fleet.redisUrl === undefined) return { runs: local, workers: undefined };
  let password: string | undefined;
  const { ports, profiles, sessions } = deps;
  if (fleet.redisPasswordSecret !== undefined) {
    password = await ports.secrets.get(fleet.redisPasswordSecret);
    if (password === undefined) {
      deps.notices.post('error', supervisorError('fleet_redis_password_missing', fleet.redisPasswordSecret));
      return { runs: local, workers: undefined };
    }
  }
  // A CA file the policy names but this computer cannot read: fleet mode stays off instead of failing the start.
  if (fleet.redisCaFile !== undefined && !(await access(fleet.redisCaFile, constants.R_OK).then(() => true, () => false))) {
    deps.notices.post('error', supervisorError('fleet_redis_ca_unreadable', fleet.redisCaFile));
    return { runs: local, workers: undefined };
  }
  const [{ startFleet }, { fleetRedisSettings, redisAddressForMessages, redisTroubleCode }, { loadOrCreateDesktopKey }] = await Promise.all([import('../fleet/fleet-runtime.js'), import('../fleet/fleet-redis.js'), import('../fleet/desktop-key.js')]);
  // Made on the first fleet start and kept in the SecretStore; workers pin its public half.
  const desktopKey = await loadOrCreateDesktopKey(ports.secrets, ports.logger);
  const address = redisAddressForMessages(fleet.redisUrl);
  let reported = false;
  const { runs, workers, ready } = startFleet({
    fleet,
    dataDir: deps.dataDir,
    clock: ports.clock,
    logger: ports.logger,
    settings: ports.settings,
    sessions,
    redactor: deps.redactor,
    ...(deps.liveLogs ? { liveLogs: deps.liveLogs } : {}),
    redactionFor: (profileId) => deps.patientData(profileId).redaction,
    isLogFollowed: (runId) => deps.connections.isLogFollowed(runId),
    profileName: (profileId) => profiles.get(profileId)?.name ?? profileId,
    scopesOf: (profileId) => sessions.summary(profileId)?.scopes ?? profiles.get(profileId)?.scopes ?? [],
    supervisorOf: (profileId) => signedInUser(sessions, profiles.list().map((p) => p.id), profileId),
    approvals: deps.supervision.approvals,
    questions: deps.supervision.questions,
    requireApproval: deps.supervisionPolicy.requireApproval,
    isSupervisorPresent: () => deps.supervision.presence.present,
    onPresence: (listener) =>
      deps.supervision.presence.onDidChange((event) => {
        if (event.type === 'absent' || event.type === 'present') listener(event.type === 'present');
      }),
    allowEnvTokenDelivery: deps.policy.policy.bots.allowEnvTokenDelivery,
    audit: deps.audit,
    person: deps.person,
    redis: fleetRedisSettings(fleet, password),
    local,
    desktopKey,
    ...(deps.artifacts ? { artifacts: deps.artifacts } : {}),
    closeWithinMs: deps.closeWithinMs,
    onUnreachable: (error) => {
      const code = redisTroubleCode(error);
      ports.logger.warn('The fleet Redis server is unreachable', { code, address, error: error.message });
      if (reported) return;
      reported = true;
      deps.notices.post('warning', supervisorError(code, address));
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.readyWaitMs ?? 5000);
  });
  // A Redis that answers but refuses (a wrong password, an ACL without a command the fleet uses)
  // fails `ready` at once: the app still starts, as with a Redis that is away, and says so.
  const outcome = await Promise.race([ready.then(() => 'ready' as const, (error: unknown) => ({ refused: error })), gaveUp]);
  clearTimeout(timer);
  if (outcome !== 'ready' && !reported) {
    reported = true;
    const code = outcome === 'late' ? 'fleet_redis_unreachable' : redisTroubleCode(outcome.refused instanceof Error ? outcome.refused : new Error(String(outcome.refused)));
    deps.notices.post('warning', supervisorError(code, address));
  }
  ready.then(
    () => {
      reported = false;
    },
    (error: unknown) => ports.logger.error('Fleet mode could not start', { error: String(error) }),
  );
  return { runs, workers };
}
