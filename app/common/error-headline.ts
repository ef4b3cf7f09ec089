/**
 * Plain first: a short sentence for the codes people meet most, saying what to do in everyday
 * words. The window shows it first and keeps the catalogue's message (precise, often technical:
 * a URL, an HTTP status, a claim name) and the code behind "Details". Codes without a headline
 * show the catalogue's message first. Part of the one catalogue (error-catalogue.ts), kept beside
 * it so the page holds no error wording of its own; free of zod and Node like the rest of
 * app/common/.
 */
import type { ErrorCode } from './error-catalogue.js';

const headlines: Partial<Record<ErrorCode, string>> = {
  session_expired: 'Sign in again to let bots continue.',
  not_signed_in: 'Sign in first, so that bots can get a token.',
  run_would_outlast_token: 'Sign in again first: this bot needs more time than your sign-in has left.',
  bot_already_running: 'This bot is already running as often as it may.',
  company_token_pending: 'The company’s token is on its way. Start the bot again in a moment.',
  bot_company_mismatch: 'Connect this bot’s company first, then start it.',
  run_queue_full: 'Too many runs are waiting. Try again when some have finished.',
  bot_command_failed: 'The bot could not be started. Ask whoever looks after the bot to check it.',
  bot_cwd_missing: 'The bot could not be started. Ask whoever looks after the bot to check it.',
  bot_script_missing: 'The bot could not be started. Ask whoever looks after the bot to check it.',
  bot_removed_from_folder: 'This bot was removed from the bots folder, so it cannot start again.',
  bot_profile_unknown: 'This bot names a sign-in profile that is not set up here. Ask whoever looks after the bot to check it.',
  not_connected: 'Not connected to RPA Supervisor. Wait a moment, then try again.',
  connection_lost: 'The connection dropped. Check whether it worked, then try again.',
  host_not_responding: 'RPA Supervisor is not responding. Wait, then try again.',
  connection_rejected: 'This page is out of date. Open RPA Supervisor again to get a new link.',
  // The issuer URL first: a typing mistake in it is the likelier cause, and the only one the profile can fix.
  discovery_failed: 'The provider could not be reached. Check the issuer URL as typed, then your network or proxy.',
  discovery_timeout: 'The provider did not answer. Check the issuer URL as typed, then your network or proxy.',
  discovery_not_a_provider: 'The issuer URL answered, but not as a sign-in provider. Check the issuer URL as typed.',
  discovery_provider_error: 'The provider had a problem. Try again in a few minutes.',
  // Read by staff at the sign-in card and by the admin at Test connection: the comparison is in Details.
  discovery_issuer_mismatch: 'The provider’s issuer differs from the issuer URL in this profile. Compare them in Details.',
  provider_refused: 'The sign-in was cancelled or refused. Sign in again when you are ready.',
  state_mismatch: 'A sign-in answer was ignored for your safety. Sign in again.',
  issuer_mismatch: 'A sign-in answer was ignored for your safety. Sign in again.',
  invalid_redirect: 'That link could not be used. Copy the whole link again from your browser’s last page, or sign in again.',
  token_request_failed: 'The provider did not issue a token. Sign in again.',
  token_response_invalid: 'The provider’s answer could not be used. Ask your administrator.',
  id_token_invalid: 'The sign-in was stopped for your safety. Sign in again; if it happens again, tell your administrator.',
  token_endpoint_timeout: 'The provider did not answer in time. Your sign-in is unchanged; try again.',
  token_endpoint_error: 'The provider had a problem. Your sign-in is unchanged; try again in a few minutes.',
  authorization_code_rejected: 'The sign-in took too long or was used already. Sign in again.',
  client_rejected: 'The provider does not recognise this app’s registration. Ask your administrator.',
  client_secret_missing: 'This profile needs its client secret. Enter it in Settings, then sign in again.',
  token_refresh_failed: 'Your sign-in could not be renewed. Re-authenticate before it ends to keep bots running.',
  company_token_failed: 'No token could be obtained for this company. Connect it again.',
  policy_unreadable: 'The machine policy could not be used, so settings are locked down. Ask your administrator.',
  policy_invalid: 'The machine policy could not be used, so settings are locked down. Ask your administrator.',
  policy_not_protected: 'The machine policy could not be used, so settings are locked down. Ask your administrator.',
  fleet_redis_unreachable: 'RPA Supervisor cannot reach the fleet’s server. Ask IT to check that it is running and reachable.',
  internal_error: 'Something went wrong. Try again; if it keeps happening, restart RPA Supervisor.',
};

/** The plain sentence to show first for `code`, or undefined when the catalogue's message is it. */
export function errorHeadline(code: ErrorCode): string | undefined {
  return headlines[code];
}
