import { useRef } from 'react';
import { copy } from '../copy.js';
import { emptyRunFilter, isFilterActive, runOutcomeFilters, type RunFilter, type RunOutcomeFilter } from '../format/filter-runs.js';
import { isRangeReversed } from '../format/run-date-range.js';
import { FormField } from './form-field.js';
import { useDaysInWords } from './use-days-in-words.js';

export interface RunFiltersProps {
  filter: RunFilter;
  onChange(filter: RunFilter): void;
  /** [id, name] of every bot to offer, sorted by name. */
  bots: readonly (readonly [string, string])[];
}

/** The Run history's filters: bot, outcome, the days the runs started, and free text. */
export function RunFilters({ filter, onChange, bots }: RunFiltersProps) {
  const set = (patch: Partial<RunFilter>) => onChange({ ...filter, ...patch });
  const botRef = useRef<HTMLSelectElement>(null);
  // Clear filters goes with the filters it clears: focus moves to the first filter, not the page's top.
  const clear = () => {
    onChange(emptyRunFilter);
    botRef.current?.focus();
  };
  // Said at the field, not only as "0 runs": the range itself is the mistake to fix.
  const rangeError = isRangeReversed(filter.from, filter.to) ? copy.history.rangeReversed : undefined;
  const days = useDaysInWords(filter.from, filter.to);
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{copy.history.filtersLabel}</legend>
      <FormField label={copy.history.bot}>
        {(control) => (
          <select {...control} ref={botRef} className="input" value={filter.botId} onChange={(event) => set({ botId: event.target.value })} data-testid="history-bot">
            <option value="">{copy.history.allBots}</option>
            {bots.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={copy.history.outcome}>
        {(control) => (
          <select {...control} className="input" value={filter.outcome} onChange={(event) => set({ outcome: event.target.value as RunOutcomeFilter })} data-testid="history-outcome">
            {runOutcomeFilters.map((outcome) => (
              <option key={outcome} value={outcome}>
                {copy.history.outcomes[outcome]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={copy.history.from} error={rangeError} testId="history-from-field">
        {(control) => <input {...control} aria-describedby={days.describedBy(control)} type="date" className="input" value={filter.from} onChange={(event) => set({ from: event.target.value })} data-testid="history-from" />}
      </FormField>
      <FormField label={copy.history.to} testId="history-to-field">
        {(control) => <input {...control} aria-describedby={days.describedBy(control)} type="date" className="input" value={filter.to} onChange={(event) => set({ to: event.target.value })} data-testid="history-to" />}
      </FormField>
      {days.line(copy.history.daysInWords, 'history-days-in-words')}
      <FormField label={copy.history.search} hint={copy.history.searchHint}>
        {(control) => <input {...control} type="search" className="input" value={filter.text} onChange={(event) => set({ text: event.target.value })} data-testid="history-search" />}
      </FormField>
      {isFilterActive(filter) ? (
        <div className="filters__clear">
          <button type="button" className="button" onClick={clear} data-testid="history-clear">
            {copy.history.clearFilters}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
