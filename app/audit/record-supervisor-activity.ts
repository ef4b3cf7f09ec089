import type { SignInEvent } from '../auth/sign-in-service.js';
import type { RunEvent } from '../bots/run-record.js';
import type { BrokerDenial } from '../broker/broker-denial.js';
import type { Disposable, RunView, UserView } from '../common/contract.js';
import { endedRunWords } from '../common/run-status.js';
import type { Clock } from '../ports/clock.js';
import type { SessionEvent } from '../session/session-manager.js';
import type { Session } from '../session/session.js';
import type { AuditEvent } from './audit-record.js';

export interface ActivitySources {
  audit: { record(event: AuditEvent): void };
  clock: Clock;
  sessions: { onDidEvent(listener: (event: SessionEvent) => void): Disposable };
  signIn: { onDidEvent(listener: (event: SignInEvent) => void): Disposable };
  runs: {
    onDidRunEvent(listener: (event: RunEvent) => void): Disposable;
    readonly interruptedAtStart: readonly RunView[];
    getRun(runId: string): RunView | undefined;
  };
  /** The broker's refusals; each is recorded (`recordDenial`). */
  broker?: { onDidDeny(listener: (denial: BrokerDenial) => void): Disposable };
  /** Who is at the app, for records no session names (a sign-in that timed out or was cancelled). */
  person?: () => UserView;
  /** Repeated identical denials within this window become one summary record. Default 1 s. */
  denialWindowMs?: number;
}

export interface ActivityRecorder extends Disposable {
  /** Records a broker refusal; called for every `onDidDeny` of the broker in `sources`. */
  recordDenial(denial: BrokerDenial): void;
}

/**
 * Turns what the services announce into audit records: who signed in, out and back in; when a
 * session expired; each run's start and end with its bot, supervisor, profile and company; and
 * every broker denial. Only identifiers, names and codes are recorded, never a token or a code.
 */
export function recordSupervisorActivity(sources: ActivitySources): ActivityRecorder {
  const { audit } = sources;
  const lastUser = new Map<string, UserView>();
  const denials = new DenialThrottle(sources.clock, sources.denialWindowMs ?? 1000, (denial, repeats) => {
    const run = denial.runId === undefined ? undefined : sources.runs.getRun(denial.runId);
    audit.record({
      type: 'brokerDenied',
      ...(run?.supervisor ? { actor: run.supervisor } : {}),
      ...(run ? { profileId: run.profileId, botId: run.botId } : {}),
      ...(denial.runId === undefined ? {} : { runId: denial.runId }),
      detail: denialDetail(denial.code, repeats),
    });
  });

  for (const run of sources.runs.interruptedAtStart) audit.record(runEnded(run));

  const subscriptions: Disposable[] = [
    ...(sources.broker ? [sources.broker.onDidDeny((denial) => denials.add(denial))] : []),
    sources.sessions.onDidEvent((event) => {
      switch (event.type) {
        case 'established': {
          const previous = lastUser.get(event.profileId);
          const user = userOf(event.session);
          lastUser.set(event.profileId, user);
          const tookOver = event.replaced && previous && previous.subject !== user.subject ? ` It replaced the session of ${describe(previous)}.` : '';
          audit.record({
            type: event.replaced ? 'reauthenticated' : 'signedIn',
            actor: user,
            profileId: event.profileId,
            ...(event.session.company === undefined ? {} : { company: event.session.company }),
            detail: `Token valid until ${new Date(event.session.expiresAt).toISOString()}.${tookOver}`,
          });
          break;
        }
        case 'restored':
          lastUser.set(event.profileId, userOf(event.session));
          audit.record({
            type: 'sessionRestored',
            actor: userOf(event.session),
            profileId: event.profileId,
            ...(event.session.company === undefined ? {} : { company: event.session.company }),
            detail: `A stored session was restored at start-up; valid until ${new Date(event.session.expiresAt).toISOString()}.`,
          });
          break;
        case 'signedOut':
          lastUser.delete(event.profileId);
          audit.record({ type: 'signedOut', actor: userOf(event.session), profileId: event.profileId, ...companyOf(event.session) });
          break;
        case 'expired':
          audit.record({
            type: 'sessionExpired',
            actor: userOf(event.session),
            profileId: event.profileId,
            ...companyOf(event.session),
            detail: 'The token stopped being served to bots.',
          });
          break;
        case 'discarded':
          audit.record({
            type: 'sessionDiscarded',
            profileId: event.profileId,
            detail: event.reason === 'expired' ? 'A stored session had expired and was deleted.' : 'A stored session could not be read and was deleted.',
          });
          break;
        case 'warning':
          break;
      }
    }),
    sources.signIn.onDidEvent((event) => {
      const actor = sources.person ? { actor: sources.person() } : {};
      if (event.type === 'failed') audit.record({ type: 'signInFailed', ...actor, profileId: event.profileId, detail: `Sign-in failed: ${event.code}.` });
      if (event.type === 'ended' && event.reason === 'cancelled') audit.record({ type: 'signInCancelled', ...actor, profileId: event.profileId, detail: 'The sign-in was cancelled before the browser answered.' });
      if (event.type === 'ended' && event.reason === 'timedOut') audit.record({ type: 'signInTimedOut', ...actor, profileId: event.profileId, detail: 'The browser did not answer the sign-in in time.' });
    }),
    sources.runs.onDidRunEvent((event) => {
      if (event.type === 'started') {
        audit.record({
          type: 'runStarted',
          ...(event.run.supervisor ? { actor: event.run.supervisor } : {}),
          profileId: event.run.profileId,
          ...(event.company === undefined ? {} : { company: event.company }),
          botId: event.run.botId,
          runId: event.run.id,
          detail: `${event.run.botName} started.`,
        });
      } else {
        audit.record(runEnded(event.run, event.company));
      }
    }),
  ];

  return {
    recordDenial: (denial) => denials.add(denial),
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      denials.dispose();
    },
  };
}

function runEnded(run: RunView, company?: string): AuditEvent {
  const exit = run.exitCode === undefined || run.exitCode === null ? (run.signal ? `; signal ${run.signal}` : '') : `; exit code ${run.exitCode}`;
  return {
    type: 'runEnded',
    ...(run.supervisor ? { actor: run.supervisor } : {}),
    profileId: run.profileId,
    ...(company === undefined ? {} : { company }),
    botId: run.botId,
    runId: run.id,
    detail: `${run.botName} ended: ${endedRunWords(run.status)}${exit}${run.reason ? `. ${run.reason}` : '.'}`,
  };
}

/**
 * A safe stop the operator asked for reaches the bot as a 409 to its token request: the broker
 * declines on the supervisor's behalf, it refuses nothing. The code stays last, as in every
 * denial, so the audit screen reads old and new records alike.
 */
function denialDetail(code: string, repeats: number): string {
  const requests = `${repeats} more request${repeats === 1 ? '' : 's'}`;
  if (code === 'stop_requested') return repeats === 0 ? `The run was asked to stop, so the broker declined its token request: ${code}.` : `The run was asked to stop, so the broker declined ${requests}: ${code}.`;
  return repeats === 0 ? `The broker refused a request: ${code}.` : `The broker refused ${requests}: ${code}.`;
}

function userOf(session: Session): UserView {
  return { subject: session.subject, ...(session.name === undefined ? {} : { name: session.name }) };
}

function companyOf(session: Session): { company?: string } {
  return session.company === undefined ? {} : { company: session.company };
}

function describe(user: UserView): string {
  return user.name ? `${user.name} (${user.subject})` : user.subject;
}

/**
 * Every denial is audited, but a local program hammering the broker with bad secrets must not be
 * able to flood the disk: the first of a kind is written at once, repeats within the window are
 * counted and written as one record when the window closes.
 */
class DenialThrottle {
  readonly #open = new Map<string, { denial: BrokerDenial; repeats: number; timer: Disposable }>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly write: (denial: BrokerDenial, repeats: number) => void,
  ) {}

  add(denial: BrokerDenial): void {
    const key = `${denial.code}\u0000${denial.runId ?? ''}`;
    const open = this.#open.get(key);
    if (open) {
      open.repeats += 1;
      return;
    }
    this.write(denial, 0);
    const timer = this.clock.setTimer(() => this.#close(key), this.windowMs);
    this.#open.set(key, { denial, repeats: 0, timer });
  }

  dispose(): void {
    for (const key of [...this.#open.keys()]) this.#close(key);
  }

  #close(key: string): void {
    const open = this.#open.get(key);
    if (!open) return;
    this.#open.delete(key);
    open.timer.dispose();
    if (open.repeats > 0) this.write(open.denial, open.repeats);
  }
}
