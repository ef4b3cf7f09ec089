import type { SandboxProfileOptions } from '../../app/config/profile-registry.js';

export type SandboxVariables = { ok: true; options: SandboxProfileOptions } | { ok: false; message: string };

const wholeNumber = /^\d{1,9}$/;

/**
 * The Local sandbox's settings from the browser host's environment: short-lived tokens
 * (RPA_SANDBOX_TTL_SECONDS), a fixed port (RPA_SANDBOX_PORT), the HCSS partner client
 * (RPA_SANDBOX_PARTNER=1) and opaque access tokens (RPA_SANDBOX_ACCESS_TOKEN_FORMAT=opaque).
 * Unset or empty is the sandbox's default. Anything else that is not one of the values above is
 * refused, naming the variable: a mistyped value would otherwise start a sandbox quietly unlike
 * the one asked for (24-hour tokens where a test of expiry wanted 30 seconds).
 */
export function sandboxVariables(env: NodeJS.ProcessEnv): SandboxVariables {
  const options: SandboxProfileOptions = {};
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const shown = (text: string) => text.slice(0, 40);

  const ttl = set('RPA_SANDBOX_TTL_SECONDS');
  if (ttl !== undefined) {
    const seconds = wholeNumber.test(ttl) ? Number(ttl) : Number.NaN;
    if (!(seconds >= 1 && seconds <= 2_592_000)) return { ok: false, message: `RPA_SANDBOX_TTL_SECONDS must be a whole number of seconds from 1 to 2592000 (30 days), not "${shown(ttl)}". Leave it unset for 24-hour tokens.` };
    options.accessTokenTtlSeconds = seconds;
  }
  const port = set('RPA_SANDBOX_PORT');
  if (port !== undefined) {
    const number = wholeNumber.test(port) ? Number(port) : Number.NaN;
    if (!(number >= 1 && number <= 65_535)) return { ok: false, message: `RPA_SANDBOX_PORT must be a port number from 1 to 65535, not "${shown(port)}". Leave it unset for a free port.` };
    options.port = number;
  }
  const partner = set('RPA_SANDBOX_PARTNER');
  if (partner !== undefined) {
    if (partner !== '1' && partner !== '0') return { ok: false, message: `RPA_SANDBOX_PARTNER must be 1 (add the HCSS partner sandbox) or 0, not "${shown(partner)}".` };
    if (partner === '1') options.partner = true;
  }
  const format = set('RPA_SANDBOX_ACCESS_TOKEN_FORMAT');
  if (format !== undefined) {
    if (format !== 'jwt' && format !== 'opaque') return { ok: false, message: `RPA_SANDBOX_ACCESS_TOKEN_FORMAT must be jwt or opaque, not "${shown(format)}".` };
    if (format === 'opaque') options.accessTokenFormat = 'opaque';
  }
  return { ok: true, options };
}
