import { useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorView, QuestionAnswer, QuestionView } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { ErrorMessage } from '../error-message.js';

/** A problem with the answer: beside the box it is about, or (`box` absent) under the answer. */
interface AnswerProblem {
  box?: string;
  error: ErrorView;
}

/**
 * Answers a bot's question: a button per choice, the named fields, or one text box. Text only (S59).
 * A refused answer is said here, at the box it is about, not in the page's alert region far above,
 * and focus stays in that box so the person can put it right at once.
 */
export function QuestionForm({ question }: { question: QuestionView }) {
  const answer = useCommand('answerQuestion', { report: false });
  const [text, setText] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<AnswerProblem | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const baseId = useId();
  const textId = `${baseId}-text`;
  const boxId = (name: string) => `${baseId}-field-${name}`;
  const errorId = `${baseId}-error`;

  const focusBox = (box: string | undefined) => {
    if (box !== undefined) formRef.current?.querySelector<HTMLElement>(`[id="${CSS.escape(box)}"]`)?.focus();
  };
  // The buttons stay focusable while the answer is sent (aria-disabled, not disabled), so focus
  // is not dropped to the page; a second press meanwhile sends nothing.
  const submit = async (given: QuestionAnswer, box?: string) => {
    if (answer.pending) return;
    const result = await answer.attempt({ questionId: question.id, answer: given });
    if (result.ok) return;
    setProblem({ ...(box === undefined ? {} : { box }), error: result.error });
    focusBox(box);
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (answer.pending) return;
    // The core refuses a blank answer too; checking here says so before a round trip.
    const blank = question.fields.length > 0 ? question.fields.find((field) => (fields[field.name] ?? '').trim() === '') : undefined;
    if (blank) return refuse(boxId(blank.name), errorView('answer_invalid', `fill in "${blank.label}"`));
    if (question.fields.length === 0 && text.trim() === '') return refuse(textId, errorView('answer_invalid', 'type an answer'));
    void submit(question.fields.length > 0 ? { fields } : { text }, question.fields.length > 0 ? undefined : textId);
  };
  const refuse = (box: string, error: ErrorView) => {
    setProblem({ box, error });
    focusBox(box);
  };
  const problemAt = (box: string) => (problem?.box === box ? problem.error : undefined);
  const boxProps = (box: string) => {
    const error = problemAt(box);
    return error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
  };
  const fieldProblem = (box: string) => {
    const error = problemAt(box);
    return error ? <ErrorMessage id={errorId} error={error} variant="field" testId={box === textId ? 'answer-text-error' : 'answer-field-error'} /> : null;
  };
  const general = problem && problem.box === undefined ? <ErrorMessage error={problem.error} testId="answer-error" /> : null;

  if (question.choices.length > 0) {
    return (
      <>
        <div className="actions" role="group" aria-label={copy.question.choices} data-testid={`question-choices-${question.id}`}>
          {question.choices.map((choice, index) => (
            <button key={index} type="button" className="button" aria-disabled={answer.pending || undefined} onClick={() => void submit({ choice })} data-testid={`answer-choice-${index}`}>
              {choice}
            </button>
          ))}
        </div>
        {general}
      </>
    );
  }
  return (
    <form className="question-form" onSubmit={send} ref={formRef} noValidate>
      {question.fields.length > 0 ? (
        question.fields.map((field) => (
          <div key={field.name} className="form-field">
            <label htmlFor={boxId(field.name)} className="form-field__label">
              {field.label}
            </label>
            {/* A field asked for on several lines keeps its line breaks; Enter there starts a new line rather than sending half of it. */}
            {field.multiline ? (
              <textarea id={boxId(field.name)} className="input question-form__lines" rows={3} value={fields[field.name] ?? ''} onChange={(event) => setFields({ ...fields, [field.name]: event.target.value })} maxLength={4000} {...boxProps(boxId(field.name))} />
            ) : (
              <input id={boxId(field.name)} className="input" value={fields[field.name] ?? ''} onChange={(event) => setFields({ ...fields, [field.name]: event.target.value })} maxLength={4000} {...boxProps(boxId(field.name))} />
            )}
            {fieldProblem(boxId(field.name))}
          </div>
        ))
      ) : (
        <div className="form-field">
          <label htmlFor={textId} className="form-field__label">
            {copy.question.answerLabel}
          </label>
          <input id={textId} className="input" value={text} onChange={(event) => setText(event.target.value)} maxLength={4000} data-testid="answer-text" {...boxProps(textId)} />
          {fieldProblem(textId)}
        </div>
      )}
      {general}
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={answer.pending || undefined} data-testid="answer-send">
          {copy.question.send}
        </button>
      </div>
    </form>
  );
}
