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

/**
 * A bot may name its fields by patient (one box per NHS number). The name is the answer's key,
 * the page's control id and part of the audit record, so it is redacted like a label; names made
 * the same by redaction are told apart, and the bot gets the answer under its own names.
 */
describe('QuestionBoard: field names (S63)', () => {
  const redact = (_profileId: string, text: string) => redactArtifactText(text, new Redactor(), defaultRedactionSettings).text;

  it('S63 fields a bot names by NHS number show and are audited redacted, stay distinct, and come back under the bot\'s own names', async () => {
    const events: QuestionEvent[] = [];
    const board = new QuestionBoard({ clock: new FakeClock(), redact });
    board.onDidEvent((event) => events.push(event));
    const { id, outcome } = board.ask(context, { question: 'Outcome per patient?', fields: [{ name: '9434765919', label: 'Outcome' }, { name: '4010232137', label: 'Outcome' }, { name: 'comment' }], timeoutMs: 60_000 });
    const names = board.get(id)?.fields.map((field) => field.name) ?? [];
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(JSON.stringify(board.get(id))).not.toMatch(/9434765919|4010232137/);
    const [first = '', second = '', comment = ''] = names;
    board.answer(id, { fields: { [first]: 'seen', [second]: 'not seen', [comment]: 'ok' } }, supervisor);
    expect(await outcome).toMatchObject({ kind: 'answered', answer: { fields: { '9434765919': 'seen', '4010232137': 'not seen', comment: 'ok' } } });
    // What the page and the audit trail keep: the question as shown, the answer as recorded.
    const kept = events.map((event) => (event.type === 'closed' ? { question: event.question, recorded: event.recorded } : event));
    expect(events.at(-1)).toMatchObject({ recorded: { fields: { [first]: 'seen', [second]: 'not seen', comment: 'ok' } } });
    expect(JSON.stringify(kept)).not.toMatch(/9434765919|4010232137/);
  });
});

/**
 * Control characters become spaces when a question is cleaned; redaction must see the text as it
 * will be shown, or a number written with them between its digit groups shows in clear.
 */
describe('QuestionBoard: redaction after cleaning (S63)', () => {
  const redact = (_profileId: string, text: string) => redactArtifactText(text, new Redactor(), defaultRedactionSettings).text;

  it.each(['\u0000', '\u000b', '\r', '\u202a', '\u2028', '\u0085'])('S63 an NHS number split by %j is redacted in the question, its choices, field names and labels', (separator) => {
    const board = new QuestionBoard({ clock: new FakeClock(), redact });
    const nhs = ['943', '476', '5919'].join(separator);
    const { id } = board.ask(context, { question: `Post for ${nhs}?`, choices: [`For ${nhs}`, 'Skip'], fields: [{ name: `n${nhs}`, label: `Outcome for ${nhs}` }], timeoutMs: 60_000 });
    const view = board.get(id);
    expect(view?.text).toBe('Post for [NHS number]?');
    expect(view?.choices[0]).toBe('For [NHS number]');
    expect(view?.fields[0]?.label).toBe('Outcome for [NHS number]');
    expect(JSON.stringify(view)).not.toMatch(/943\D{0,3}476\D{0,3}5919/);
  });
});
