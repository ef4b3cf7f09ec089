import type { RedactionSettings } from '../common/patient-data.js';
import type { TokenBroker } from '../broker/token-broker.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { LiveRunLogs } from './live-run-logs.js';
import type { Redactor } from './redactor.js';
import type { FolderSource, ValueSource } from './run-environment.js';
import type { RunLogLimits } from './run-log.js';
import type { RunQueue } from './run-queue.js';
import type { RunSupervisionDeps } from './run-supervisor.js';
import type { SessionAccess } from './session-access.js';

/** What the runs facade (RunManager) is composed from; only sessions, broker, clock, logger and dataDir are required. */
export interface RunManagerDeps {
  sessions: SessionAccess;
  broker: Pick<TokenBroker, 'url' | 'registerRun' | 'revokeRun'>;
  clock: Clock;
  logger: Logger;
  /** Run history (`runs.json`) and run logs (`logs/<runId>.log`) live here. */
  dataDir: string;
  /** Runs executing at once across all bots; further starts wait as `queued`. Default 8. */
  maxConcurrentRuns?: number;
  /** How many runs may wait in the queue. Default 50. */
  maxQueuedRuns?: number;
  /**
   * The queue engine. Default: a LocalRunQueue with the two limits above, which are then the
   * given queue's own business.
   */
  queue?: RunQueue;
  /** Shared with the host's logger so a token is redacted everywhere it is known. */
  redactor?: Redactor;
  /** Shared with the fleet's remote runs: live runs' logs by id, for lines written about a run from elsewhere. */
  liveLogs?: LiveRunLogs;
  /** Added to every run's environment, e.g. `{ RPA_SANDBOX_API_URL }`. Read at each start. */
  envVars?: ValueSource;
  /** Values for `${name}` placeholders in manifest env, e.g. `{ 'sandbox.apiBaseUrl': … }`. Read at each start. */
  placeholders?: ValueSource;
  /** Display name of a profile, for messages; defaults to the profile id. */
  profileName?: (profileId: string) => string | undefined;
  /** The ids of the profiles set up here; a bot naming another cannot start, and is told why. Unchecked when absent. */
  profileIds?: () => readonly string[];
  /**
   * Whether anybody wants a run's live lines. Lines of runs nobody follows are not batched: the
   * ring buffer and the file hold them for `readLog`. Default: every run is followed.
   */
  isLogFollowed?: (runId: string) => boolean;
  /** SIGTERM-to-SIGKILL grace when stopping a run. Default 5 s. */
  stopGraceMs?: number;
  /** Log sizes, and how often a line still being redrawn is shown as drawn (`redrawSnapshotMs`, default 5 s). */
  logLimits?: Partial<RunLogLimits> & { fileMaxBytes?: number; redrawSnapshotMs?: number | undefined };
  /** The environment bots inherit allow-listed variables from. Default `process.env`. */
  parentEnv?: NodeJS.ProcessEnv;
  /**
   * The Node.js binary a manifest's `node` command runs. Default `process.execPath`, which is right
   * in plain Node (the browser host, tests). Electron must pass a real Node: its own binary only
   * acts as Node through ELECTRON_RUN_AS_NODE, which the packaged app disables (RunAsNode fuse).
   */
  nodeExecutable?: string;
  /** Which patient identifiers a profile's runs have redacted (the profile with the policy applied). Default: the defaults. */
  redactionFor?: (profileId: string) => RedactionSettings;
  /** The machine policy's `bots.allowEnvTokenDelivery`: false refuses bots that want their token in env. Default true. */
  allowEnvTokenDelivery?: boolean;
  /**
   * The playwright-core the app ships, outside any asar archive (RPA_PLAYWRIGHT_CORE for bots), so
   * Playwright bots need nothing installed beside them; a function is called at each run's start.
   * Unset: bots resolve `playwright-core` themselves.
   */
  playwrightCoreDir?: FolderSource;
  /** Pause, safe stop, approvals and questions (app/supervision/); absent: runs only run and stop. */
  supervision?: RunSupervisionDeps;
}
