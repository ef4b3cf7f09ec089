import { customSchemeRedirectUri } from './app-identity.js';
import type { Profile } from './profile.js';

/** The redirect URI to register with the provider, exactly as it must appear. */
export function redirectUriFor(profile: Profile, scheme: string): string {
  switch (profile.redirect.mode) {
    case 'customScheme':
      return customSchemeRedirectUri(scheme);
    case 'bounce':
      return profile.redirect.url;
    case 'loopback':
      return profile.redirect.port === 0
        ? `http://127.0.0.1${profile.redirect.path}`
        : `http://127.0.0.1:${profile.redirect.port}${profile.redirect.path}`;
  }
}
