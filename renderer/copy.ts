/**
 * Every string the renderer writes itself, in UK English, in one place so wording stays
 * consistent and can be reviewed (and later translated) without reading components.
 *
 * Error messages the core reports come from its catalogue (app/error-catalogue.ts), each with
 * its code in an ErrorView. The errors the renderer raises itself (the connection is down, a
 * field cannot be sent, the clipboard refused) are in `localErrors`, keyed by a code that is
 * unique across both catalogues, and are shown through the same ErrorMessage component
 * (`localError()` in format/local-error.ts builds the ErrorView). No error wording lives
 * anywhere else in this file: e2e/error-copy.spec.ts renders every entry of both.
 */
import type { ClientAuthMethod, ProviderPreset, RedirectMode, RunStatus, SessionStatus } from '../app/common/contract.js';
import type { RunOutcomeFilter } from './format/filter-runs.js';

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

export const copy = {
  appName: 'RPA Supervisor',
  skipToContent: 'Skip to content',

  connection: {
    connecting: 'Connecting to RPA Supervisor…',
    lost: 'Connection to RPA Supervisor lost — reconnecting…',
  },

  dismiss: 'Dismiss',
  errorCode: (code: string) => `Error code: ${code}`,

  /**
   * Errors the renderer raises itself, by stable code; everything else comes from the core's
   * catalogue. A code here must never also be a core code (e2e/error-copy.spec.ts checks).
   */
  localErrors: {
    // The connection to the core
    not_connected: 'RPA Supervisor is not connected. Wait until it reconnects, then try again.',
    connection_lost:
      'The connection to RPA Supervisor dropped before it answered. Check whether the action took effect, then try again if needed.',
    connection_rejected:
      'This page could not connect to RPA Supervisor because its link is missing or out of date. Open RPA Supervisor again to get a new link.',
    unexpected: 'Something went wrong. Try again; if it keeps happening, restart RPA Supervisor.',
    // Forms: only what cannot be sent at all is checked in the page
    file_unreadable: 'The file could not be read. Choose it again, or check that it is a text file.',
    form_fields_invalid: 'Check the highlighted fields.',
    warning_minutes_invalid: 'Enter whole minutes separated by commas, for example 60, 15, 5.',
    minutes_invalid: 'Enter a whole number of minutes.',
    port_invalid: 'Enter a port number from 0 to 65535.',
    max_runs_invalid: 'Enter a whole number from 1 to 64.',
    // The clipboard (missing outside secure contexts, or refused by permission policy)
    clipboard_refused: 'Could not copy automatically. Select the text and copy it by hand.',
    sign_in_link_not_copied: 'The link could not be copied automatically. Select it below and copy it.',
    log_not_copied: 'The log could not be copied automatically. Use Download shown lines instead.',
    redirect_uri_not_copied: 'The redirect URI could not be copied automatically. Select it and copy it by hand.',
    // The first-run wizard's link test
    app_link_not_registered:
      'The app link did not come back. Registration of the app link scheme is missing or belongs to another program. Reinstall RPA Supervisor, or ask IT to register the scheme for this app (see the packaging guide), then run the test again. Until then, the loopback redirect mode still works.',
    self_test_timed_out:
      'The app link did not come back in time. Run the test again, and while it waits, run the command below in a terminal.',
  },

  nav: {
    label: 'Sections',
    overview: 'Overview',
    runs: 'Run history',
    audit: 'Audit trail',
    settings: 'Settings',
  },

  header: {
    sessionsLabel: 'Sign-in status',
    noProfiles: 'No provider profiles',
    notSignedIn: 'Not signed in',
    signingIn: 'Signing in…',
    signedInAs: (name: string) => `Signed in as ${name}`,
    endingSoon: 'Session ending soon',
    /** The last warning threshold: stronger words to go with the danger colour. */
    endingVerySoon: (minutes: number) => `Last warning: session ends within ${plural(minutes, 'minute', 'minutes')}`,
    ended: 'Session ended — re-authenticate',
    problem: 'Sign-in problem',
    withProfile: (profileName: string, summary: string) => `${profileName}: ${summary}`,
    until: (time: string) => `until ${time}`,
    left: 'left',
    signInTo: (profileName: string) => `Sign in to ${profileName}`,
    reauthenticateTo: (profileName: string) => `Re-authenticate to ${profileName}`,
    cancelSignInTo: (profileName: string) => `Cancel sign-in to ${profileName}`,
  },

  banners: {
    expiring: (profileName: string, minutes: number) =>
      `Your session for ${profileName} ends in ${plural(minutes, 'minute', 'minutes')}. Re-authenticate to keep bots running.`,
    expiringFinal: (profileName: string, minutes: number) =>
      `Last warning: your session for ${profileName} ends in ${plural(minutes, 'minute', 'minutes')}. Re-authenticate now, or bots cannot get a token when it ends.`,
    expired: (profileName: string) =>
      `Your session for ${profileName} has ended. Bots cannot get a token until you re-authenticate.`,
  },

  sessions: {
    heading: 'Sign-in',
    status: {
      signedOut: 'Signed out',
      waitingForBrowser: 'Waiting for your browser…',
      exchanging: 'Finishing sign-in…',
      active: 'Active',
      expiring: 'Expiring soon',
      expired: 'Expired',
      error: 'Sign-in failed',
    } satisfies Record<SessionStatus, string>,
    signIn: 'Sign in',
    cancel: 'Cancel',
    reauthenticate: 'Re-authenticate',
    signOut: 'Sign out',
    tryAgain: 'Try again',
    signedOutHint: 'Sign in so that bots can work with this provider.',
    waitingHint: 'Complete the sign-in in the browser window that opened, then come back here.',
    signInEndsIn: 'This attempt stops in',
    exchangingHint: 'Checking the answer from the provider. This takes a few seconds.',
    browserDidntOpen: "Browser didn't open?",
    copySignInLink: 'Copy the sign-in link',
    linkCopied: 'Sign-in link copied. Paste it into your browser’s address bar.',
    user: 'Signed in as',
    company: 'Company',
    timeLeft: 'Time left',
    endsAt: 'Ends',
    sessionExpired: 'Session expired',
    expiredHint: 'Bots cannot get a token until you re-authenticate.',
    lastUser: 'Last signed in as',
    reauthenticationFailed: 'Re-authentication did not complete; the current session still works until it ends.',
    noProfiles: 'There are no provider profiles yet. Add one in Settings, or run the setup wizard.',
  },

  bots: {
    heading: 'Bots',
    none: 'No bots are set up yet. Put a bot’s .bot.json file in the bots folder (see Settings), and it appears here.',
    lastRun: 'Last run',
    neverRun: 'Not run yet',
    profile: 'Signs in with',
    duration: 'Duration',
    start: 'Start',
    stop: 'Stop',
    viewLog: 'View log',
    startBot: (botName: string) => `Start ${botName}`,
    stopBot: (botName: string) => `Stop ${botName}`,
    viewLogOf: (botName: string) => `View log of ${botName}`,
    reauthenticateFor: (botName: string, profileName: string) => `Re-authenticate to ${profileName} so that ${botName} can start`,
    warning: 'Warning:',
    envTokenDelivery: 'Gets the token in its environment — less protected than the broker.',
    stopAll: 'Stop all and sign out',
    stopAllTitle: 'Stop all bots and sign out?',
    stopAllBody: (running: number) =>
      `${running === 0 ? 'No bots are running.' : `${plural(running, 'bot run', 'bot runs')} will be stopped.`} You will be signed out of every provider, and no bot can start until someone signs in again.`,
    stopAllConfirm: 'Stop all and sign out',
    stopAllCancel: 'Keep running',
    stopAllDone: 'All bots were stopped and every provider is signed out.',
  },

  runs: {
    status: {
      queued: 'Queued',
      starting: 'Starting',
      running: 'Running',
      succeeded: 'Succeeded',
      failed: 'Failed',
      cancelled: 'Stopped',
      timedOut: 'Timed out',
      halted: 'Halted — session ended',
      interrupted: 'Interrupted',
    } satisfies Record<RunStatus, string>,
  },

  history: {
    heading: 'Run history',
    filtersLabel: 'Filter runs',
    bot: 'Bot',
    allBots: 'All bots',
    outcome: 'Outcome',
    outcomes: {
      all: 'Any outcome',
      live: 'Running or waiting',
      succeeded: 'Succeeded',
      failed: 'Failed or timed out',
      stopped: 'Stopped, halted or interrupted',
    } satisfies Record<RunOutcomeFilter, string>,
    search: 'Search',
    searchHint: 'Bot, supervisor, reason or run id',
    clearFilters: 'Clear filters',
    count: (shown: number, total: number) => (shown === total ? plural(total, 'run', 'runs') : `${shown.toLocaleString('en-GB')} of ${plural(total, 'run', 'runs')}`),
    none: 'No runs yet. Start a bot from the Overview, and its run appears here.',
    noMatch: 'No runs match these filters. Clear the filters to see every run.',
    loading: 'Loading runs…',
    columns: { bot: 'Bot', status: 'Status', started: 'Started', duration: 'Duration', supervisor: 'Supervised by', exitCode: 'Exit code' },
    open: (botName: string, started: string) => `Open the run of ${botName} started ${started}`,
    selectHint: 'Choose a run to see its details and log.',
  },

  runLog: {
    heading: 'Run detail',
    headingFor: (botName: string) => `Run detail — ${botName}`,
    noneSelected: 'Start a bot, or choose View log, to see its output here.',
    status: 'Status',
    exitCode: 'Exit code',
    signal: 'Signal',
    duration: 'Duration',
    startedAt: 'Started',
    supervisor: 'Supervised by',
    reason: 'Stop reason',
    notApplicable: '—',
    loading: 'Loading log…',
    empty: 'No output yet.',
    earlierHidden: (count: number) => `Showing the latest ${count.toLocaleString('en-GB')} lines. Use Download full log for the earlier ones.`,
    earlierIncomplete: 'Some earlier lines could not be shown here because they scrolled past too quickly. Use Download full log to get every line.',
    logLabel: 'Log output',
    stderr: 'Error output',
    system: 'RPA Supervisor',
    toolbarLabel: 'Log tools',
    search: 'Search the log',
    searchPlaceholder: 'Search',
    lineCount: (shown: number, total: number) =>
      shown === total ? plural(total, 'line', 'lines') : `${shown.toLocaleString('en-GB')} of ${plural(total, 'line', 'lines')} match`,
    followTail: 'Follow output',
    jumpToLatest: 'Jump to latest',
    copy: 'Copy',
    copyMatching: 'Copy matching lines',
    copied: (count: number) => `${plural(count, 'line', 'lines')} copied.`,
    /** The lines in the view (matching lines while searching), as shown. */
    download: 'Download shown lines',
    /** Every line, from the run's log files. */
    downloadFull: 'Download full log',
    downloadingFull: 'Preparing full log…',
    downloadedFull: (fileName: string) => `Saved ${fileName} to your downloads.`,
    noMatches: 'No lines match your search.',
  },

  audit: {
    heading: 'Audit trail',
    intro: 'Every sign-in, sign-out, expiry, re-authentication, bot run and refused token request, in order. Each record seals the one before it, so a changed or deleted line shows.',
    verify: 'Check the trail',
    verifying: 'Checking…',
    verifiedOk: 'Intact',
    verifiedBroken: 'Tampering detected',
    verifyUnknown: 'Not checked yet',
    export: 'Export as CSV',
    exporting: 'Exporting…',
    exported: (fileName: string) => `Saved ${fileName} to your downloads.`,
    loadOlder: 'Load older records',
    loading: 'Loading the audit trail…',
    none: 'Nothing has been recorded yet. Signing in and running bots adds records here.',
    columns: { at: 'Time', type: 'Event', actor: 'Who', profile: 'Profile', subject: 'Bot or run', detail: 'Detail' },
    filter: 'Search the records',
    eventTypes: {
      signedIn: 'Signed in',
      reauthenticated: 'Re-authenticated',
      signedOut: 'Signed out',
      sessionExpired: 'Session expired',
      sessionRestored: 'Session restored',
      sessionDiscarded: 'Stored session discarded',
      signInFailed: 'Sign-in failed',
      runStarted: 'Run started',
      runEnded: 'Run ended',
      brokerDenied: 'Token request refused',
      settingsChanged: 'Settings changed',
      auditRepaired: 'Audit trail repaired',
      auditGap: 'Records missing',
      auditExported: 'Audit trail exported',
    } as Record<string, string>,
  },

  settings: {
    heading: 'Settings',
    profilesHeading: 'Provider profiles',
    profilesIntro: 'Each profile says where staff sign in and how. Client secrets are stored securely and never shown again.',
    addProfile: 'Add a profile',
    edit: 'Edit',
    editProfile: (name: string) => `Edit ${name}`,
    delete: 'Delete',
    deleteProfile: (name: string) => `Delete ${name}`,
    deleteTitle: (name: string) => `Delete the profile ${name}?`,
    deleteBody: 'Staff can no longer sign in with it, and bots that use it cannot start. This cannot be undone.',
    deleteConfirm: 'Delete profile',
    cancel: 'Cancel',
    locked: 'Locked by your organisation',
    lockedHint: 'This profile is managed by policy and is shown read-only.',
    builtIn: 'Built in',
    redirectUri: 'Redirect URI',
    issuer: 'Issuer',
    clientId: 'Client id',
    secretStored: 'Client secret stored',
    preset: 'Provider',
    importHeading: 'Import profiles from a file',
    importIntro: 'Choose a JSON file from your administrator. Valid profiles are added; any problems are listed below.',
    importFile: 'Profiles file (JSON)',
    importDone: (count: number) => `${plural(count, 'profile', 'profiles')} imported.`,
    importProblems: 'Problems in the file',
    importProblem: (index: number, field: string, message: string) => `Profile ${index + 1}, ${field}: ${message}`,
    companiesHeading: 'HCSS companies',
    companiesIntro: 'A partner profile connects to each company that has consented. Connecting opens a sign-in for that company.',
    companiesNone: 'No companies are connected yet. Choose Connect a company, and sign in as someone from that company.',
    connectCompany: (profileName: string) => `Connect a company to ${profileName}`,
    removeCompany: (companyId: string) => `Remove company ${companyId}`,
    removeCompanyTitle: (companyId: string) => `Remove company ${companyId}?`,
    removeCompanyBody:
      'Bots that act for this company stop getting its token at once. To connect it again, someone from the company must sign in and consent again.',
    removeCompanyConfirm: 'Remove company',
    companyStatus: { connected: 'Connected', tokenValid: 'Token valid', error: 'Problem' },
    companyConnectedBy: (who: string, when: string) => `Connected by ${who} on ${when}`,
    companyTokenUntil: (time: string) => `Token valid until ${time}`,
    botsHeading: 'Bots and policies',
    botsDir: 'Bots folder',
    botsDirHint: 'RPA Supervisor loads every .bot.json file in this folder.',
    maxConcurrentRuns: 'Runs at the same time (at most)',
    maxConcurrentRunsHint: 'Further runs wait in a queue until one finishes.',
    launchAtLogin: 'Start RPA Supervisor when I sign in to this computer',
    save: 'Save',
    saved: 'Saved.',
    hostHeading: 'This installation',
    hostKind: { electron: 'Desktop app', browser: 'Browser host' },
    scheme: 'App link scheme',
    secretsMemoryOnly: 'Sign-ins are kept in memory only on this computer, so staff sign in again after a restart.',
    secretsPersistent: 'Sign-ins are kept in the operating system’s secure storage.',
    rerunWizard: 'Run the setup wizard again',
  },

  profileForm: {
    newHeading: 'New provider profile',
    editHeading: (name: string) => `Edit ${name}`,
    name: 'Profile name',
    nameHint: 'What staff see, for example “Healthcode (live)”.',
    id: 'Profile id',
    idHint: 'Used in bot manifests (profileId). Letters, digits, dot, dash or underscore.',
    preset: 'Provider',
    issuer: 'Issuer URL',
    issuerHint: 'The address the provider publishes its discovery document under.',
    issuerFixed: 'Set by the provider preset.',
    clientId: 'Client id',
    clientIdHint: 'Issued by the provider when you registered RPA Supervisor.',
    clientSecret: 'Client secret (optional)',
    clientSecretHint: 'Only if the provider issued one. Stored securely; never shown again.',
    clientSecretKeep: 'A secret is stored. Leave this empty to keep it.',
    clientAuth: 'Client authentication',
    clientAuthOptions: {
      none: 'None (public client with PKCE)',
      client_secret_basic: 'Client secret, HTTP Basic',
      client_secret_post: 'Client secret, in the request body',
    } satisfies Record<ClientAuthMethod, string>,
    scopes: 'Scopes',
    scopesHint: 'Separated by spaces, for example “openid profile”.',
    redirectMode: 'Redirect mode',
    loopbackPort: 'Loopback port',
    loopbackPortHint: '0 picks a free port each time; use a fixed port if the provider matches the port exactly.',
    loopbackPath: 'Loopback path',
    bounceUrl: 'Bounce page URL',
    bounceUrlHint: 'The https page your organisation hosts that forwards to the app.',
    warningMinutes: 'Warn before expiry (minutes)',
    warningMinutesHint: 'Separated by commas, for example “60, 15, 5”.',
    signInTimeoutMinutes: 'Give up waiting for a sign-in after (minutes)',
    expiryPolicy: 'When the session ends',
    expiryPolicies: {
      wait: 'Let running bots wait for re-authentication',
      stop: 'Stop running bots',
    },
    companyClaim: 'Company id claim',
    companyClaimHint: 'The token claim that carries the HCSS company id.',
    save: 'Save profile',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: (name: string) => `${name} saved.`,
    /** Nouns that start a field message from the core ("is required" → "Client id is required."). */
    fieldNames: {
      id: 'The profile id',
      name: 'The profile name',
      preset: 'The provider',
      issuer: 'The issuer URL',
      clientId: 'The client id',
      clientSecret: 'A client secret',
      clientAuth: 'The client authentication',
      scopes: 'Each scope',
      redirectMode: 'The redirect setting',
      loopbackPort: 'The loopback port',
      loopbackPath: 'The loopback path',
      bounceUrl: 'The bounce page URL',
      warningMinutes: 'Each warning time',
      signInTimeoutMinutes: 'The sign-in time limit',
      expiryPolicy: 'The expiry policy',
      companyClaim: 'The company id claim',
      extraAuthParams: 'The extra sign-in parameters',
    },
  },

  redirectModes: {
    customScheme: {
      label: 'App link (recommended)',
      hint: 'The browser hands the sign-in back to RPA Supervisor through its own link scheme.',
    },
    loopback: {
      label: 'Loopback address',
      hint: 'RPA Supervisor listens on 127.0.0.1 for one sign-in at a time. Use it if app links are blocked.',
    },
    bounce: {
      label: 'https bounce page',
      hint: 'For providers that accept only https redirect URIs: a page your organisation hosts forwards to the app link.',
    },
  } satisfies Record<RedirectMode, { label: string; hint: string }>,

  presets: {
    healthcodeProduction: {
      label: 'Healthcode (live)',
      profileName: 'Healthcode',
      description: 'Healthcode’s production sign-in at auth.healthcode.co.uk.',
    },
    healthcodeUat: {
      label: 'Healthcode UAT (test)',
      profileName: 'Healthcode UAT',
      description: 'Healthcode’s test environment at auth.uat.healthcode.co.uk, for trying bots safely.',
    },
    hcssPartner: {
      label: 'HCSS partner',
      profileName: 'HCSS',
      description: 'An HCSS partner app: each customer company consents once, then bots work per company.',
    },
    custom: {
      label: 'Another OpenID Connect provider',
      profileName: 'Custom provider',
      description: 'Any provider that supports the authorisation code flow with PKCE.',
    },
    sandbox: {
      label: 'Local sandbox (try it out)',
      profileName: 'Local sandbox',
      description: 'A practice provider on this computer. No account needed: sign in as “demo”.',
    },
  } satisfies Record<ProviderPreset, { label: string; profileName: string; description: string }>,

  wizard: {
    heading: 'Set up RPA Supervisor',
    intro: 'Five short steps connect RPA Supervisor to your sign-in provider. You can skip this and use Settings instead.',
    skip: 'Skip setup',
    back: 'Back',
    next: 'Next',
    finish: 'Finish',
    stepsLabel: 'Setup steps',
    stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
    steps: ['Provider', 'Client', 'Redirect', 'Link test', 'Sign in'],
    provider: {
      heading: 'Which provider do staff sign in with?',
      legend: 'Provider',
    },
    client: {
      heading: 'Enter the details the provider gave you',
      sandboxHeading: 'The Local sandbox needs no details',
      sandboxBody: 'Its client id is built in. Sign in later as user “demo” with password “demo-password”.',
      save: 'Save and continue',
    },
    redirect: {
      heading: 'Register the redirect URI with the provider',
      legend: 'How the sign-in comes back to RPA Supervisor',
      apply: 'Use this redirect mode',
      uriLabel: 'Redirect URI to register — exactly as shown',
      copy: 'Copy the redirect URI',
      copied: 'Redirect URI copied.',
      sandboxRegistered: 'The Local sandbox already has this redirect URI registered.',
      sendHeading: 'What to send the provider',
      send: {
        healthcode: [
          'Send these to your Healthcode Business Development Manager (BDM):',
          'the name “RPA Supervisor” and a one-line description of what your bots do;',
          'the redirect URI above, exactly as shown (it is the post-authentication endpoint they ask for).',
          'They reply with a client id; enter it in step 2 if you have not already.',
        ],
        hcss: [
          'In the HCSS developer portal, for your partner app:',
          'add the redirect URI above, exactly as shown;',
          'enable the authorisation code flow with PKCE and the “company” grant, and the scopes your bots need.',
          'Each customer company then consents once, from Settings → HCSS companies.',
        ],
        custom: [
          'Ask the provider’s administrator to register a client with:',
          'the redirect URI above, exactly as shown;',
          'the authorisation code flow with PKCE (S256), and no client secret unless they require one.',
          'They give you a client id (and perhaps a secret) for step 2.',
        ],
        sandbox: ['Nothing to send: the sandbox runs on this computer.'],
      },
      notSaved: 'Save the profile in step 2 first; the exact redirect URI appears here once it is saved.',
    },
    selfTest: {
      heading: 'Check that sign-ins can come back',
      intro: 'RPA Supervisor opens its own app link through the system browser and waits for it to come back. That proves the redirect will reach this app.',
      start: 'Run the link test',
      again: 'Run it again',
      waiting: 'Waiting for the app link to come back…',
      passed: 'Passed: this app receives its app links.',
      failed: 'Failed',
      idle: 'Not run yet.',
      browserHostIntro:
        'This is the browser host, which cannot ask the operating system to open app links. The launcher completes the round trip instead: run this command in a terminal, in the RPA Supervisor folder.',
      copyCommand: 'Copy the command',
      commandCopied: 'Command copied.',
      loopbackSkip: 'The loopback redirect mode does not use the app link, so there is nothing to test. Continue to sign in.',
    },
    signIn: {
      heading: 'Sign in',
      intro: 'Sign in once to check everything works. Your browser opens the provider’s page.',
      done: 'You are signed in. Setup is complete.',
      noProfile: 'There is no profile to sign in to yet. Go back to step 2, or skip setup.',
    },
  },

  notices: {
    level: { info: 'Information', warning: 'Warning', error: 'Problem' },
  },

  copyButton: {
    copied: 'Copied.',
  },
} as const;
