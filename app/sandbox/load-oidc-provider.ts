/**
 * Loads oidc-provider lazily so that its import-time "Unsupported runtime" warning (it asks for
 * Node 22 but works on our Node 20) does not alarm users of `npm start`.
 * Only that one message is dropped; every other warning still reaches the console.
 */
type OidcProviderModule = typeof import('oidc-provider');

const unsupportedRuntimeWarning = 'Unsupported runtime';

let loading: Promise<OidcProviderModule> | undefined;

export function loadOidcProvider(): Promise<OidcProviderModule> {
  loading ??= importQuietly();
  return loading;
}

async function importQuietly(): Promise<OidcProviderModule> {
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(unsupportedRuntimeWarning)) return;
    originalWarn.apply(console, args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = originalWarn;
  }
}
