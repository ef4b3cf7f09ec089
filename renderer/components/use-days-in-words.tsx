import { useId, type ReactNode } from 'react';
import { formatCalendarDay } from '../format/format-calendar-day.js';
import type { FieldControlProps } from './form-field.js';

export interface DaysInWords {
  /** The date fields' `aria-describedby`: their own description plus the line in words, when shown. */
  describedBy(control: FieldControlProps): string | undefined;
  /** The line under the fields, or null when no day is chosen. */
  line(say: (from: string | undefined, to: string | undefined) => string, testId: string): ReactNode;
}

/**
 * A date field shows its value in the browser's own format (mm/dd/yyyy in a US-English one),
 * which a UK reader takes for the wrong day: the chosen days are also said in words, under the
 * fields and to a screen reader with each field.
 */
export function useDaysInWords(from: string, to: string): DaysInWords {
  const id = `${useId()}-days`;
  const fromWords = formatCalendarDay(from);
  const toWords = formatCalendarDay(to);
  const shown = fromWords !== undefined || toWords !== undefined;
  return {
    describedBy: (control) => [control['aria-describedby'], shown ? id : undefined].filter(Boolean).join(' ') || undefined,
    line: (say, testId) =>
      shown ? (
        <p id={id} className="card__hint filters__days" data-testid={testId}>
          {say(fromWords, toWords)}
        </p>
      ) : null,
  };
}
