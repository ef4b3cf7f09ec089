import { createContext, useContext } from 'react';
import type { SupervisorApi } from '../../app/common/contract.js';

export interface SupervisorContextValue {
  api: SupervisorApi;
  /** Shows a failed command in the page's alert region. */
  reportError(error: unknown): void;
  /** Clears the alert region, e.g. when the user tries something else. */
  clearError(): void;
  /** Re-reads the core's state (after commands that change settings). */
  refreshState(): Promise<void>;
}

export const SupervisorContext = createContext<SupervisorContextValue | null>(null);

export function useSupervisor(): SupervisorContextValue {
  const value = useContext(SupervisorContext);
  if (!value) throw new Error('useSupervisor must be used inside SupervisorContext');
  return value;
}
