import { readInstanceLock } from './instance-lock.js';

export type HandoffResult = { ok: true } | { ok: false; message: string };

/**
 * Forwards a deep link to the running browser host, as a second app instance would. The link is
 * sent as it came: the running host parses it, once.
 */
export async function handOffDeepLink(dataDir: string, url: string): Promise<HandoffResult> {
  const lock = await readInstanceLock(dataDir);
  if (!lock) return { ok: false, message: 'RPA Supervisor is not running. Start it with `npm run start:browser`, then sign in again.' };
  try {
    const response = await fetch(`http://127.0.0.1:${lock.port}/handoff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rpa-handoff-secret': lock.handoffSecret },
      body: JSON.stringify({ url }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status === 202) return { ok: true };
    // The reason is one of the parser's fixed sentences; it never quotes the link.
    const reason = ((await response.json().catch(() => undefined)) as { reason?: unknown } | undefined)?.reason;
    return { ok: false, message: typeof reason === 'string' ? `RPA Supervisor refused the link: ${reason}.` : `RPA Supervisor refused the link (HTTP ${response.status}).` };
  } catch {
    return { ok: false, message: 'RPA Supervisor did not answer. It may have closed; start it again and sign in again.' };
  }
}
