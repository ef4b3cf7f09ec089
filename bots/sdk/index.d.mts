/**
 * Types for the RPA Supervisor bot SDK (`index.mjs`). Hand-written so bots need no build step.
 */

/** Stable codes on BotSdkError. Broker denials keep the broker's `error` value. */
export type BotSdkErrorCode =
  | 'not_supervised'
  | 'broker_unreachable'
  | 'broker_error'
  | 'invalid_secret'
  | 'run_finished'
  | 'signed_out'
  | 'session_expired'
  | 'insufficient_validity'
  | 'session_wait_timeout'
  | 'invalid_request'
  | 'supervisor_absent'
  | 'approval_pending'
  | 'run_refused'
  | 'company_not_yours'
  | 'company_not_connected'
  | 'company_token_pending'
  | 'company_unavailable'
  | 'question_timed_out'
  | 'too_many_questions'
  | 'screenshots_not_allowed'
  | 'artifact_too_large'
  | 'file_unreadable'
  | (string & {});

export declare class BotSdkError extends Error {
  constructor(code: string, message: string, details?: { status?: number; expiresAt?: number; reason?: string; cause?: unknown });
  readonly code: BotSdkErrorCode;
  /** `company_unavailable`: what HCSS answered, e.g. `company_consent_withdrawn`, `company_client_refused`, `company_provider_unavailable`. */
  readonly reason: string | undefined;
  /** HTTP status from the broker, when there was one. */
  readonly status: number | undefined;
  /** When the session's token expires (or expired), epoch ms, when the broker said. */
  readonly expiresAt: number | undefined;
}

export interface AccessToken {
  /** The bearer token. Non-enumerable, so logging this object does not print it. Never log it. */
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Epoch ms after which the supervisor will no longer serve this token. */
  readonly expiresAt: number;
  /** The provider profile id the token belongs to. */
  readonly profile: string;
  readonly company: string | undefined;
  /** The signed-in human the run acts for. */
  readonly supervisor: { subject: string; name?: string } | undefined;
}

export interface RunContext {
  runId: string | undefined;
  profileId: string | undefined;
  brokerUrl: string | undefined;
  /** True when started by RPA Supervisor (broker URL and run secret present). */
  supervised: boolean;
}

/** Exit code used when the supervisor has gone. */
export declare const SUPERVISOR_GONE_EXIT_CODE: 75;

export declare function getRunContext(): RunContext;

/** Asks the broker for the current token; call it each time you need one. */
export declare function getAccessToken(options?: { minValidityMs?: number; waitMs?: number }): Promise<AccessToken>;

/** fetch() with the bearer token; on a 401 from the target, one fresh token and one retry. */
export declare function authorizedFetch(input: string | URL | Request, init?: RequestInit, options?: { minValidityMs?: number }): Promise<Response>;

/** Waits (long-poll, no busy loop) until a usable session exists; throws session_wait_timeout. */
export declare function waitForSession(options?: { timeoutMs?: number; minValidityMs?: number }): Promise<AccessToken>;

/**
 * Ends the bot when the supervisor dies. On stdin EOF it kills the bot's own process group (its
 * children too) on macOS and Linux, falling back to exit code 75; when the broker is unreachable it
 * exits with code 75.
 */
export declare function watchSupervisor(options?: { onGone?: (reason: string) => void }): { dispose(): void };

/** A file kept with the run (docs/bots.md, "Run artifacts"). */
export interface AttachedArtifact {
  id: string;
  /** The name as stored (made safe for any file system). */
  name: string;
  bytes: number;
}

/**
 * Keeps a file with the run: a report, a CSV, a screenshot. Text files are redacted like log lines.
 * Throws `screenshots_not_allowed` for `kind: 'screenshot'`, an image name, or a file whose first
 * bytes are an image (PNG, JPEG, GIF, WebP, BMP, TIFF, HEIF/AVIF) unless the profile or policy
 * allows screenshots, `artifact_too_large` past the run's or the computer's cap, and
 * `file_unreadable` when `{ path }` can't be read. The broker closes the connection on a refused
 * upload; when that swallows its answer, the code is `broker_error` and the run's log says why.
 */
export declare function attach(name: string, data: string | Uint8Array | { path: string }, options?: { kind?: 'screenshot' | 'file'; timeoutMs?: number }): Promise<AttachedArtifact>;

/** Runs a Playwright step; if it throws, attaches a screenshot of the page (when allowed) and rethrows. */
export declare function withScreenshotOnFailure<T>(page: { screenshot(options?: { fullPage?: boolean }): Promise<Uint8Array> }, step: () => Promise<T>, options?: { name?: string; fullPage?: boolean }): Promise<T>;

/** Broker codes that mean "wait" (re-authentication, the supervisor away, approval pending). */
export declare const WAIT_CODES: readonly string[];

/** Thrown by checkpoint() after "Stop at next safe point", or once the run has ended: clean up and exit. */
export declare class StopRequestedError extends Error {
  readonly code: 'stop_requested';
}

/**
 * A safe point between steps: returns at once, waits while the run is paused (or the supervisor
 * is away), or throws StopRequestedError. Any other refusal is a BotSdkError with the broker's
 * code (e.g. `invalid_secret`), or `broker_unreachable`. Outside RPA Supervisor it returns at once.
 */
export declare function checkpoint(): Promise<void>;

export interface QuestionAnswer {
  choice?: string;
  fields?: Record<string, string>;
  text?: string;
}

/**
 * Asks the supervisor; resolves with the answer and who gave it. Rejects with BotSdkError code
 * `question_timed_out`, `run_finished`, `signed_out`, `too_many_questions`, `invalid_request` or
 * `broker_unreachable`.
 */
export declare function ask(request: {
  question: string;
  choices?: string[];
  fields?: { name: string; label?: string; multiline?: boolean }[];
  timeoutMs: number;
}): Promise<{ answer: QuestionAnswer; answeredBy: { subject: string; name?: string }; answeredAt: number }>;
