import { useId, useState, type FormEvent } from 'react';
import type { QuestionView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';

/** Answers a bot's question: a button per choice, the named fields, or one text box. Text only (S59). */
export function QuestionForm({ question }: { question: QuestionView }) {
  const answer = useCommand('answerQuestion');
  const [text, setText] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const textId = useId();
  const send = (event: FormEvent) => {
    event.preventDefault();
    void answer.run({ questionId: question.id, answer: question.fields.length > 0 ? { fields } : { text } });
  };
  if (question.choices.length > 0) {
    return (
      <div className="actions" role="group" aria-label={copy.question.choices} data-testid={`question-choices-${question.id}`}>
        {question.choices.map((choice, index) => (
          <button key={index} type="button" className="button" disabled={answer.pending} onClick={() => void answer.run({ questionId: question.id, answer: { choice } })} data-testid={`answer-choice-${index}`}>
            {choice}
          </button>
        ))}
      </div>
    );
  }
  return (
    <form className="question-form" onSubmit={send}>
      {question.fields.length > 0 ? (
        question.fields.map((field) => (
          <label key={field.name} className="form-field">
            <span className="form-field__label">{field.label}</span>
            <input className="input" value={fields[field.name] ?? ''} onChange={(event) => setFields({ ...fields, [field.name]: event.target.value })} maxLength={4000} />
          </label>
        ))
      ) : (
        <div className="form-field">
          <label htmlFor={textId} className="form-field__label">
            {copy.question.answerLabel}
          </label>
          <input id={textId} className="input" value={text} onChange={(event) => setText(event.target.value)} maxLength={4000} data-testid="answer-text" />
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={answer.pending} data-testid="answer-send">
          {copy.question.send}
        </button>
      </div>
    </form>
  );
}
