// @ts-check
/**
 * The bot's own calls to healthcare APIs go through the clinic's forward proxy when the supervisor
 * passes one on (HTTPS_PROXY, HTTP_PROXY, NO_PROXY; S50). Node's fetch ignores those variables, so
 * the SDK uses undici's EnvHttpProxyAgent when one is set. This computer's loopback addresses never
 * take the proxy, whatever NO_PROXY says. The broker calls (broker-request.mjs) use node:http with
 * their own agent and never see a proxy at all.
 */
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const loopbackNames = ['localhost', '127.0.0.1', '::1', '[::1]'];

/** @param {NodeJS.ProcessEnv} env @param {string} name */
function read(env, name) {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The proxy settings a bot runs with, or undefined when none is set.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ httpsProxy?: string; httpProxy?: string; noProxy: string } | undefined}
 */
export function proxyFromEnvironment(env = process.env) {
  const httpsProxy = withScheme(read(env, 'https_proxy'));
  const httpProxy = withScheme(read(env, 'http_proxy'));
  if (!httpsProxy && !httpProxy) return undefined;
  const entries = (read(env, 'no_proxy') ?? '').split(/[,\s]+/).filter(Boolean);
  // undici honours `*` only as the whole value, which the loopback names below would break.
  if (entries.includes('*')) return undefined;
  const noProxy = [...entries.map(bracketIpv6), ...loopbackNames].join(',');
  return { ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), noProxy };
}

/**
 * `proxy:3128` as curl reads it, `http://proxy:3128`; undici refuses a proxy URL without a scheme.
 * @param {string | undefined} proxy
 */
function withScheme(proxy) {
  return proxy === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/**
 * An IPv6 NO_PROXY entry as undici compares hosts: bracketed and in URL's normal form. A bare
 * address (`fd00::1`, as curl accepts it) has no port; undici would read its last group as one.
 * @param {string} entry
 */
function bracketIpv6(entry) {
  const bare = !entry.startsWith('[') && entry.indexOf(':') !== entry.lastIndexOf(':');
  const match = bare ? undefined : /^\[([^\]]+)\](:\d+)?$/.exec(entry);
  const address = bare ? entry : match?.[1];
  if (address === undefined) return entry;
  try {
    return `${new URL(`http://[${address}]/`).host}${match?.[2] ?? ''}`;
  } catch {
    return entry;
  }
}

/** @type {Promise<typeof fetch> | undefined} */
let chosen;

/**
 * fetch() as the bot's environment asks: through the proxy when one is set, else Node's own.
 * @returns {Promise<typeof fetch>}
 */
export function environmentFetch() {
  chosen ??= choose();
  return chosen;
}

/** @returns {Promise<typeof fetch>} */
async function choose() {
  const proxy = proxyFromEnvironment();
  if (!proxy) return fetch;
  let undici;
  try {
    // An installed app hands bots its own undici (RPA_UNDICI), outside the asar archive.
    const fromApp = process.env.RPA_UNDICI;
    const loaded = fromApp ? await import(pathToFileURL(path.join(fromApp, 'index.js')).href) : await import('undici');
    undici = loaded.EnvHttpProxyAgent ? loaded : loaded.default;
  } catch {
    process.stderr.write('RPA SDK: a proxy is set (HTTPS_PROXY or HTTP_PROXY) but undici is not available to this bot, so its calls go direct.\n');
    return fetch;
  }
  const dispatcher = new undici.EnvHttpProxyAgent(proxy);
  /** @type {typeof fetch} */
  const viaProxy = async (input, init = {}) => {
    if (input instanceof Request) {
      const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.clone().arrayBuffer();
      return /** @type {Promise<Response>} */ (/** @type {unknown} */ (undici.fetch(input.url, { method: input.method, headers: [...input.headers], body, ...(/** @type {object} */ (init)), dispatcher })));
    }
    return /** @type {Promise<Response>} */ (/** @type {unknown} */ (undici.fetch(input, { .../** @type {object} */ (init), dispatcher })));
  };
  return viaProxy;
}
