/**
 * Every error a person can see, by stable code: the one catalogue for the core, the preload and
 * the renderer. The window shows `message` with its code; docs/providers.md lists the codes for
 * admins (app/config/providers-doc.test.ts keeps it complete), and
 * app/common/error-catalogue.test.ts proves every code is raised somewhere or reserved.
 * Arguments are URLs, names and numbers only: never a token, an authorization code or a secret.
 *
 * Free of zod and Node like the rest of app/common/, so the sandboxed preload and the renderer
 * use these messages too. The core raises them as SupervisorErrors (`supervisorError` in
 * app/error-catalogue.ts); the preload and the page as ErrorViews (`errorView` in error-view.ts).
 */
import { companyErrorMessages } from './company-error-messages.js';
import { fleetErrorMessages } from './fleet-error-messages.js';
import { keptDataErrorMessages } from './kept-data-error-messages.js';
import { runLimits } from './run-limits.js';

type MessageFactory = (...args: never[]) => string;

export const errorCatalogue = {
  // Requests between the window and the core (core, preload and page)
  invalid_request: (detail: string) => `The request was not valid: ${detail}.`,
  unknown_command: () => 'The window asked for something this version of RPA Supervisor does not do. Restart RPA Supervisor.',
  unknown_event: () => 'The window listened for something this version of RPA Supervisor does not send. Restart RPA Supervisor.',
  response_unreadable: () => 'RPA Supervisor sent an answer the window could not read. Try again; if it keeps happening, restart the app.',
  forbidden_sender: () => 'This request did not come from the RPA Supervisor window, so it was refused.',
  internal_error: () => 'Something went wrong inside RPA Supervisor. Try again; if it keeps happening, restart the app.',

  // The page's connection to the core (raised by the page)
  not_connected: () => 'RPA Supervisor is not connected. Wait until it reconnects, then try again.',
  connection_lost: () =>
    'The connection to RPA Supervisor dropped before it answered. Check whether the action took effect, then try again if needed.',
  host_not_responding: () =>
    'RPA Supervisor is not responding, so this was not sent. Wait until it responds again (the notice at the top goes away), then try again.',
  connection_rejected: () =>
    'This page could not connect to RPA Supervisor because its link is missing or out of date. Open RPA Supervisor again to get a new link.',
  unexpected: () => 'Something went wrong. Try again; if it keeps happening, restart RPA Supervisor.',

  // Forms: only what cannot be sent at all is checked in the page
  file_unreadable: () => 'The file could not be read. Choose it again, or check that it is a text file.',
  form_fields_invalid: () => 'Check the highlighted fields.',
  warning_minutes_invalid: () => 'Enter whole minutes separated by commas, for example 60, 15, 5.',
  minutes_invalid: () => 'Enter a whole number of minutes.',
  port_invalid: () => 'Enter a port number from 0 to 65535.',
  bounce_url_invalid: () => 'Enter the full https address of your bounce page, for example https://rpa.clinic.example/postauth/.',
  max_runs_invalid: () => `Enter a whole number from 1 to ${runLimits.maxConcurrentRunsCeiling}.`,
  browser_path_invalid: () =>
    'Enter the full path of the browser program (for example C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe or /usr/bin/chromium), or leave it empty to use an installed Edge or Chrome.',
  browser_path_missing: (path: string) =>
    `There is no browser program at ${path} on this computer, so it was not saved. Check the path (copy it from the browser's shortcut or install folder), or leave it empty to use an installed Edge or Chrome.`,
  browser_not_executable: (path: string) =>
    `${path} is not a program this computer lets RPA Supervisor start, so it was not saved. Choose the browser's program file itself (for example chrome.exe or chromium), or ask IT to allow it to run.`,

  // The clipboard (missing outside secure contexts, or refused by permission policy)
  clipboard_refused: () => 'Could not copy automatically. Select the text and copy it by hand.',
  sign_in_link_not_copied: () => 'The link could not be copied automatically. Select it below and copy it.',
  pasted_link_empty: () =>
    'Paste the link first. Copy it from the provider’s last page (it starts with the app link shown there), then paste it in this box.',
  log_not_copied: () => 'The log could not be copied automatically. Use the Download button beside Copy instead: it saves the same lines.',
  redirect_uri_not_copied: () => 'The redirect URI could not be copied automatically. Select it and copy it by hand.',

  // The first-run wizard's link test
  app_link_not_registered: () =>
    'The app link did not come back. Registration of the app link scheme is missing or belongs to another program. Reinstall RPA Supervisor, or ask IT to register the scheme for this app (see the packaging guide), then run the test again. Until then, the loopback redirect mode still works.',
  self_test_timed_out: () =>
    'The app link did not come back in time. Run the test again, and while it waits, copy the link it shows and paste it in the box below.',

  // Notices
  secrets_memory_only: () =>
    'This computer offers no secure storage for sign-ins, so they are kept in memory only. You will need to sign in again after restarting.',
  session_unreadable: () => 'A stored sign-in could not be read and was discarded. Please sign in again.',
  settings_reset: () => 'The saved settings could not be read, so defaults are in use. A copy of the old file was kept.',
  settings_corrupt: (backupPath: string) =>
    `The settings file could not be read, so defaults are in use. The old file was kept as ${backupPath}.`,
  secret_undecryptable: () =>
    'A stored secret could no longer be unlocked (the system keychain may have been reset), so it was discarded. Sign in again, and re-enter any client secret.',
  revocation_failed: () =>
    'You are signed out here, but the provider could not be told to cancel the token. It will expire on its own.',

  // Profiles
  unknown_profile: (profileId: string) => `There is no provider profile called "${profileId}". Check the profile settings.`,

  // Sign-in
  discovery_failed: (url: string) =>
    `The provider at ${url} could not be reached or did not return a valid discovery document. First check the issuer URL in the profile: it must be exactly the address the provider gave, with no typing mistake. Then check your network and proxy settings, and try again.`,
  discovery_not_a_provider: (url: string, answer: string) =>
    `${url} answered, but not with a discovery document: ${answer}. Check the issuer URL in the profile: it must be the provider's issuer exactly as the provider gave it, not the address of its login or home page. If it is, a proxy or firewall may have answered in the provider's place: ask IT.`,
  discovery_provider_error: (url: string, status: number) =>
    `The provider at ${url} answered with an error (HTTP ${status}) instead of its discovery document. It may be down or being updated: try again in a few minutes, and ask the provider if it lasts.`,
  discovery_issuer_mismatch: (url: string, advertised: string) =>
    `The discovery document of ${url} names a different issuer (${advertised}), so it was not trusted. The issuer in the profile must match it exactly, including any trailing slash.`,
  discovery_timeout: (url: string, seconds: number) =>
    `The provider at ${url} did not answer within ${seconds} s. Check the issuer URL in the profile, then your network, VPN or proxy, and try again.`,
  insecure_issuer: (url: string) =>
    `The provider at ${url} does not use https. Only https providers (or http on this computer's loopback address) are allowed.`,
  sign_in_superseded: () => 'A newer sign-in was started for this profile, so this one was stopped.',
  sign_in_cancelled: () => 'Sign-in was cancelled.',
  sign_in_timed_out: (within: string) => `Sign-in was not completed within ${within}, so it was stopped. Click Sign in to try again.`,
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
  invalid_redirect: (reason: string) =>
    `A sign-in link was ignored because it was not valid: ${reason}. Copy the whole link again from the last page your browser showed and paste it, or click Sign in to start again.`,

  // Session
  not_signed_in: (profileName: string) => `Sign in to ${profileName} first.`,
  session_expired: (profileName: string) => `Your session for ${profileName} has expired. Re-authenticate to continue.`,

  // Bots
  unknown_bot: (botId: string) => `There is no bot called "${botId}".`,
  unknown_run: (runId: string) => `There is no run called "${runId}".`,
  company_token_pending: (company: string) =>
    `The token for company ${company} is not ready yet. Start the bot again in a moment.`,
  run_would_outlast_token: (left: string) =>
    `This bot is expected to run longer than your sign-in has left (${left}). Re-authenticate first, then start it.`,
  bot_command_failed: (command: string, detail: string) =>
    `The bot could not be started: "${command}" ${detail}. Check the bot's command in its manifest.`,

  // Bot runs
  bot_already_running: (botName: string, concurrency: number) =>
    `${botName} is already running ${concurrency === 1 ? 'once' : `${concurrency} times`}, which is its limit. Wait for it to finish or stop it first.`,
  bot_company_mismatch: (botName: string, company: string) =>
    `${botName} works for company ${company}, which is not connected to this profile. Connect the company first, then start it.`,
  bot_cwd_missing: (cwd: string) => `The bot's working folder ${cwd} does not exist. Check the bot's cwd in its manifest.`,
  bot_env_placeholder_unknown: (botId: string, placeholder: string) =>
    `The bot "${botId}" uses the setting \${${placeholder}} in its environment, but RPA Supervisor has no value for it. Check the bot's manifest.`,
  bot_manifest_invalid: (file: string, detail: string) => `The bot manifest ${file} was skipped: ${detail}.`,
  bot_manifests_invalid: (count: number, dir: string, problems: string) =>
    `${count} bot manifests in ${dir} were skipped. ${problems} The other bots still load.`,
  bot_profile_unknown: (botName: string, profileId: string, known: string) =>
    `${botName} signs in with the profile "${profileId}", which is not set up in RPA Supervisor${known === '' ? '' : ` (profiles here: ${known})`}. Change profileId in the bot's manifest, or add the profile in Settings.`,
  bot_removed_from_folder: (botName: string) =>
    `${botName}'s manifest is no longer in the bots folder, so it cannot start again. Its run can still be stopped here; the bot leaves this list when the run ends. Put its .bot.json file back in the bots folder to use it again.`,
  bot_script_missing: (script: string) => `The bot's script ${script} does not exist. Check the script's path in the args of the bot's manifest.`,
  run_queue_full: (limit: number) => `${limit === 1 ? '1 run is' : `${limit} runs are`} already waiting to start. Wait for some to finish, then try again.`,
  invalid_run_transition: (from: string, to: string) =>
    `A run could not move from ${from} to ${to}. This is a bug in RPA Supervisor; the run was left as it was.`,
  supervisor_shutting_down: () => 'RPA Supervisor is closing, so no new runs can start.',
  // The run queue, schedules and global shortcuts
  run_not_queued: () => 'This run is no longer waiting in the queue (it has started or ended), so it was left as it is. Find it in the run list.',
  schedule_invalid: (detail: string) =>
    `The schedule was not saved: ${detail}. Use a cron pattern such as 0 9 * * 1-5 (09:00 on weekdays), or six fields with seconds first.`,
  schedule_skipped_signed_out: (botName: string, profileName: string) =>
    `The scheduled run of ${botName} was skipped because nobody was signed in to ${profileName}. Sign in before the next scheduled time.`,
  schedule_skipped_session_expired: (botName: string, profileName: string) =>
    `The scheduled run of ${botName} was skipped because the sign-in to ${profileName} had expired. Sign in again before the next scheduled time.`,
  schedule_skipped_session_short: (botName: string, minutesLeft: number, minutesNeeded: number) =>
    `The scheduled run of ${botName} was skipped: the sign-in had ${minutesLeft} min left and the bot expects to need ${minutesNeeded} min. Re-authenticate before the next scheduled time.`,
  schedule_skipped_absent: (botName: string) =>
    `The scheduled run of ${botName} was skipped because nobody was at the computer to supervise it.`,
  schedule_skipped_starting: (botName: string) => `The scheduled run of ${botName} was skipped because its previous scheduled run was still starting.`,
  schedule_skipped_blocked: (botName: string, why: string) => `The scheduled run of ${botName} was skipped: ${why.endsWith('.') ? why : `${why}.`}`,
  schedule_missed: (botName: string, howLongAgo: string) =>
    `The scheduled run of ${botName} was skipped because the computer was asleep or busy at the scheduled time (${howLongAgo} ago). It runs again at the next scheduled time.`,
  schedule_missed_not_running: (botName: string, howLongAgo: string) =>
    `The scheduled run of ${botName} was not started because RPA Supervisor was not running at the scheduled time (${howLongAgo} ago). It runs again at the next scheduled time.`,
  hotkey_invalid: (shortcut: string, detail: string) =>
    `The shortcut "${shortcut}" cannot be used: ${detail}. Use one or more modifiers and a key, for example CommandOrControl+Alt+S.`,
  hotkey_unavailable: (shortcut: string) => `The shortcut ${shortcut} is taken by another program, so it was not set. Choose another in Preferences.`,
  bots_folder_unreadable: (dir: string, detail: string) =>
    `The bots folder ${dir} could not be read (${detail}), so no bots are listed. Check the folder in Preferences; the list updates by itself once the folder exists.`,

  // Provider profiles, redirect modes and refresh (HCSS companies: company-error-messages.ts)
  profile_invalid: (summary: string) => `The profile was not saved: ${summary}. Correct the fields shown and save again.`,
  profile_locked: (profileName: string) =>
    `The profile "${profileName}" is locked by your administrator, so it cannot be changed or deleted here. Ask your administrator.`,
  profile_builtin: () => 'The Local sandbox profile is built in, so it cannot be changed or deleted. Create a new profile instead.',
  profiles_import_invalid: (detail: string) =>
    `The profile file could not be read: ${detail}. Check that it is a JSON file with a "profiles" list, as described in the provider guide.`,
  profiles_reset: () =>
    'The saved provider profiles could not be read, so only the built-in profiles are available. A copy of the old profiles was kept for your administrator.',
  profile_draft: (profileName: string) =>
    `The profile "${profileName}" is a draft: it has no client id yet, so nobody can sign in with it. Enter the client id the provider issued (Settings → Provider profiles → Edit), then sign in.`,
  profile_exists: (profileId: string) =>
    `There is already a profile with the id "${profileId}", so nothing was saved. Choose another id, or edit that profile instead.`,
  profile_duplicate: (profileName: string) =>
    `The profile "${profileName}" already signs in to this provider with this client id, so nothing was saved. Edit that profile instead of adding another.`,
  self_test_link_stale: () =>
    'This link-test link is not the one RPA Supervisor is waiting for (it may be from an earlier test). Run the link test again, then use the new link.',
  policy_unreadable: (path: string, detail: string) =>
    `The machine policy at ${path} could not be read (${detail}), so RPA Supervisor is locked down to its safest settings. Ask your administrator to fix the file.`,
  policy_invalid: (path: string, detail: string) =>
    `The machine policy at ${path} is not valid (${detail}), so RPA Supervisor is locked down to its safest settings. Ask your administrator to correct the file.`,
  policy_not_protected: (path: string, detail: string) =>
    `The machine policy at ${path} is not protected (${detail}), so RPA Supervisor does not trust it and is locked down to its safest settings. Ask your administrator to make the file writable by administrators only.`,
  policy_change_refused: (path: string, detail: string, workersStopped: boolean) =>
    `The machine policy at ${path} changed but cannot be used (${detail}). ${workersStopped ? 'Workers it approved are stopped now; everything else keeps the policy RPA Supervisor started with' : 'RPA Supervisor keeps the policy it started with'} until it restarts, and it then locks down unless the file is corrected. Ask your administrator to fix the file.`,
  policy_changed_restart: (path: string, approvalsAppliedNow: boolean) =>
    approvalsAppliedNow
      ? `The machine policy at ${path} changed. Its worker approvals apply now; restart RPA Supervisor to apply the rest.`
      : `The machine policy at ${path} changed. Restart RPA Supervisor to apply the change.`,
  user_profiles_not_allowed: () =>
    'Your administrator manages the provider profiles on this computer, so profiles cannot be added, changed, imported or deleted here. Ask your administrator.',
  bots_folder_not_allowed: (dir: string, allowed: string) =>
    `The bots folder ${dir} is outside the folders your administrator allows (${allowed}), so it is not used. Choose one of the allowed folders.`,
  bot_env_token_not_allowed: (botName: string) =>
    `${botName} asks for its token in its environment, which your administrator does not allow on this computer. Ask for the bot to be changed to get its token from the broker (tokenDelivery "broker").`,
  client_secret_missing: (profileName: string) =>
    `${profileName} uses a client secret, but none is stored on this computer. Enter the client secret in the profile settings, then sign in again.`,
  loopback_port_busy: (port: number) =>
    `Port ${port} on 127.0.0.1 is in use by another program, so RPA Supervisor cannot receive the sign-in answer there. Close that program, or choose another port and register the matching redirect URI.`,
  loopback_failed: () =>
    'RPA Supervisor could not listen on 127.0.0.1 for the sign-in answer. Try again; if it keeps happening, use the custom-scheme redirect mode.',
  token_endpoint_timeout: (url: string, seconds: number) =>
    `The provider at ${url} did not answer within ${seconds} s, so no token was issued. Your current sign-in, if any, is unchanged. Check your network, then try again.`,
  token_endpoint_error: (url: string, status: number) =>
    `The provider at ${url} had an internal problem (HTTP ${status}) and issued no token. Your current sign-in, if any, is unchanged. Try again in a few minutes.`,
  authorization_code_rejected: () =>
    'The provider did not accept the sign-in code (it may have expired or been used already). Click Sign in to start again.',
  client_rejected: (redirectUri: string) =>
    `The provider rejected the client id — check it was registered with this redirect URI: ${redirectUri} (and, for a confidential client, that the client secret is right).`,
  token_refresh_failed: (profileName: string) =>
    `The token for ${profileName} could not be renewed automatically. It stays in use until it expires; re-authenticate before then to keep bots running.`,

  // Clinic networks (proxies, certificates), verified identity and the authorization pre-flight
  tls_untrusted: (host: string) =>
    `The certificate of ${host} is not trusted on this computer, so RPA Supervisor did not connect. Clinic networks that inspect secure traffic use their own root certificate: ask IT for it, then install it in this computer's certificate store (desktop app), or set NODE_EXTRA_CA_CERTS to its file before starting the browser host. Your current sign-in, if any, is unchanged.`,
  tls_certificate_invalid: (host: string, detail: string) =>
    `The certificate of ${host} is not valid (${detail}), so RPA Supervisor did not connect. Check this computer's date and time; if they are right, tell IT. Your current sign-in, if any, is unchanged.`,
  proxy_unreachable: (proxy: string, host: string) =>
    `RPA Supervisor could not reach the proxy server ${proxy} to connect to ${host}. Check that the proxy is running and that the proxy settings are right (the system's proxy settings, or HTTPS_PROXY for the browser host). Your current sign-in, if any, is unchanged.`,
  proxy_refused: (proxy: string, host: string, detail: string) =>
    `The proxy server ${proxy} would not connect RPA Supervisor to ${host} (${detail}). Ask IT to allow ${host} through the proxy. Your current sign-in, if any, is unchanged.`,
  signing_keys_changed: (host: string) =>
    `The provider at ${host} has changed its signing keys, so this sign-in could not be checked. RPA Supervisor has fetched the new keys: click Sign in again.`,
  identity_unverified: (profileName: string) =>
    `${profileName} issued a token but did not say who you are in a way RPA Supervisor can verify (no signed identity token, no access token signed with the provider's published keys, no user info), so sign-in was stopped: bots only run for a named, verified person. Ask your administrator to check the profile, for example its scopes.`,
  no_sign_in_waiting: () => 'No sign-in is waiting for the browser. Click Sign in to start one.',
  authorization_refused_before_login: (detail: string, clientId: string, redirectUri: string) =>
    `The provider refused the sign-in request before showing its login page (${detail}). This usually means the client id "${clientId}" or the redirect URI ${redirectUri} is not registered with the provider exactly as shown here: ask the provider to check both.`,

  // Electron shell
  external_url_refused: () =>
    'The address was not opened because it is not an https address (or http on this computer). Check the provider profile.',

  // Supervision: pause and safe stop, questions, approvals (docs/bots.md)
  run_not_running: (botName: string) => `${botName} is not running any more, so it cannot be paused, resumed or stopped at a safe point.`,
  run_not_paused: (botName: string) => `${botName} is not paused.`,
  pause_unavailable: (botName: string) =>
    `${botName} cannot be paused here: Windows cannot pause a program from outside, and this bot does not call checkpoint() from the bot SDK. Stop it instead, or ask its author to add checkpoints.`,
  safe_stop_unavailable: (botName: string) =>
    `${botName} does not call checkpoint() from the bot SDK, so it has no safe points to stop at. Use Stop now instead.`,
  unknown_question: () => 'This question is no longer open: it was answered, it timed out, or its run ended.',
  answer_invalid: (detail: string) => `The answer was not sent: ${detail}.`,
  supervisor_action_needs_sign_in: (profileName: string) =>
    `Sign in to ${profileName} first: answers and approvals are recorded with the name of the person signed in.`,
  approval_not_pending: () => 'This run is no longer waiting for approval: it was approved or refused already, or it has ended.',
  ...companyErrorMessages,
  ...keptDataErrorMessages,
  ...fleetErrorMessages,
} satisfies Record<string, MessageFactory>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The arguments each code's message takes. */
export type ErrorArgs<C extends ErrorCode> = Parameters<(typeof errorCatalogue)[C]>;

/** Codes whose message needs no arguments: the ones a fallback may use. */
export type PlainErrorCode = { [C in ErrorCode]: ErrorArgs<C> extends [] ? C : never }[ErrorCode];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}

/** The message of `code`, filled in with `args`. */
export function errorMessage<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): string {
  return (errorCatalogue[code] as (...a: unknown[]) => string)(...args);
}

/**
 * Codes kept in the catalogue although nothing raises them yet, each with the reason. Every other
 * code must be raised somewhere (error-catalogue.test.ts), so a code nobody emits cannot linger.
 */
export const reservedErrorCodes: Partial<Record<ErrorCode, string>> = {};
