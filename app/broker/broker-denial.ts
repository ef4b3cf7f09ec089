import type { TokenDenialCode } from '../bots/session-access.js';

/**
 * The codes the token broker refuses a bot with (docs/bots.md, "Responses"). They are a protocol
 * for programs, answered over HTTP with a status, so they are not the window's error catalogue;
 * each refusal is also written to the audit trail with its code.
 */
export type BrokerDenialCode =
  | TokenDenialCode
  | 'invalid_secret'
  | 'run_finished'
  | 'invalid_request'
  | 'body_not_allowed'
  | 'forbidden_host'
  | 'origin_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'screenshots_not_allowed'
  | 'artifact_too_large'
  | 'internal_error'
  // Supervision (docs/bots.md, "Waiting for the supervisor", "Ask the supervisor", "Pause").
  | 'supervisor_absent'
  | 'approval_pending'
  | 'run_refused'
  | 'stop_requested'
  | 'question_timed_out'
  | 'too_many_questions'
  | 'supervisor_only';

/** One refused request, for the audit trail. Never holds the secret. */
export interface BrokerDenial {
  runId?: string;
  code: BrokerDenialCode;
}

/** A refusal as the broker sends it: `{ error: code, message, expiresAt? }` with `status`. */
export interface DenyAnswer {
  kind: 'deny';
  status: number;
  code: BrokerDenialCode;
  message: string;
  expiresAt?: number;
  /** `company_unavailable`: what HCSS answered, as the window's catalogue code (`company_consent_withdrawn`…). */
  reason?: string;
}

export const statusForTokenDenial: Readonly<Record<TokenDenialCode, number>> = {
  signed_out: 401,
  session_expired: 401,
  // 409, not 401: the run's credentials are fine; the session is in the wrong state for the ask.
  insufficient_validity: 409,
  // 403: the session is live, but the company belongs to another person (S67).
  company_not_yours: 403,
  // 403: the company was removed (or never connected): the bot has no company to act for. Exit.
  company_not_connected: 403,
  // 503: the session is fine; the company's token is on its way, or HCSS refused it until a person acts. Wait.
  company_token_pending: 503,
  company_unavailable: 503,
};

export function deny(status: number, code: BrokerDenialCode, message: string): DenyAnswer {
  return { kind: 'deny', status, code, message };
}

export function runFinished(): DenyAnswer {
  return deny(401, 'run_finished', 'This run has finished; its secret no longer works.');
}

/** Held back by the supervisor's side although the session could serve: 503 (wait), or 403 (refused). */
export const supervisionDenials = {
  supervisor_absent: () => deny(503, 'supervisor_absent', 'The supervisor is away (screen locked, idle, or a missed check): wait, as for a re-authentication.'),
  approval_pending: () => deny(503, 'approval_pending', 'This run waits for the supervisor to approve it.'),
  run_refused: () => deny(403, 'run_refused', 'The supervisor refused this run: exit.'),
} as const;
