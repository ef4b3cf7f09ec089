/** Settings' "Test connection" and the sign-in pre-flight, as the renderer sees them (app/common/views.ts). */
import type { ErrorView } from './views.js';

/** Settings' "Test connection" for one profile: discovery, then the authorization pre-flight. */
export interface ConnectionTestView {
  profileId: string;
  checkedAt: number;
  discovery: { ok: true; issuer: string; authorizationEndpoint: string } | { ok: false; error: ErrorView };
  /** Absent when discovery failed. `unreachable` without an error: no answer from this computer. */
  preflight?: { outcome: 'accepted' | 'refused' | 'unreachable'; error?: ErrorView };
}

/** What the authorization pre-flight found (app/auth/authorization-preflight.ts). */
export interface PreflightView {
  outcome: 'refused' | 'unreachable';
  error: ErrorView;
}
