/** Part of the contract's views (see views.ts): plain data, no tokens, free of Node, DOM and zod. */
import type { ErrorView, RunView } from './views.js';

/** One field of a bot's question: a labelled text box. */
export interface QuestionFieldView {
  name: string;
  label: string;
  multiline?: boolean;
}

/**
 * A bot's question to its supervisor (docs/bots.md, "Ask the supervisor"). All text is plain
 * text the core has cleaned and bounded (S59); render it as text only.
 */
export interface QuestionView {
  id: string;
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
  /** Fleet mode: the worker the bot runs on. */
  workerName?: string;
  text: string;
  /** Offered answers; the answer is one of them. Empty: see `fields`, or a free-text answer. */
  choices: string[];
  /** Named text boxes to fill in; empty with no choices means one free-text answer. */
  fields: QuestionFieldView[];
  askedAt: number;
  expiresAt: number;
}

/** The supervisor's answer to a question: a choice, the fields, or free text. */
export interface QuestionAnswer {
  choice?: string;
  fields?: Record<string, string>;
  text?: string;
}

/** A run that waits for the supervisor's approval before it may get a token. */
export interface ApprovalView {
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
  /** The scopes of the token the run would get. */
  scopes: string[];
  expectedDurationMs?: number;
  requestedAt: number;
}

/** Whether the human is at the computer, as the host's presence source and attestations say. */
export interface PresenceView {
  status: 'present' | 'absent';
  /** Absent: the screen is locked, nobody has used the computer for a while, or a check went unanswered. */
  absentReason?: 'locked' | 'idle' | 'attestationMissed';
  /** When the status last changed. */
  since: number;
  /** The idle threshold in force, when idle counts (the page paces its activity reports by it). */
  idleAfterMs?: number;
  /** An open "Still supervising?" check, and when it counts as missed. */
  attestation?: { requestedAt: number; deadlineAt: number };
  /** When the next check is due, when checks are on and someone is signed in. */
  nextAttestationAt?: number;
}

interface AttentionBase {
  /** Stable: the same thing needing attention keeps its id across snapshots and restarts. */
  id: string;
  /** When it started needing attention. */
  at: number;
  level: 'info' | 'warning' | 'error';
  /** Seen by someone: it no longer counts in the title, the tray or notifications. */
  acknowledged: boolean;
}

/** One thing that needs a human now (app/attention/attention-board.ts). */
export type AttentionItemView =
  | (AttentionBase & { kind: 'runFailed'; run: RunView })
  | (AttentionBase & { kind: 'runWaiting'; run: RunView })
  /** Fleet mode: runs wait for a pool no approved worker takes (one item per pool). */
  | (AttentionBase & { kind: 'noWorkerForPool'; pool: string; botNames: string[] })
  /** Fleet mode: runs wait for a pool whose approved workers are none of them up (one item per pool and outage). */
  | (AttentionBase & { kind: 'poolWorkersDown'; pool: string; botNames: string[]; workerNames: string[]; lastHeardAt?: number })
  | (AttentionBase & { kind: 'question'; question: QuestionView })
  | (AttentionBase & { kind: 'approval'; approval: ApprovalView })
  | (AttentionBase & { kind: 'sessionExpiring'; profileId: string; profileName: string; expiresAt: number })
  | (AttentionBase & { kind: 'sessionExpired'; profileId: string; profileName: string })
  /** HCSS: a connected company's token was refused or could not be got; the person's sign-in is fine. */
  | (AttentionBase & { kind: 'companyUnavailable'; profileId: string; profileName: string; companyId: string; error: ErrorView })
  | (AttentionBase & { kind: 'attestation'; requestedAt: number; deadlineAt: number });

export type AttentionKind = AttentionItemView['kind'];
