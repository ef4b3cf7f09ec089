import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/audit-record.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { PresenceMonitor } from './presence-monitor.js';
import { QuestionBoard } from './question-board.js';
import { recordSupervisionActivity } from './record-supervision-activity.js';

function setup() {
  const clock = new FakeClock();
  const presence = new PresenceMonitor({ clock, policy: effectiveSupervision({ idleAfterMs: 0, attestEveryMs: 3_600_000, attestWithinMs: 300_000 }) });
  const questions = new QuestionBoard({ clock });
  const recorded: AuditEvent[] = [];
  const supervision = { presence, questions, approvals: { onDidEvent: () => ({ dispose: () => undefined }) } } as unknown as Parameters<typeof recordSupervisionActivity>[0]['supervision'];
  recordSupervisionActivity({ audit: { record: (event) => void recorded.push(event) }, supervision, supervisorOf: () => ({ subject: 'dr-a', name: 'Dr A' }) });
  return { clock, presence, questions, recorded };
}

describe('recordSupervisionActivity', () => {
  it('a missed "Still supervising?" check cleared by sign-out is not recorded as the supervisor being back', () => {
    const { clock, presence, recorded } = setup();
    presence.setSupervising(true);
    clock.advance(3_600_000 + 300_000 + 20);
    expect(recorded.map((event) => event.type)).toEqual(['attestationRequested', 'supervisorAway']);

    presence.setSupervising(false);
    expect(recorded.map((event) => event.type)).toEqual(['attestationRequested', 'supervisorAway']);
    expect(recorded.map((event) => event.detail).join('\n')).not.toMatch(/back/i);
  });

  it('the supervisor answering the check is recorded as back', () => {
    const { clock, presence, recorded } = setup();
    presence.setSupervising(true);
    clock.advance(3_600_000 + 300_000 + 20);
    presence.attest();
    expect(recorded.map((event) => event.type)).toEqual(['attestationRequested', 'supervisorAway', 'presenceAttested', 'supervisorPresent']);
  });

  it('a question whose bot hung up is recorded as closed unanswered, saying so', () => {
    const { questions, recorded } = setup();
    const hungUp = new AbortController();
    void questions.ask({ runId: 'run-1', botId: 'claims', botName: 'Claims bot', profileId: 'sandbox', profileName: 'Local sandbox' }, { question: 'Post batch 42?', timeoutMs: 60_000 }, hungUp.signal);
    hungUp.abort();
    expect(questions.list()).toEqual([]);
    expect(recorded.map((event) => [event.type, event.detail])).toEqual([
      ['questionAsked', 'Claims bot asked: Post batch 42?'],
      ['questionClosed', "Claims bot's question closed unanswered: the bot stopped waiting for the answer."],
    ]);
  });
});
