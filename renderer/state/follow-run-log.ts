import type { SupervisorApi } from '../../app/common/contract.js';

export interface RunLogFollow {
  /** Settles once the core sends this run's live lines (or could not be asked); read pages after it. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** The contract's bound on `followLogs`. */
const maxFollowedRuns = 16;

/** Every log view on screen shares one follow list per connection; the core keeps only the last one sent. */
class RunFollows {
  readonly #api: SupervisorApi;
  readonly #counts = new Map<string, number>();
  #sent: Promise<void> = Promise.resolve();

  constructor(api: SupervisorApi) {
    this.#api = api;
  }

  follow(runId: string): RunLogFollow {
    this.#counts.set(runId, (this.#counts.get(runId) ?? 0) + 1);
    const ready = this.#send();
    let disposed = false;
    return {
      ready,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.#counts.get(runId) ?? 1) - 1;
        if (count > 0) this.#counts.set(runId, count);
        else this.#counts.delete(runId);
        void this.#send();
      },
    };
  }

  /** Sends the list as it is when its turn comes, in order, so the last change always wins. */
  #send(): Promise<void> {
    this.#sent = this.#sent.then(() =>
      this.#api.invoke('followLogs', { runIds: [...this.#counts.keys()].slice(-maxFollowedRuns) }).catch(() => {
        // Without live lines the view still pages the log in; the connection state says why.
      }),
    );
    return this.#sent;
  }
}

const followsByApi = new WeakMap<SupervisorApi, RunFollows>();

/** Asks the core for a run's live log lines until disposed. */
export function followRunLog(api: SupervisorApi, runId: string): RunLogFollow {
  let follows = followsByApi.get(api);
  if (!follows) {
    follows = new RunFollows(api);
    followsByApi.set(api, follows);
  }
  return follows.follow(runId);
}
