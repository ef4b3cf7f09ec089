import { describe, expect, it } from 'vitest';
import { isSupervisorError } from '../errors.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { QuestionBoard } from './question-board.js';

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
