// @ts-check
/**
 * The SDK's one HTTP exchange with the token broker (index.mjs asks; this carries the request).
 */
import http from 'node:http';
import https from 'node:https';

/**
 * The broker is plain http on loopback and every bot asks it often, so token requests use
 * node:http with one shared keep-alive agent: a fetch() costs several times more client CPU per
 * call (docs/benchmarks.md, benchmark 2).
 */
const httpAgent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity });
const httpsAgent = new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity });

/** @type {{ raw: string; url: URL } | undefined} */
let cachedBroker;

/** @param {string} brokerUrl */
export function brokerTarget(brokerUrl) {
  if (cachedBroker?.raw !== brokerUrl) cachedBroker = { raw: brokerUrl, url: new URL(brokerUrl) };
  return cachedBroker;
}

/**
 * One GET to the broker; resolves with the status and the body as text, rejects if there is no
 * complete answer within `timeoutMs` of socket inactivity or the connection fails.
 * @param {{ url: URL }} broker
 * @param {string} path
 * @param {string} authorization
 * @param {number} timeoutMs
 * @param {string} [body] a JSON body: sent as POST
 * @returns {Promise<{ status: number; text: string }>}
 */
export function requestText(broker, path, authorization, timeoutMs, body) {
  const { url } = broker;
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port || (secure ? 443 : 80),
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? { authorization } : { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        agent: secure ? httpsAgent : httpAgent,
      },
      (response) => {
        /** @type {Buffer[]} */
        const chunks = [];
        response.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('The broker closed the connection mid-answer.')));
      },
    );
    // Listening first: a request that fails must reject, never raise an uncaught 'error'.
    request.on('error', reject);
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`No answer within ${timeoutMs} ms.`)));
    request.end(body);
  });
}
