import { listInWords } from './list-in-words.js';
import type { AttentionItemView } from './views.js';

/** The one line a person reads first for an attention item: strip, notification, tray. */
export function attentionTitle(item: AttentionItemView): string {
  switch (item.kind) {
    case 'runFailed':
      return item.run.status === 'timedOut' ? `${item.run.botName} ran out of time` : item.run.status === 'halted' ? `${item.run.botName} was halted` : item.run.status === 'interrupted' ? `${item.run.botName} was interrupted` : `${item.run.botName} failed`;
    case 'runWaiting':
      return item.run.status === 'waitingForSignIn' ? `${item.run.botName} is waiting for sign-in` : `${item.run.botName} is waiting for supervisor`;
    case 'noWorkerForPool':
      return `No approved worker takes pool ${item.pool}`;
    case 'poolWorkersDown':
      return `No worker of pool ${item.pool} is up`;
    case 'question':
      return `${item.question.botName} asks a question`;
    case 'approval':
      return `${item.approval.botName} waits for your approval`;
    case 'sessionExpiring':
      return `${item.profileName} sign-in expires soon`;
    case 'sessionExpired':
      return `${item.profileName} sign-in has expired`;
    case 'companyUnavailable':
      return item.error.code === 'company_consent_withdrawn' ? `Company ${item.companyId} no longer allows access` : `No token for company ${item.companyId}`;
    case 'attestation':
      return 'Still supervising?';
  }
}

/** A second line with the detail, plain text. */
export function attentionBody(item: AttentionItemView): string {
  switch (item.kind) {
    case 'runFailed':
      return item.run.reason ?? 'Open the run to see its log.';
    case 'runWaiting':
      return item.run.status === 'waitingForSignIn' ? 'Sign in again to let it continue.' : 'Bots wait while you are away. Use the computer, or confirm you are supervising.';
    case 'noWorkerForPool':
      return `${listInWords(item.botNames)} ${item.botNames.length === 1 ? 'waits' : 'wait'} for one. Approve a worker with pool ${item.pool} in Settings → Workers, or set the bot to run on this computer there.`;
    case 'poolWorkersDown':
      return `${listInWords(item.botNames)} ${item.botNames.length === 1 ? 'waits' : 'wait'} for one. Start the worker program on ${listInWords(item.workerNames, 'or')}, or check that it reaches the fleet's server.`;
    case 'question':
      return item.question.text.length > 200 ? `${item.question.text.slice(0, 199)}…` : item.question.text;
    case 'approval':
      return `It will act on ${item.approval.profileName}${item.approval.company ? ` for ${item.approval.company}` : ''}. Approve or refuse it.`;
    case 'sessionExpiring':
      return 'Re-authenticate so bots can continue.';
    case 'sessionExpired':
      return 'Bots cannot get a token until someone signs in again.';
    case 'companyUnavailable':
      return item.error.message;
    case 'attestation':
      return 'Confirm you are still supervising, or bots will wait.';
  }
}
