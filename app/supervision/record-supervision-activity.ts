import type { AuditEvent } from '../audit/audit-record.js';
import type { Disposable, UserView } from '../common/contract.js';
import type { Supervision } from './supervision.js';
import { questionExcerpt } from './question-text.js';

const presenceWords = { locked: 'the screen was locked', idle: 'nobody used the computer for a while', attestationMissed: 'a "Still supervising?" check went unanswered' } as const;

/**
 * The audit side of supervision: every presence change and attestation, every question and how it
 * closed (an answer names the human who gave it), every approval and refusal with who decided.
 * `supervisorOf` names the human signed in to a profile, for records the page did not cause.
 */
export function recordSupervisionActivity(sources: {
  audit: { record(event: AuditEvent): void };
  supervision: Pick<Supervision, 'presence' | 'questions' | 'approvals'>;
  supervisorOf: (profileId?: string) => UserView | undefined;
}): Disposable {
  const { audit, supervision, supervisorOf } = sources;
  const subscriptions = [
    supervision.presence.onDidChange((event) => {
      const actor = supervisorOf();
      const withActor = actor ? { actor } : {};
      switch (event.type) {
        case 'absent':
          return audit.record({ type: 'supervisorAway', ...withActor, detail: `The supervisor counts as away: ${presenceWords[event.reason]}. Bots follow the absence policy.` });
        case 'present':
          // A check withdrawn at sign-out: nobody came back, and the sign-out is recorded on its own.
          if (event.because === 'nobodySignedIn') return;
          return audit.record({ type: 'supervisorPresent', ...withActor, detail: 'The supervisor is back: bots are served again.' });
        case 'attestationRequested':
          return audit.record({ type: 'attestationRequested', ...withActor, detail: `"Still supervising?" asked; it must be answered by ${new Date(event.deadlineAt).toISOString()}.` });
        case 'attested':
          return audit.record({ type: 'presenceAttested', ...withActor, detail: 'The supervisor confirmed they are supervising.' });
      }
    }),
    supervision.questions.onDidEvent((event) => {
      const { question } = event;
      const about = { profileId: question.profileId, botId: question.botId, runId: question.runId, ...(question.company ? { company: question.company } : {}) };
      if (event.type === 'asked') {
        const actor = supervisorOf(question.profileId);
        return audit.record({ type: 'questionAsked', ...(actor ? { actor } : {}), ...about, detail: `${question.botName} asked: ${question.text}` });
      }
      const { outcome } = event;
      if (outcome.kind === 'answered') {
        // As shown and redacted, never what the bot got: a typed NHS number stays out of the trail.
        const answer = event.recorded ?? outcome.answer;
        const given = answer.choice ?? answer.text ?? Object.entries(answer.fields ?? {}).map(([name, value]) => `${name}=${value}`).join(', ');
        return audit.record({ type: 'questionAnswered', actor: outcome.answeredBy, ...about, detail: `Answered ${question.botName}'s question "${questionExcerpt(question.text, 200)}": ${given}` });
      }
      const why = { timedOut: 'nobody answered in time', runFinished: 'the run ended', signedOut: 'the supervisor signed out', botLeft: 'the bot stopped waiting for the answer', tooMany: 'the run has too many questions open' }[outcome.kind];
      return audit.record({ type: 'questionClosed', ...about, detail: `${question.botName}'s question closed unanswered: ${why}.` });
    }),
    supervision.approvals.onDidEvent((event) => {
      const { approval } = event;
      const about = { profileId: approval.profileId, botId: approval.botId, runId: approval.runId, ...(approval.company ? { company: approval.company } : {}) };
      if (event.type === 'requested') return audit.record({ type: 'approvalRequested', ...about, detail: `${approval.botName} waits for approval (scopes: ${approval.scopes.join(' ') || 'none'}).` });
      return audit.record({
        type: event.type === 'approved' ? 'runApproved' : 'runRefused',
        actor: event.by,
        ...about,
        detail: `${event.type === 'approved' ? 'Approved' : 'Refused'} ${approval.botName} on ${approval.profileName}.`,
      });
    }),
  ];
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
}
