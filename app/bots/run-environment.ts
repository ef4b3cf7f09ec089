import { dirname, join } from 'node:path';
import type { TokenBroker } from '../broker/token-broker.js';
import { supervisorError } from '../error-catalogue.js';
import { SupervisorError } from '../errors.js';
import { buildChildEnv, interpolateEnv } from './child-env.js';
import type { Run } from './run-record.js';
import type { RunRedactions } from './run-redactions.js';
import type { SessionAccess, TokenGrant } from './session-access.js';

export type ValueSource = Record<string, string> | (() => Record<string, string>);
/** A folder, or how to find it when it is first needed. */
export type FolderSource = string | (() => string);

export interface RunEnvironmentDeps {
  sessions: SessionAccess;
  broker: Pick<TokenBroker, 'url' | 'registerRun'>;
  redactions: RunRedactions;
  /** The environment bots inherit allow-listed variables from. Default `process.env`. */
  parentEnv?: NodeJS.ProcessEnv | undefined;
  /** Added to every run's environment, e.g. `{ RPA_SANDBOX_API_URL }`. Read at each start. */
  envVars?: ValueSource | undefined;
  /** Values for `${name}` placeholders in manifest env, e.g. `{ 'sandbox.apiBaseUrl': … }`. Read at each start. */
  placeholders?: ValueSource | undefined;
  /** The machine policy's `bots.allowEnvTokenDelivery`; default true. */
  allowEnvTokenDelivery?: boolean | undefined;
  /** The app's playwright-core folder, given to bots as RPA_PLAYWRIGHT_CORE (the SDK's Playwright helper loads it). */
  playwrightCoreDir?: FolderSource | undefined;
}

/**
 * A run's environment: the allow-listed parent variables, the host's and the manifest's own,
 * and the reserved RPA_* variables with a fresh per-run broker secret. The token goes into the
 * environment only for bots that opt in (`tokenDelivery: env`); it is never in argv.
 */
export class RunEnvironment {
  readonly #deps: RunEnvironmentDeps;

  constructor(deps: RunEnvironmentDeps) {
    this.#deps = deps;
  }

  /** Registers the run with the broker; the secret and tokens it hands out become redacted. */
  build(run: Run, grant: Extract<TokenGrant, { ok: true }>): { ok: true; env: Record<string, string> } | { ok: false; error: SupervisorError } {
    const { bot } = run;
    const { sessions, broker, redactions } = this.#deps;
    // RunStartPolicy refuses these first; this keeps a token out of the environment whatever the caller.
    if (bot.tokenDelivery === 'env' && this.#deps.allowEnvTokenDelivery === false) return { ok: false, error: supervisorError('bot_env_token_not_allowed', bot.name) };
    const interpolated = interpolateEnv(bot.env ?? {}, read(this.#deps.placeholders));
    if (!interpolated.ok) return { ok: false, error: supervisorError('bot_env_placeholder_unknown', bot.id, interpolated.placeholder) };
    const secret = broker.registerRun(run.id, bot.profileId, bot.company);
    redactions.addRunSecret(run.id, secret);
    redactions.trackToken(bot.profileId, grant.accessToken);
    let envToken = grant.accessToken;
    if (bot.company !== undefined) {
      const companyGrant = sessions.tokenFor(bot.profileId, 0, bot.company);
      if (companyGrant.ok) {
        redactions.trackToken(bot.profileId, companyGrant.accessToken);
        envToken = companyGrant.accessToken;
      } else if (bot.tokenDelivery === 'env') {
        // Only a token on its way is "start again in a moment"; a refusal says what the company (or HCSS) said.
        const refused = companyGrant.code === 'company_unavailable' && companyGrant.reason !== undefined;
        return { ok: false, error: refused ? new SupervisorError(companyGrant.reason ?? 'company_token_failed', companyGrant.message) : supervisorError('company_token_pending', bot.company) };
      }
    }
    const playwrightCoreDir = typeof this.#deps.playwrightCoreDir === 'function' ? this.#deps.playwrightCoreDir() : this.#deps.playwrightCoreDir;
    const reserved: Record<string, string> = {
      RPA_BROKER_URL: broker.url,
      RPA_RUN_SECRET: secret,
      RPA_RUN_ID: run.id,
      RPA_PROFILE_ID: bot.profileId,
      // undici is unpacked beside playwright-core (electron-builder.yml), for the SDK's proxy support.
      ...(playwrightCoreDir === undefined ? {} : { RPA_PLAYWRIGHT_CORE: playwrightCoreDir, RPA_UNDICI: join(dirname(playwrightCoreDir), 'undici') }),
      // Opt-in only: a token in the environment is readable through /proc by the same user.
      ...(bot.tokenDelivery === 'env' ? { RPA_ACCESS_TOKEN: envToken } : {}),
    };
    const env = buildChildEnv({
      parentEnv: this.#deps.parentEnv ?? process.env,
      envVars: read(this.#deps.envVars),
      manifestEnv: interpolated.env,
      reserved,
    });
    for (const secret of proxySecrets(env)) redactions.addRunSecret(run.id, secret);
    return { ok: true, env };
  }
}

/**
 * A proxy URL's password, which the bot gets with the URL (child-env.ts) and may print with it
 * (a connection error names the proxy; a verbose HTTP client shows its Proxy-Authorization): as
 * written, decoded, and as the Basic credential, so the run's log keeps none of them.
 */
function proxySecrets(env: Record<string, string>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!/^(HTTPS?|ALL)_PROXY$/i.test(name)) continue;
    const url = URL.parse(value.includes('://') ? value : `http://${value}`);
    if (!url || url.password === '') continue;
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text);
      } catch {
        return text;
      }
    };
    const password = decode(url.password);
    secrets.add(url.password).add(password).add(Buffer.from(`${decode(url.username)}:${password}`).toString('base64'));
  }
  return [...secrets];
}

function read(source: ValueSource | undefined): Record<string, string> {
  return typeof source === 'function' ? source() : (source ?? {});
}
