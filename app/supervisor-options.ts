import type { BuildFlavour } from './config/app-identity.js';
import type { SandboxProfileOptions } from './config/profile-registry.js';
import type { Profile } from './config/profile.js';
import type { LinkResult, SupervisorApi } from './common/contract.js';
import type { DeepLink } from './deep-link/parse-deep-link.js';
import type { MachinePolicyState } from './policy/read-machine-policy.js';
import type { FolderSource } from './bots/run-environment.js';
import type { CorePorts } from './ports/index.js';
import type { PresenceSource } from './ports/presence-source.js';
import type { RunningSandbox } from './sandbox/sandbox-provider.js';
import type { SupervisorConnection } from './transport/supervisor-connections.js';

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
  /**
   * The playwright-core folder bots get as RPA_PLAYWRIGHT_CORE (outside any asar archive), or how
   * to find it: a function is called when a run starts, so finding the folder costs the start-up
   * nothing.
   */
  playwrightCoreDir?: FolderSource;
  /**
   * The machine policy as the host read it (app/policy/read-machine-policy.ts). Default: no
   * policy file, so the app's own defaults apply.
   */
  policy?: MachinePolicyState;
  /**
   * Reads the policy file again, with the host's trust options. With it the core follows the file
   * while it runs: worker approvals apply at once, the rest at the next start (app/policy/policy-change.ts).
   */
  rereadPolicy?: () => Promise<MachinePolicyState>;
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
  /**
   * The supervisor counts as away once the idle time passes from start-up with no sign of anyone
   * (a browser host whose page was never opened). Left out, idleness is judged only from the
   * first presence signal, as test harnesses that feed none need.
   */
  idleFromStart?: boolean;
  /** The platform Pause is decided for (default `process.platform`; tests pass others). */
  platform?: NodeJS.Platform;
  /** Waits that tests shorten (main/browser/test-timings.ts); each left out is the product's own. */
  timings?: CoreTimings;
}

/**
 * Waits of the core that end-to-end tests shorten, so that a spec proves the same behaviour
 * without sitting through the product's pace. Only the browser host sets them, from its test
 * variables (main/browser/test-timings.ts, which also bounds them).
 */
export interface CoreTimings {
  /** How often a line still being redrawn with carriage returns is shown as drawn (default 5 s, app/bots/line-splitter.ts). */
  redrawSnapshotMs?: number;
  /** The audit forwarder's wait after a first failure, doubling at each failure in a row (default 500 ms). */
  auditForwardBackoffMs?: number;
  /** The audit forwarder's longest wait between attempts (default 30 s). */
  auditForwardMaxBackoffMs?: number;
  /** How long start-up waits for the fleet's Redis before it carries on without it (default 5 s). */
  fleetReadyWaitMs?: number;
  /** How long closing waits for fleet commands queued while Redis is away before dropping its connections (default 3 s). */
  fleetCloseWithinMs?: number;
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
  /** A policy the host read again (the file watch calls it; tests call it directly). */
  policyChanged(next: MachinePolicyState): Promise<void>;
  /** Re-evaluates expiry, due schedules and presence from wall-clock time; hosts call it on resume and unlock. */
  recheck(): void;

  /** Stops bots (halted), the broker and the sandbox. */
  shutdown(): Promise<void>;
}
