import { useSyncExternalStore } from 'react';
import type { SupervisorSnapshot, SupervisorStore } from './supervisor-store.js';

/** The store's current snapshot; re-renders the caller whenever the core sends new state. */
export function useSupervisorState(store: SupervisorStore): SupervisorSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
