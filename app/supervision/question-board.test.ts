import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { redactArtifactText } from '../artifacts/redact-artifact-text.js';
import { Redactor } from '../bots/redactor.js';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { QuestionBoard, type QuestionEvent } from './question-board.js';

const context = { runId: 'run-1', botId: 'poster', botName: 'Remittance poster', profileId: 'sandbox', profileName: 'Local sandbox' };
const supervisor = { subject: 'demo-user-0001', name: 'Dr Demo Supervisor' };

function refusal(action: () => unknown): { code: string; message: string } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!isSupervisorError(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

/**
 * An Enter pressed in an empty answer box must not answer the bot: the bot would act on "" as if
 * the supervisor had decided. The question stays open for a real answer.
 */
describe('QuestionBoard: blank answers', () => {
  it('refuses a free-text answer that is empty or only spaces, and keeps the question open', () => {
    const board = new QuestionBoard({ clock: new FakeClock() });
    const { id } = board.ask(context, { question: 'Which batch number?', timeoutMs: 60_000 });
    for (const text of ['', '   ', '\n\t']) {
      expect(refusal(() => board.answer(id, { text }, supervisor))).toEqual({ code: 'answer_invalid', message: 'The answer was not sent: type an answer.' });
    }
    expect(board.get(id)).toBeDefined();
    board.answer(id, { text: ' 42 ' }, supervisor);
    expect(board.get(id)).toBeUndefined();
  });

  it('refuses fields left blank, naming the first blank field', () => {
    const board = new QuestionBoard({ clock: new FakeClock() });
    const { id } = board.ask(context, { question: 'Patient details?', fields: [{ name: 'nhs', label: 'NHS number' }, { name: 'ward' }], timeoutMs: 60_000 });
    expect(refusal(() => board.answer(id, { fields: { nhs: '943 476 5919', ward: ' ' } }, supervisor))?.message).toBe('The answer was not sent: fill in "ward".');
    expect(refusal(() => board.answer(id, { fields: { nhs: '', ward: 'B2' } }, supervisor))?.message).toBe('The answer was not sent: fill in "NHS number".');
    expect(board.get(id)).toBeDefined();
  });
});

/**
 * A question is bot output: it is shown, audited and may be forwarded, so it is redacted as the
 * run's log is, with the real redactors (the known secrets, the profile's patient-data kinds).
 */
describe('QuestionBoard: redaction (S63, S45)', () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  const redactor = new Redactor();
  redactor.add(token);
  const redact = (_profileId: string, text: string) => redactArtifactText(text, redactor, defaultRedactionSettings).text;

  it('shows the question, its choices and field labels without NHS numbers or the token; the bot still gets its own choice', async () => {
    const events: QuestionEvent[] = [];
    const board = new QuestionBoard({ clock: new FakeClock(), redact });
    board.onDidEvent((event) => events.push(event));
    const { id, outcome } = board.ask(context, {
      question: `Post the remittance for NHS number 943 476 5919? (token ${token})`,
      choices: ['Post for 943 476 5919', 'Post for 401 023 2137', 'Skip'],
      timeoutMs: 60_000,
    });
    const view = board.get(id);
    expect(view?.text).toBe('Post the remittance for NHS number [NHS number]? (token [REDACTED])');
    // Made the same by redaction: numbered, so the person knowingly picks one of them.
    expect(view?.choices).toEqual(['Post for [NHS number] (choice 1)', 'Post for [NHS number] (choice 2)', 'Skip']);
    board.answer(id, { choice: 'Post for [NHS number] (choice 2)' }, supervisor);
    expect(await outcome).toMatchObject({ kind: 'answered', answer: { choice: 'Post for 401 023 2137' } });
    expect(events.at(-1)).toMatchObject({ type: 'closed', recorded: { choice: 'Post for [NHS number] (choice 2)' } });
    expect(JSON.stringify(events)).not.toContain('943 476 5919');
  });

  it('gives the bot a typed answer as typed, and records it redacted', async () => {
    const events: QuestionEvent[] = [];
    const board = new QuestionBoard({ clock: new FakeClock(), redact });
    board.onDidEvent((event) => events.push(event));
    const { id, outcome } = board.ask(context, { question: 'Which patient?', fields: [{ name: 'nhs', label: 'NHS number of 943 476 5919’s partner' }], timeoutMs: 60_000 });
    expect(board.get(id)?.fields[0]?.label).toBe('NHS number of [NHS number]’s partner');
    board.answer(id, { fields: { nhs: '401 023 2137' } }, supervisor);
    expect(await outcome).toMatchObject({ answer: { fields: { nhs: '401 023 2137' } } });
    expect(events.at(-1)).toMatchObject({ recorded: { fields: { nhs: '[NHS number]' } } });
  });
});
