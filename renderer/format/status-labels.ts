import type { RunStatus, RunView, SessionStatus } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import type { Tone } from './tone.js';

export function sessionStatusLabel(status: SessionStatus): string {
  return copy.sessions.status[status];
}

const sessionTones: Record<SessionStatus, Tone> = {
  signedOut: 'neutral',
  waitingForBrowser: 'info',
  exchanging: 'info',
  active: 'success',
  expiring: 'warning',
  expired: 'danger',
  error: 'danger',
};

export function sessionStatusTone(status: SessionStatus): Tone {
  return sessionTones[status];
}

export function runStatusLabel(status: RunStatus): string {
  return copy.runs.status[status];
}

const runTones: Record<RunStatus, Tone> = {
  queued: 'info',
  starting: 'info',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  timedOut: 'danger',
  halted: 'warning',
  interrupted: 'warning',
  waitingForSignIn: 'warning',
  waitingForSupervisor: 'warning',
  paused: 'neutral',
};

/** A run's label with what halted it, when known ("Halted — signed out"). */
export function runLabel(run: Pick<RunView, 'status' | 'haltedBy'>): string {
  return run.status === 'halted' && run.haltedBy ? copy.runs.haltedBy[run.haltedBy] : runStatusLabel(run.status);
}

export function runStatusTone(status: RunStatus): Tone {
  return runTones[status];
}

/** A session whose token bots can use right now. */
export function isSessionSignedIn(status: SessionStatus): boolean {
  return status === 'active' || status === 'expiring';
}
