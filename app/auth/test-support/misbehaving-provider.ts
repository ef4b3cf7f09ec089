import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWTPayload } from 'jose';
import { generateSandboxJwks, startSandbox, type RunningSandbox, type SandboxJwks, type SandboxOptions } from '../../sandbox/sandbox-provider.js';
import { trackConnections } from '../../sandbox/track-connections.js';

/** What the provider really answered, for a rule to rewrite. */
export interface UpstreamResponse {
  status: number;
  contentType: string;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: Record<string, unknown> | undefined;
}

export type Rewrite = { status?: number; contentType?: string; headers?: Record<string, string>; body: string } | 'hang' | 'passthrough';

export type Rule = (upstream: UpstreamResponse) => Rewrite | Promise<Rewrite>;

/** A request the app made, exactly as it reached this server. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** The body as sent; for a form post, `form` holds its fields. */
  body: string;
  form: URLSearchParams;
}

export interface MisbehavingProvider {
  /** The real sandbox; its `issuer` is this server's address. */
  sandbox: RunningSandbox;
  issuer: string;
  jwks: SandboxJwks;
  /** Rewrites every answer for `pathname` (e.g. '/token') until `clear()`. */
  rewrite(pathname: string, rule: Rule): void;
  clear(): void;
  /** Requests seen per pathname, to prove e.g. that exactly one token request was made. */
  count(pathname: string): number;
  /** Every request seen for `pathname`, oldest first, e.g. to read what a token request carried (S13). */
  requests(pathname: string): RecordedRequest[];
  /** Re-signs a JWT with the sandbox's own key after changing its header or claims. */
  resign(token: string, change: (header: Record<string, unknown>, claims: JWTPayload) => void): Promise<string>;
  /**
   * The provider rotates its signing key (S54): from now on its key set (`/jwks`) publishes only
   * a new key, and every token it issues (access and ID tokens) is signed with that key.
   */
  rotateSigningKey(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server in front of the real sandbox. The sandbox advertises this server's address
 * as its issuer, so every request the app makes goes through it; by default it forwards
 * verbatim, and a rule can rewrite or withhold one endpoint's answer to play a misbehaving
 * provider (S16–S23). Nothing here mocks fetch: the app talks HTTP to a server that lies.
 */
export async function startMisbehavingProvider(options: Omit<SandboxOptions, 'issuer' | 'jwks'> = {}): Promise<MisbehavingProvider> {
  const server = createServer();
  const connections = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwks = await generateSandboxJwks();
  const sandbox = await startSandbox({ ...options, issuer, jwks });
  const upstream = new URL(sandbox.serverUrl);
  const rules = new Map<string, Rule>();
  const counts = new Map<string, number>();
  const recorded = new Map<string, RecordedRequest[]>();
  const hanging = new Set<ServerResponse>();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = URL.parse(req.url ?? '/', issuer)?.pathname ?? '/';
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    void forward(req, res, pathname).catch(() => res.destroy());
  });

  async function forward(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const body = await readAll(req);
    const text = body.toString('utf8');
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const list = recorded.get(pathname) ?? [];
    recorded.set(pathname, list);
    list.push({ method: req.method ?? 'GET', url: req.url ?? '/', body: text, form: new URLSearchParams(isForm ? text : '') });
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, resolve);
      out.once('error', reject);
      out.end(body);
    });
    const answerBody = await readAll(answer);
    const rule = rules.get(pathname);
    if (!rule) {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(answerBody);
      return;
    }
    const answerText = answerBody.toString('utf8');
    const rewrite = await rule({
      status: answer.statusCode ?? 502,
      contentType: answer.headers['content-type'] ?? '',
      body: answerText,
      json: parseJson(answerText),
    });
    if (rewrite === 'hang') {
      hanging.add(res);
      return;
    }
    if (rewrite === 'passthrough') {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(answerBody);
      return;
    }
    res.writeHead(rewrite.status ?? answer.statusCode ?? 200, {
      'content-type': rewrite.contentType ?? 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...rewrite.headers,
    });
    res.end(rewrite.body);
  }

  const privateJwk = jwks.keys[0];
  if (!privateJwk) throw new Error('The sandbox key set is empty.');
  const key = await importJWK(privateJwk, 'RS256');

  async function rotateSigningKey(): Promise<void> {
    const next = (await generateSandboxJwks()).keys[0];
    if (!next) throw new Error('No key was generated.');
    const nextKey = await importJWK(next, 'RS256');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = next;
    const resignWithNext = (token: string) =>
      new SignJWT({ ...decodeJwt(token) }).setProtectedHeader({ ...decodeProtectedHeader(token), alg: 'RS256', kid: next.kid as string }).sign(nextKey);
    rules.set('/jwks', () => ({ status: 200, body: JSON.stringify({ keys: [publicJwk] }) }));
    rules.set('/token', async (answer): Promise<Rewrite> => {
      const json = answer.json;
      if (!json) return 'passthrough';
      for (const name of ['access_token', 'id_token']) {
        const token = json[name];
        if (typeof token === 'string' && token.split('.').length === 3) json[name] = await resignWithNext(token);
      }
      return { status: answer.status, body: JSON.stringify(json) };
    });
  }

  let closing: Promise<void> | undefined;
  return {
    sandbox,
    rotateSigningKey,
    issuer,
    jwks,
    rewrite: (pathname, rule) => void rules.set(pathname, rule),
    clear: () => rules.clear(),
    count: (pathname) => counts.get(pathname) ?? 0,
    requests: (pathname) => [...(recorded.get(pathname) ?? [])],
    async resign(token, change) {
      const header: Record<string, unknown> = { ...decodeProtectedHeader(token) };
      const claims: JWTPayload = { ...decodeJwt(token) };
      change(header, claims);
      if (header.alg === 'none') {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `${encode(header)}.${encode(claims)}.`;
      }
      return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
    },
    close() {
      closing ??= (async () => {
        for (const res of hanging) res.destroy();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          connections.destroyAll();
        });
        await sandbox.close();
      })();
      return closing;
    },
  };
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
