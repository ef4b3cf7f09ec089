/**
 * Every user-visible error, by stable code. The renderer shows `message`; docs/providers.md lists
 * the codes for admins. Arguments are URLs, names and numbers only: never a token, an
 * authorization code or a secret.
 */
import { SupervisorError } from './errors.js';

type MessageFactory = (...args: never[]) => string;

export const errorCatalogue = {
  // Validation and transport
  invalid_request: (detail: string) => `The request was not valid: ${detail}.`,
  unknown_command: (name: string) => `The app does not know the command "${name}".`,
  not_available: (what: string) => `${what} is not available in this version of RPA Supervisor yet.`,
  internal_error: () => 'Something went wrong inside RPA Supervisor. Try again; if it keeps happening, restart the app.',

  // Notices
  secrets_memory_only: () =>
    'This computer offers no secure storage for sign-ins, so they are kept in memory only. You will need to sign in again after restarting.',
  session_unreadable: () => 'A stored sign-in could not be read and was discarded. Please sign in again.',
  settings_reset: () => 'The saved settings could not be read, so defaults are in use. A copy of the old file was kept.',
  revocation_failed: () =>
    'You are signed out here, but the provider could not be told to cancel the token. It will expire on its own.',

  // Profiles
  unknown_profile: (profileId: string) => `There is no provider profile called "${profileId}". Check the profile settings.`,

  // Sign-in
  discovery_failed: (url: string) =>
    `The provider at ${url} could not be reached or did not return a valid discovery document. Check the issuer URL and your network, then try again.`,
  discovery_timeout: (url: string, seconds: number) =>
    `The provider at ${url} did not answer within ${seconds} s. Check your network, then try again.`,
  insecure_issuer: (url: string) =>
    `The provider at ${url} does not use https. Only https providers (or http on this computer's loopback address) are allowed.`,
  sign_in_superseded: () => 'A newer sign-in was started for this profile, so this one was stopped.',
  sign_in_cancelled: () => 'Sign-in was cancelled.',
  sign_in_timed_out: (minutes: number) =>
    `Sign-in was not completed within ${minutes} minutes, so it was stopped. Click Sign in to try again.`,
  no_pending_sign_in: () => 'A sign-in response arrived, but no sign-in was in progress. It was ignored.',
  state_mismatch: () =>
    'The sign-in response did not match the sign-in that was started. It was ignored for your safety. Click Sign in to start again.',
  issuer_mismatch: () =>
    'The sign-in response came from a different provider than expected. It was rejected for your safety. Click Sign in to start again.',
  provider_refused: (error: string, description: string) =>
    `Sign-in was cancelled or refused by the provider (${error})${description ? `: ${description}` : ''}.`,
  token_request_failed: (detail: string) => `The provider did not issue a token: ${detail}. Click Sign in to try again.`,
  token_response_invalid: (detail: string) =>
    `The provider's token response was not usable (${detail}). Ask your administrator to check the provider settings.`,
  id_token_invalid: (detail: string) =>
    `The provider's identity token failed verification (${detail}). Sign-in was stopped for your safety.`,
  invalid_redirect: (reason: string) => `A sign-in link was ignored because it was not valid: ${reason}.`,

  // Session
  not_signed_in: (profileName: string) => `Sign in to ${profileName} first.`,
  session_expired: (profileName: string) => `Your session for ${profileName} has expired. Re-authenticate to continue.`,

  // Bots
  unknown_bot: (botId: string) => `There is no bot called "${botId}".`,
  unknown_run: (runId: string) => `There is no run called "${runId}".`,
  run_would_outlast_token: (minutes: number) =>
    `This bot is expected to run longer than the ${minutes} minutes left on your sign-in. Re-authenticate first, then start it.`,
  bot_command_failed: (command: string, detail: string) =>
    `The bot could not be started: "${command}" ${detail}. Check the bot's command in its manifest.`,

  // Bots (appended by the bot-supervision work)
  bot_already_running: (botName: string, concurrency: number) =>
    `${botName} is already running ${concurrency === 1 ? 'once' : `${concurrency} times`}, which is its limit. Wait for it to finish or stop it first.`,
  bot_company_mismatch: (botName: string, company: string) =>
    `${botName} works for ${company}, but the signed-in session is for a different company. Sign in for ${company}, then start it.`,
  bot_cwd_missing: (cwd: string) => `The bot's working folder ${cwd} does not exist. Check the bot's cwd in its manifest.`,
  bot_env_placeholder_unknown: (botId: string, placeholder: string) =>
    `The bot "${botId}" uses the setting \${${placeholder}} in its environment, but RPA Supervisor has no value for it. Check the bot's manifest.`,
  bot_manifest_invalid: (file: string, detail: string) => `The bot manifest ${file} was skipped: ${detail}.`,
  run_queue_full: (limit: number) => `${limit} runs are already waiting to start. Wait for some to finish, then try again.`,
  invalid_run_transition: (from: string, to: string) =>
    `A run could not move from ${from} to ${to}. This is a bug in RPA Supervisor; the run was left as it was.`,
  supervisor_shutting_down: () => 'RPA Supervisor is closing, so no new runs can start.',
} satisfies Record<string, MessageFactory>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Builds a SupervisorError whose message comes from the catalogue. */
export function supervisorError<C extends ErrorCode>(
  code: C,
  ...args: [...Parameters<(typeof errorCatalogue)[C]>, ...([{ cause?: unknown }] | [])]
): SupervisorError {
  const factory = errorCatalogue[code] as (...a: unknown[]) => string;
  const arity = factory.length;
  const messageArgs = args.slice(0, arity);
  const options = args[arity] as { cause?: unknown } | undefined;
  return new SupervisorError(code, factory(...messageArgs), options);
}
