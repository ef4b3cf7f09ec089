import type { HostView, ProviderPreset, RedirectMode } from '../../app/common/contract.js';
import type { ProfileFormValues } from './profile-form.js';

/** Every preset but the Local sandbox talks to a real provider. */
export function isLiveProvider(preset: ProviderPreset): boolean {
  return preset !== 'sandbox';
}

export function isHealthcode(preset: ProviderPreset): boolean {
  return preset === 'healthcodeProduction' || preset === 'healthcodeUat';
}

/**
 * The redirect modes the wizard offers, best first. A development build answers the development
 * scheme (`uk.co.rpasupervisor.dev://…`), which must never be registered with a live provider,
 * so there a live provider is offered only the bounce page and loopback. Healthcode asks for a
 * full https address with domain and path, so the bounce page comes first for it
 * (docs/providers.md).
 */
export function offeredRedirectModes(preset: ProviderPreset, flavour: HostView['flavour']): RedirectMode[] {
  const appLink: RedirectMode[] = isLiveProvider(preset) && flavour === 'development' ? [] : ['customScheme'];
  if (isHealthcode(preset)) return ['bounce', 'loopback', ...appLink];
  return [...appLink, 'loopback', 'bounce'];
}

/** The mode a new profile starts with: the first one offered. */
export function defaultRedirectMode(preset: ProviderPreset, flavour: HostView['flavour']): RedirectMode {
  return offeredRedirectModes(preset, flavour)[0] ?? 'loopback';
}

/** The Settings editor's fixed order of redirect modes. */
const editorOrder: readonly RedirectMode[] = ['customScheme', 'loopback', 'bounce'];

export interface EditorRedirectChoice {
  /** The modes the editor offers, in its fixed order. */
  modes: RedirectMode[];
  /** The mode the form holds and saves: the current one if offered, else the first offered. */
  value: RedirectMode;
  /** The development scheme is withheld from this provider (the editor says why). */
  devSchemeWithheld: boolean;
  /** The current mode was withheld and replaced by `value` (an older profile, or a preset change). */
  replaced: boolean;
}

/**
 * What the Settings profile editor offers: the same rule as the wizard, so a development build
 * never offers (or silently keeps) the development scheme for a live provider.
 */
export function editorRedirectChoice(preset: ProviderPreset, flavour: HostView['flavour'], current: RedirectMode): EditorRedirectChoice {
  const offered = offeredRedirectModes(preset, flavour);
  const modes = editorOrder.filter((mode) => offered.includes(mode));
  const replaced = !modes.includes(current);
  return { modes, value: replaced ? defaultRedirectMode(preset, flavour) : current, devSchemeWithheld: !modes.includes('customScheme'), replaced };
}

/**
 * The redirect URI the form's choice gives, exactly as the core will compute it once saved
 * (app/config/redirect-uri-for.ts), so the admin can register it before there is a client id.
 * Undefined while the choice is incomplete (no bounce address yet, or a port that is not a number).
 */
export function redirectUriPreview(values: Pick<ProfileFormValues, 'redirectMode' | 'loopbackPort' | 'loopbackPath' | 'bounceUrl'>, host: Pick<HostView, 'appLinkRedirectUri'>): string | undefined {
  switch (values.redirectMode) {
    case 'customScheme':
      return host.appLinkRedirectUri;
    case 'bounce': {
      const url = values.bounceUrl.trim();
      return URL.parse(url)?.protocol === 'https:' ? url : undefined;
    }
    case 'loopback': {
      const port = values.loopbackPort.trim() === '' ? 0 : Number(values.loopbackPort.trim());
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return undefined;
      const path = values.loopbackPath.trim() === '' ? '/callback' : values.loopbackPath.trim();
      if (!path.startsWith('/')) return undefined;
      return port === 0 ? `http://127.0.0.1${path}` : `http://127.0.0.1:${port}${path}`;
    }
  }
}

/**
 * The registration request for the provider, ready to paste into an email: what the Healthcode
 * seed asks for (the app's name, a brief description and the full post-authentication URL), plus
 * the client type, so nothing has to be looked up.
 */
export function registrationRequest(input: { providerName: string; description: string; redirectUri: string }): string {
  return [
    'Hello,',
    '',
    `Please register our bot supervision app as a client of ${input.providerName}.`,
    '',
    'Name of the client app: RPA Supervisor',
    `Brief description: ${input.description.trim()}`,
    `Post-authentication endpoint URL (redirect URI), exactly: ${input.redirectUri}`,
    'Client type: a native (public) app using the Authorization Code flow with PKCE (S256).',
    '',
    'Please send us the client id (and a client secret, if you issue one).',
    '',
    'Thank you.',
  ].join('\n');
}

export const defaultAppDescription =
  'Supervises our clinic’s automation bots: a named, signed-in member of staff supervises every bot run.';
