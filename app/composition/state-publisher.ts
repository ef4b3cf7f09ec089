import type { PatientDataPolicyView, SupervisorState } from '../common/contract.js';
import type { AttentionAcknowledgements } from '../attention/attention-acknowledgements.js';
import type { AttentionNotifications } from '../attention/attention-notifications.js';
import { buildAttention } from '../attention/build-attention.js';
import { buildSnapshot, type SnapshotSources } from '../state/build-snapshot.js';
import type { Supervision } from '../supervision/supervision.js';
import { PacedPublisher } from './paced-publisher.js';

export interface StatePublisherDeps {
  sources: SnapshotSources;
  supervision: Pick<Supervision, 'presence' | 'questions' | 'approvals'>;
  acknowledgements: Pick<AttentionAcknowledgements, 'has'>;
  notifications: Pick<AttentionNotifications, 'update'>;
  patientDataPolicy: PatientDataPolicyView | undefined;
  emit(state: SupervisorState): void;
  /** A snapshot or a notification that failed: logged, never the end of the process. */
  onError?: (error: unknown) => void;
}

/**
 * The state every window sees: the snapshot plus what needs attention and presence. Bursts (a run
 * ending changes bots, runs and sessions at once) become one snapshot on the next turn, and a
 * steady stream of changes (hundreds of runs starting) is paced by what a snapshot costs
 * (paced-publisher.ts).
 */
export class StatePublisher {
  readonly #pacer = new PacedPublisher({
    publishNow: () => {
      const state = this.snapshot();
      // The windows first: an OS notification that fails must not keep the state from them.
      this.deps.emit(state);
      try {
        this.deps.notifications.update(state.attention);
      } catch (error) {
        this.deps.onError?.(error);
      }
    },
    onError: (error) => this.deps.onError?.(error),
  });

  constructor(private readonly deps: StatePublisherDeps) {}

  snapshot(): SupervisorState {
    const { sources, supervision, acknowledgements, patientDataPolicy } = this.deps;
    const state = buildSnapshot(sources);
    const presence = supervision.presence.view();
    const attention = buildAttention({
      runs: state.runs,
      queued: state.queue,
      sessions: state.sessions,
      questions: supervision.questions.list(),
      approvals: supervision.approvals.pending(),
      companies: state.companies.map((company) => ({ ...company, profileName: state.profiles.find((profile) => profile.id === company.profileId)?.name ?? company.profileId })),
      presence,
      now: state.at,
      isAcknowledged: (id) => acknowledgements.has(id),
    });
    return { ...state, attention, presence, ...(patientDataPolicy ? { patientDataPolicy } : {}) };
  }

  /** Schedules one snapshot, however many changes arrive before it. */
  readonly publish = (): void => this.#pacer.publish();

  /** After shutdown nothing more is published. */
  stop(): void {
    this.#pacer.stop();
  }
}
