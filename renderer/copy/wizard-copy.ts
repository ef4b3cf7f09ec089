/**
 * The first-run wizard, with the redirect modes and provider presets it offers. Part of `copy`
 * (renderer/copy.ts).
 */
import type { ProviderPreset, RedirectMode } from '../../app/common/contract.js';

export const wizardCopy = {
  redirectModes: {
    customScheme: {
      label: 'App link',
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
      description: 'Healthcode’s production sign-in at auth.healthcode.co.uk.',
    },
    healthcodeUat: {
      label: 'Healthcode UAT (test)',
      description: 'Healthcode’s test environment at auth.uat.healthcode.co.uk, for trying bots safely.',
    },
    hcssPartner: {
      label: 'HCSS partner',
      description: 'An HCSS partner app: each customer company consents once, then bots work per company.',
    },
    custom: {
      label: 'Another OpenID Connect provider',
      description: 'Any provider that supports the authorisation code flow with PKCE.',
    },
    sandbox: {
      label: 'Local sandbox (try it out)',
      description: 'A practice provider on this computer. No account needed: sign in as “demo”.',
    },
  } satisfies Record<ProviderPreset, { label: string; description: string }>,

  wizard: {
    heading: 'Set up RPA Supervisor',
    intro: 'Five short steps connect RPA Supervisor to your sign-in provider. You can skip this and use Settings instead.',
    skip: 'Skip setup',
    back: 'Back',
    next: 'Next',
    finish: 'Finish',
    stepsLabel: 'Setup steps',
    stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
    steps: ['Provider', 'Register', 'Client id', 'Link test', 'Sign in'],
    provider: {
      heading: 'Which provider do staff sign in with?',
      legend: 'Provider',
    },
    managed: {
      heading: 'Which profile do staff sign in with?',
      legend: 'Provider profile',
      byAdministrator: (path: string) =>
        `Your administrator manages the provider profiles on this computer, through the machine policy (${path}). They cannot be added or changed here: choose one to test and sign in with. Ask your administrator if yours is missing.`,
      lockedDown: (path: string) =>
        `The machine policy (${path}) could not be trusted, so provider profiles cannot be added or changed here. Ask your administrator to fix the policy file.`,
      fromPolicy: 'Managed by your administrator',
      none: 'There is no provider profile on this computer yet. Ask your administrator to add one to the machine policy, then start RPA Supervisor again.',
    },
    client: {
      heading: 'Enter the details the provider gave you',
      sandboxHeading: 'The Local sandbox needs no details',
      sandboxBody: 'Its client id is built in. Sign in later as user “demo” with password “demo-password”.',
      save: 'Save and continue',
      saveDraft: 'Save as a draft (no client id yet)',
      draftIntro: 'No client id yet? Save the profile as a draft now and finish it when the provider replies: Settings → Provider profiles → Edit. A draft cannot sign in.',
      draftSaved: (name: string) => `“${name}” is saved as a draft. When the provider sends the client id, enter it in Settings → Provider profiles → Edit.`,
      authSwitched: 'Client authentication is now “Basic” (client_secret_basic), because a client secret was entered. Choose “client_secret_post” in Settings if the provider asks for it.',
    },
    redirect: {
      heading: 'Register the redirect URI with the provider',
      intro: 'The provider must know this address before it issues a client id. Choose how sign-ins come back, then send the provider the request below.',
      legend: 'How the sign-in comes back to RPA Supervisor',
      recommended: (label: string) => `${label} (recommended)`,
      devSchemeWithheld:
        'This is a development build: its app link (uk.co.rpasupervisor.dev://…) must never be registered with a live provider, so it is not offered. Use the https bounce page or a loopback address, or set up from the installed app.',
      uriLabel: 'Redirect URI to register — exactly as shown',
      uriIncomplete: 'Enter the https address of your bounce page to see the redirect URI.',
      copy: 'Copy the redirect URI',
      copied: 'Redirect URI copied.',
      sandboxRegistered: 'The Local sandbox already has this redirect URI registered.',
      sendHeading: 'What to send the provider',
      description: 'Brief description of how you use RPA Supervisor',
      descriptionHint: 'Goes into the request below.',
      messageLabel: 'Request to send',
      copyMessage: 'Copy the request',
      messageCopied: 'Request copied. Paste it into an email.',
      send: {
        healthcode: [
          'Send this to your Healthcode Business Development Manager (BDM). Healthcode asks for the app’s name, a brief description and the full post-authentication URL; all three are in it.',
          'They reply with a client id (and perhaps a secret). Continue now and save the profile as a draft if you do not have it yet.',
        ],
        hcss: [
          'In the HCSS developer portal, for your partner app:',
          'add the redirect URI above, exactly as shown;',
          'enable the authorisation code flow with PKCE and the “company” grant, and the scopes your bots need.',
          'Each customer company then consents once, from Settings → HCSS companies.',
        ],
        custom: [
          'Send this to the provider’s administrator. They register a client and give you a client id (and perhaps a secret) for the next step.',
        ],
        sandbox: ['Nothing to send: the sandbox runs on this computer.'],
      },
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
        'This is the browser host, which cannot ask the operating system to open app links. Complete the round trip by hand, as you will after signing in: copy this link and paste it in the box below.',
      /** Around the launcher's command, which is shown as code. */
      launcher: { before: 'Or, in a terminal in the RPA Supervisor folder, run ', command: 'node bin/hand-off.mjs', after: ' and paste the link there.' },
      linkLabel: 'Link-test link',
      copyLink: 'Copy the link',
      linkCopied: 'Link copied. Now paste it in the box below.',
      loopbackSkip: 'The loopback redirect mode does not use the app link, so there is nothing to test. Continue to sign in.',
    },
    signIn: {
      heading: 'Sign in',
      intro: 'Sign in once to check everything works. Your browser opens the provider’s page.',
      done: 'You are signed in. Setup is complete.',
      noProfile: 'There is no profile to sign in to yet. Go back to step 3, or skip setup.',
    },
  },
} as const;
