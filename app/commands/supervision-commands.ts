import type { AttentionAcknowledgements } from '../attention/attention-acknowledgements.js';
import type { AuditEvent } from '../audit/audit-record.js';
import { personName } from '../audit/current-person.js';
import type { RunManager } from '../bots/run-manager.js';
import type { UserView } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { SessionManager } from '../session/session-manager.js';
import { signedInUser } from '../session/signed-in-user.js';
import { listInWords } from '../common/list-in-words.js';
import type { Supervision } from '../supervision/supervision.js';
import type { SomeHandlers } from './command-handlers.js';

export interface SupervisionCommandDeps {
  runs: Pick<RunManager, 'supervisor' | 'stop' | 'getRun'>;
  sessions: Pick<SessionManager, 'summary' | 'status'>;
  supervision: Supervision;
  acknowledgements: AttentionAcknowledgements;
  profileName: (profileId: string) => string;
  /** Every profile: attesting needs somebody signed in to one of them. */
  profileIds: () => readonly string[];
  /** The browser host's page reports presence; the Electron shell reads the OS and ignores it. */
  pageReportsPresence: boolean;
  /** Pause, resume and safe stop are recorded, naming who is at the app. */
  audit: { record(event: AuditEvent): void };
  /** Who acted on a run: the human signed in to its profile first (app/audit/current-person.ts), as a Stop names them. */
  person: (profileId?: string) => UserView;
}

const controlWords = {
  runPaused: (bot: string) => `Paused ${bot}.`,
  runResumed: (bot: string) => `Resumed ${bot}.`,
  runSafeStopRequested: (bot: string) => `Asked ${bot} to stop at its next safe point.`,
} as const;

type Names = 'pauseRun' | 'resumeRun' | 'stopRunAtSafePoint' | 'answerQuestion' | 'approveRun' | 'refuseRun' | 'attestPresence' | 'reportPresence' | 'acknowledgeAttention';

/**
 * The supervisor's own actions. They exist only as contract commands, which arrive over the
 * page's authenticated transport (IPC from our window, or the browser host's WebSocket with the
 * page secret, S58); the broker has no way to reach them (S57). Answers and decisions are
 * recorded with the human signed in to the run's profile.
 */
export function supervisionCommands(deps: SupervisionCommandDeps): SomeHandlers<Names> {
  const { runs, supervision } = deps;
  const signedInHuman = (profileId: string): UserView => {
    const status = deps.sessions.status(profileId).status;
    const summary = deps.sessions.summary(profileId);
    if (!summary || (status !== 'active' && status !== 'expiring')) throw supervisorError('supervisor_action_needs_sign_in', deps.profileName(profileId));
    return { subject: summary.subject, ...(summary.name ? { name: summary.name } : {}) };
  };
  const decide = async (runId: string, decision: 'approved' | 'refused') => {
    const approval = supervision.approvals.get(runId);
    if (!approval) throw supervisorError('approval_not_pending');
    const by = signedInHuman(approval.profileId);
    supervision.approvals.decide(runId, decision, by);
    if (decision === 'refused') await runs.stop(runId, `Refused by ${by.name ?? by.subject}.`);
  };
  // The run's own lines name the person (acted-by-words.ts), and the audit record names the same one.
  const control = async (type: keyof typeof controlWords, runId: string, act: (by: string) => Promise<void> | void) => {
    const run = runs.getRun(runId);
    const actor = deps.person(run?.profileId);
    await act(personName(actor));
    const about = run ? { profileId: run.profileId, botId: run.botId } : {};
    deps.audit.record({ type, actor, ...about, runId, detail: controlWords[type](run?.botName ?? 'the run') });
  };
  return {
    pauseRun: async ({ runId }) => control('runPaused', runId, (by) => runs.supervisor.pause(runId, by)),
    resumeRun: async ({ runId }) => control('runResumed', runId, (by) => runs.supervisor.resume(runId, by)),
    stopRunAtSafePoint: async ({ runId }) => control('runSafeStopRequested', runId, (by) => runs.supervisor.stopAtSafePoint(runId, by)),
    answerQuestion: async ({ questionId, answer }) => {
      const question = supervision.questions.get(questionId);
      if (!question) throw supervisorError('unknown_question');
      supervision.questions.answer(questionId, answer, signedInHuman(question.profileId));
    },
    approveRun: async ({ runId }) => decide(runId, 'approved'),
    refuseRun: async ({ runId }) => decide(runId, 'refused'),
    // "I'm here" is a named person's statement (audited as theirs); with nobody signed in it is nobody's.
    attestPresence: async () => {
      const profileIds = deps.profileIds();
      if (!signedInUser(deps.sessions, profileIds)) throw supervisorError('supervisor_action_needs_sign_in', listInWords(profileIds.map(deps.profileName), 'or') || 'a provider profile');
      supervision.presence.attest();
    },
    reportPresence: async ({ activity, visible }) => {
      if (!deps.pageReportsPresence) return;
      if (activity || visible === true) supervision.presence.signal({ kind: 'active' });
    },
    acknowledgeAttention: async ({ itemIds }) => {
      deps.acknowledgements.acknowledge(itemIds);
    },
  };
}
