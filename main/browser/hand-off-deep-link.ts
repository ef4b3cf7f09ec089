import type { LinkResult } from '../../app/common/contract.js';
import { readInstanceLock } from './instance-lock.js';

export type HandoffResult = { kind: 'answered'; result: LinkResult } | { kind: 'unavailable'; message: string };

/**
 * Forwards a deep link to the running browser host, as a second app instance would, and waits
 * for what became of it. The link is sent as it came: the running host parses it, once.
 */
export async function handOffDeepLink(dataDir: string, url: string): Promise<HandoffResult> {
  const lock = await readInstanceLock(dataDir);
  if (!lock) return { kind: 'unavailable', message: 'RPA Supervisor is not running. Start it with `npm run start:browser`, then sign in again.' };
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${lock.port}/handoff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rpa-handoff-secret': lock.handoffSecret },
      body: JSON.stringify({ url }),
      // The host answers once the token exchange is over, which has its own 10 s bound.
      signal: AbortSignal.timeout(60_000),
    });
  } catch {
    return { kind: 'unavailable', message: 'RPA Supervisor did not answer. It may have closed; start it again with `npm run start:browser`, then sign in again.' };
  }
  const result = readResult(await response.json().catch(() => undefined));
  if (result) return { kind: 'answered', result };
  return { kind: 'unavailable', message: `RPA Supervisor did not accept the hand-off (HTTP ${response.status}). Start it again with \`npm run start:browser\`, then sign in again.` };
}

function readResult(body: unknown): LinkResult | undefined {
  const result = (body as { result?: unknown } | undefined)?.result as Partial<LinkResult> | undefined;
  if (result?.kind === 'signedIn' && typeof result.profileName === 'string') return result as LinkResult;
  if (result?.kind === 'selfTestPassed') return result as LinkResult;
  if (result?.kind === 'refused' && typeof result.error?.message === 'string' && typeof result.error.code === 'string') return result as LinkResult;
  return undefined;
}

export interface HandOffReport {
  exitCode: 0 | 1 | 3;
  /** One line for stdout (success) or stderr (anything else). */
  line: string;
}

/** What the launcher prints and exits with; the text never contains the link. */
export function handOffReport(outcome: HandoffResult): HandOffReport {
  if (outcome.kind === 'unavailable') return { exitCode: 3, line: outcome.message };
  const { result } = outcome;
  switch (result.kind) {
    case 'signedIn': {
      const who = result.user?.name ?? result.user?.subject;
      // Another person's sign-in proved a company's consent: the one signed in stays, and the company is theirs.
      if (result.userStays === true && result.connectedCompany !== undefined) {
        return { exitCode: 0, line: `Connected company ${result.connectedCompany} for ${who ?? 'the person signed in'}, who stays signed in to ${result.profileName}.` };
      }
      const company = result.company !== undefined ? ` (company ${result.company})` : '';
      return { exitCode: 0, line: who ? `Signed in as ${who} to ${result.profileName}${company}.` : `Signed in to ${result.profileName}${company}.` };
    }
    case 'selfTestPassed':
      return { exitCode: 0, line: 'The link test passed: RPA Supervisor received its app link.' };
    case 'refused':
      return { exitCode: 1, line: `RPA Supervisor refused the link: ${result.error.message} (error code ${result.error.code})` };
  }
}
