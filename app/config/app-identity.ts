/**
 * The app's identity: the single source for the protocol scheme used by the core, the Electron
 * shell, the electron-builder config and the docs. A test checks that they agree.
 */
export const appIdentity = {
  appId: 'uk.co.rpasupervisor.app',
  productName: 'RPA Supervisor',
  /** Reverse-domain custom schemes (RFC 8252 §7.1); dev builds use their own so they never steal prod links. */
  protocolScheme: {
    production: 'uk.co.rpasupervisor',
    development: 'uk.co.rpasupervisor.dev',
  },
  /** `<scheme>://auth/callback` is the redirect URI registered with providers. */
  callbackHost: 'auth',
  callbackPath: '/callback',
  /** Argument that precedes a deep link in argv, so that nothing else is read as a URL (S8). */
  deepLinkSentinel: '--deep-link',
} as const;

export type BuildFlavour = keyof typeof appIdentity.protocolScheme;

export function protocolSchemeFor(flavour: BuildFlavour): string {
  return appIdentity.protocolScheme[flavour];
}

export function customSchemeRedirectUri(scheme: string): string {
  return `${scheme}://${appIdentity.callbackHost}${appIdentity.callbackPath}`;
}
