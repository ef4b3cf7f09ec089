import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupervisorState } from '../common/contract.js';
import { StatePublisher, type StatePublisherDeps } from './state-publisher.js';

/** The publisher's order of work, with the snapshot itself stood in for (its views have tests of their own). */
class FixedStatePublisher extends StatePublisher {
  constructor(
    deps: Omit<StatePublisherDeps, 'sources' | 'supervision' | 'acknowledgements' | 'patientDataPolicy'>,
    private readonly state: () => SupervisorState,
  ) {
    super({ ...deps, sources: {} as StatePublisherDeps['sources'], supervision: {} as StatePublisherDeps['supervision'], acknowledgements: { has: () => false }, patientDataPolicy: undefined });
  }

  override snapshot(): SupervisorState {
    return this.state();
  }
}

const state = { at: 1, attention: [] } as unknown as SupervisorState;

describe('StatePublisher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends the state to the windows even when an OS notification fails, and reports the failure', () => {
    const emitted: SupervisorState[] = [];
    const errors: unknown[] = [];
    const publisher = new FixedStatePublisher(
      {
        notifications: {
          update: () => {
            throw new Error('notifications are not supported here');
          },
        },
        emit: (snapshot) => emitted.push(snapshot),
        onError: (error) => errors.push(error),
      },
      () => state,
    );
    publisher.publish();
    expect(() => vi.runOnlyPendingTimers()).not.toThrow();
    expect(emitted).toEqual([state]);
    expect(errors).toEqual([new Error('notifications are not supported here')]);
  });

  it('a snapshot that cannot be built is reported, not thrown through the process, and the next change publishes', () => {
    const emitted: SupervisorState[] = [];
    const errors: unknown[] = [];
    let broken = true;
    const publisher = new FixedStatePublisher({ notifications: { update: () => undefined }, emit: (snapshot) => emitted.push(snapshot), onError: (error) => errors.push(error) }, () => {
      if (broken) throw new Error('a view could not be built');
      return state;
    });
    publisher.publish();
    expect(() => vi.runOnlyPendingTimers()).not.toThrow();
    expect(errors).toHaveLength(1);
    broken = false;
    publisher.publish();
    vi.runOnlyPendingTimers();
    expect(emitted).toEqual([state]);
  });
});
