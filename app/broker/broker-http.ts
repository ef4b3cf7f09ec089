import type { ServerResponse } from 'node:http';
import type { TokenGrant } from '../bots/session-access.js';

export function parseRunSecret(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^RunSecret +(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function parseMs(value: string | null, max: number): number | undefined {
  if (value === null || value === '') return 0;
  if (!/^\d{1,15}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed <= max ? parsed : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  writeJsonHead(res, status, payload);
  // For HEAD, Node sends the headers only.
  res.end(payload);
}

/** The headers of a JSON answer; its declared length lets a client read it whole before the connection ends. */
export function writeJsonHead(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** The token answer (docs/bots.md, "Responses"). */
export function sendGrant(res: ServerResponse, grant: Extract<TokenGrant, { ok: true }>, now: number): void {
  sendJson(res, 200, {
    access_token: grant.accessToken,
    token_type: 'Bearer',
    expiresAt: grant.expiresAt,
    expires_in: Math.max(0, Math.floor((grant.expiresAt - now) / 1000)),
    profile: grant.profileId,
    ...(grant.company === undefined ? {} : { company: grant.company }),
    supervisor: grant.supervisor,
  });
}
