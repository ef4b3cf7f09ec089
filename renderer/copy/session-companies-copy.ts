/**
 * The companies a partner profile's sign-in can act for, on its sign-in card (and their count in
 * the header). Part of `copy` (renderer/copy.ts).
 */
import { plural } from './plural.js';

export const sessionCompaniesCopy = {
  sessionCompanies: {
    heading: 'Companies this sign-in can act for',
    none: 'No HCSS company is connected for this sign-in yet: connect one in Settings.',
    /** After the person's name in the header, when they act for several companies. */
    headerCount: (count: number) => plural(count, 'company', 'companies'),
    live: (time: string) => `Token live until ${time}`,
    left: 'left',
    onRequest: 'Gets a token when a bot asks',
    connectAgain: 'Refused by HCSS — connect it again',
    clientRefused: 'Refused by HCSS — the client secret needs checking',
    unreachable: 'HCSS not reachable — trying again by itself',
    noToken: 'No token from HCSS — trying again by itself',
    /** After the id of the company the person signed in with (the card has no separate Company line). */
    ownSignIn: 'your sign-in’s company',
    /** The company signed in with, no longer connected: bots naming no company use the person's own token. */
    ownNotConnected: 'Not connected — bots that name no company act for it with your own sign-in',
    /** The person did not connect it; the machine policy lets them use every company. */
    asAdmin: 'as an administrator',
    open: 'Open in Settings',
    /** Read after "Open in Settings" (visually hidden): which company's entry it opens. */
    openWhich: (companyId: string) => `for ${companyId}`,
  },
} as const;
