import { SignInService } from './auth/sign-in-service.js';
import { loadBotManifests } from './bots/bot-manifest.js';
import { RunManager } from './bots/run-manager.js';
import { TokenBroker } from './broker/token-broker.js';
import { protocolSchemeFor, type BuildFlavour } from './config/app-identity.js';
import type { Profile } from './config/profile.js';
import { ProfileRegistry } from './config/profile-registry.js';
import type {
  CommandInput,
  CommandName,
  CommandOutputs,
  Disposable,
  EventName,
  SupervisorApi,
  SupervisorEvents,
  SupervisorState,
} from './contract.js';
import { supervisorError } from './error-catalogue.js';
import { NoticeBoard } from './notice-board.js';
import type { CorePorts } from './ports/index.js';
import type { RunningSandbox } from './sandbox/sandbox-provider.js';
import { SessionManager } from './session/session-manager.js';
import { buildSessionView } from './session/session-view.js';

export interface SupervisorOptions {
  ports: CorePorts;
  /** Where run history, run logs and the audit trail are written. */
  dataDir: string;
  /** Picks the custom scheme (production or development). */
  flavour: BuildFlavour;
  /** Folder holding `*.bot.json` manifests. */
  botsDir: string;
  /** Starts the embedded sandbox provider when the Local sandbox profile is used. */
  sandbox?: { port?: number; accessTokenTtlSeconds?: number };
  /** Profiles beyond the sandbox (tests, admin imports). */
  profiles?: Profile[];
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
  const scheduleState = () => {
    if (stateQueued) return;
    stateQueued = true;
    // Coalesce bursts (a run ending changes bots, runs and sessions at once) into one snapshot.
    setImmediate(() => {
      stateQueued = false;
      emit('state', snapshot());
    });
  };

  const notices = new NoticeBoard(ports.clock, scheduleState);
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
    placeholders: profiles.sandbox
      ? { 'sandbox.apiBaseUrl': profiles.sandbox.apiBaseUrl, 'sandbox.portalUrl': profiles.sandbox.portalUrl }
      : {},
    profileName: (id) => profiles.get(id)?.name ?? id,
  });
  const catalogue = await loadBotManifests(options.botsDir);
  runs.setBots(catalogue.manifests);
  for (const problem of catalogue.errors) {
    notices.post('warning', supervisorError('bot_manifest_invalid', problem.file, problem.message));
  }

  const subscriptions: Disposable[] = [
    sessions.onDidEvent((event) => {
      if (event.type === 'expired' || event.type === 'signedOut') {
        const profile = profiles.get(event.profileId);
        if (profile?.expiryPolicy === 'stop') {
          void runs.haltProfile(event.profileId, event.type === 'expired' ? 'the session expired' : 'the supervisor signed out');
        }
      }
      if (event.type === 'discarded' && event.reason === 'unreadable') {
        notices.post('warning', supervisorError('session_unreadable'));
      }
      scheduleState();
    }),
    sessions.onDidChange(scheduleState),
    signIn.onDidEvent((event) => {
      if (event.type === 'redirectIgnored') {
        notices.post('warning', supervisorError('invalid_redirect', event.reason));
      }
      scheduleState();
    }),
    runs.onDidChange(scheduleState),
    runs.onDidLog((batch) => emit('log', batch)),
  ];
  await sessions.restore(profiles.list().map((p) => p.id));
  if (!ports.secrets.persistent) {
    notices.post('warning', supervisorError('secrets_memory_only'));
  }

  function snapshot(): SupervisorState {
    const now = ports.clock.now();
    return {
      at: now,
      profiles: profiles.views(),
      sessions: profiles.list().map((profile) =>
        buildSessionView(profile, signIn.phase(profile.id), sessions.session(profile.id), sessions.status(profile.id)),
      ),
      bots: runs.listBots(),
      runs: runs.listRuns({ limit: 200 }),
      notices: notices.list(),
    };
  }

  /**
   * Signing out is a human ending supervision, so unlike expiry (where bots may wait for
   * re-authentication) it halts that profile's runs, revoking their broker secrets (S29).
   */
  async function signOutProfile(profileId: string): Promise<void> {
    if (!profiles.get(profileId)) throw supervisorError('unknown_profile', profileId);
    signIn.cancel(profileId);
    await runs.haltProfile(profileId, 'the supervisor signed out');
    const session = await sessions.signOut(profileId);
    if (session && (await signIn.revoke(session)) === 'failed') {
      notices.post('warning', supervisorError('revocation_failed'));
    }
  }

  const handlers: { [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutputs[K]> } = {
    getState: async () => snapshot(),
    signIn: async ({ profileId, prompt }) => signIn.start(profileId, prompt),
    cancelSignIn: async ({ profileId }) => signIn.cancel(profileId),
    signOut: async ({ profileId }) => signOutProfile(profileId),
    startRun: async ({ botId }) => runs.start(botId),
    stopRun: async ({ runId }) => runs.stop(runId, 'stopped by the operator'),
    stopAll: async ({ signOut }) => {
      await runs.stopAll('stopped by the operator (stop all)');
      if (signOut) for (const profile of profiles.list()) await signOutProfile(profile.id);
    },
    listRuns: async (input) => runs.listRuns(input),
    readLog: async ({ runId, fromSeq, limit }) => runs.readLog(runId, fromSeq, limit),
    dismissNotice: async ({ noticeId }) => notices.dismiss(noticeId),
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
      await signIn.handleRedirect(url);
    },
    recheck: () => sessions.recheck(),
    async shutdown() {
      if (shutDown) return;
      shutDown = true;
      for (const subscription of subscriptions) subscription.dispose();
      await runs.dispose();
      await broker.close();
      signIn.dispose();
      sessions.dispose();
      await profiles.close();
      listeners.clear();
    },
  };
}
