/** Part of the contract's views (see views.ts): plain data, no tokens, free of Node, DOM and zod. */

export interface PreferencesView {
  botsDir: string;
  /** The browser Playwright bots launch (passed to them as RPA_BROWSER_PATH); absent: an installed Edge or Chrome. */
  browserPath?: string;
  maxConcurrentRuns: number;
  /** Undefined where the host cannot launch at login (the browser host). */
  launchAtLogin?: boolean;
  /** False until the first-run wizard is finished or skipped. */
  wizardCompleted: boolean;
  /** Global shortcuts; only where the host can register them (Electron). */
  hotkeys?: HotkeyPreferences;
}

/** Pause all and Stop all as global shortcuts (Electron accelerators); off by default. */
export interface HotkeyPreferences {
  enabled: boolean;
  stopAll: string;
  pauseAll: string;
  /** False while the app cannot pause runs: the Pause all shortcut is then not offered. */
  pauseAllOffered: boolean;
}

export interface HostView {
  kind: 'electron' | 'browser';
  /** The custom scheme this instance answers to. */
  scheme: string;
  /** False when sign-ins are kept in memory only (no OS keychain). */
  secretsPersistent: boolean;
  /**
   * The build flavour. Development builds and the browser host answer the development scheme,
   * which must never be registered with a live provider.
   */
  flavour: 'production' | 'development';
  /** `<scheme>://auth/callback`: the redirect URI of the app-link (custom scheme) mode. */
  appLinkRedirectUri: string;
  /** This installation's data folder: settings, logs, run history and the audit trail. */
  dataDir: string;
  /**
   * True when this instance offers the Local sandbox and the demo bots (development runs, the
   * browser host, or a packaged build whose machine policy turns demo mode on). The first-run
   * wizard offers the sandbox only then.
   */
  sandboxOffered: boolean;
  /** What the machine policy lets people change here (docs/providers.md, "For administrators"). */
  policy: PolicyView;
}

/** The machine policy as the window needs it: what to offer, hide or explain. */
export interface PolicyView {
  /** `none`: no policy file; `file`: the administrator's file applies; `lockedDown`: the file could not be trusted. */
  source: 'none' | 'file' | 'lockedDown';
  /** The policy file's location, to name it in Settings. */
  path: string;
  /** Why the file could not be trusted (`lockedDown` only): the catalogue code and what is wrong, as the start-up notice said it. */
  problem?: { code: 'policy_unreadable' | 'policy_invalid' | 'policy_not_protected'; detail: string };
  /** False: profiles cannot be added, edited, imported or deleted here. */
  allowUserProfiles: boolean;
  /** Set when bots may only come from these folders. */
  allowedBotFolders?: string[];
  /** False: bots asking for their token in the environment are refused. */
  allowEnvTokenDelivery: boolean;
  /** Set when the administrator manages updates from this feed. */
  updateFeedUrl?: string;
  /** Set when the policy decides what happens while the supervisor is away, for every profile. */
  onAbsence?: 'wait' | 'stop';
  /** Set when the policy makes every sign-in ask who is signing in, whatever a profile's `reuseBrowserSignIn` says. */
  askWhoSignsIn?: true;
  /** The policy turns fleet mode on: Settings shows Workers at once, before the list has answered. */
  fleetEnabled?: boolean;
}

export interface SelfTestView {
  status: 'idle' | 'waiting' | 'passed' | 'failed';
  startedAt?: number;
  finishedAt?: number;
  url?: string;
  message?: string;
}
