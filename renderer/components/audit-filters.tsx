import { useId, useRef } from 'react';
import type { AuditFacetsView, AuditRecordView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { auditDateRangeReversed, auditFilterChoices, noAuditFilter, type AuditFilter } from '../format/audit-filter.js';
import { FormField } from './form-field.js';
import { useDaysInWords } from './use-days-in-words.js';

export interface AuditFiltersProps {
  records: readonly AuditRecordView[];
  /** Every person, bot and company the whole trail names, as the core answers with each page. */
  facets?: AuditFacetsView | null;
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
  /** The bot's configured name, so the Bot filter lists names (ids stay the option values). */
  botName?(id: string): string;
  /** The configured bots, offered even before a record of theirs is loaded. */
  botIds?: readonly string[];
  /** The HCSS companies connected now, offered even before a record of theirs is loaded. */
  companyIds?: readonly string[];
  /** Offer the Company filter even with no company to choose yet (an HCSS partner profile is set up). */
  offerCompany?: boolean;
}

/**
 * Date range, event type, person, bot and HCSS company, plus free text; people, bots and companies
 * come from the whole trail, not only the records loaded. Company shows only where there is one: a
 * clinic without HCSS never sees it.
 */
export function AuditFilters({ records, facets, filter, onChange, botName, botIds, companyIds, offerCompany = false }: AuditFiltersProps) {
  const headingId = useId();
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const choices = auditFilterChoices(records, botName, { facets, ...(botIds ? { botIds } : {}), ...(companyIds ? { companyIds } : {}), filter });
  // Said at the field, not only as "0 of n shown": the range itself is the mistake to fix.
  const rangeError = auditDateRangeReversed(filter) ? copy.audit.filters.rangeReversed : undefined;
  const set = (key: keyof AuditFilter) => (value: string) => onChange({ ...filter, [key]: value });
  const active = JSON.stringify(filter) !== JSON.stringify(noAuditFilter);
  const days = useDaysInWords(filter.from, filter.to);
  // Clear filters goes once nothing is filtered: focus moves to the first filter, not to the page.
  const clear = () => {
    onChange(noAuditFilter);
    fieldsetRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  };
  return (
    <fieldset ref={fieldsetRef} className="audit-filters" aria-labelledby={headingId} data-testid="audit-filters">
      <legend id={headingId} className="field__label">
        {copy.audit.filters.heading}
      </legend>
      <div className="audit-filters__row">
        <FormField label={copy.audit.filters.from} error={rangeError} testId="audit-filter-from">
          {(control) => <input {...control} aria-describedby={days.describedBy(control)} type="date" className="input" value={filter.from} onChange={(event) => set('from')(event.target.value)} />}
        </FormField>
        <FormField label={copy.audit.filters.to} testId="audit-filter-to">
          {(control) => <input {...control} aria-describedby={days.describedBy(control)} type="date" className="input" value={filter.to} onChange={(event) => set('to')(event.target.value)} />}
        </FormField>
        <Choice label={copy.audit.filters.type} value={filter.type} options={choices.types} onChange={set('type')} testId="audit-filter-type" />
        <Choice label={copy.audit.filters.person} value={filter.person} options={choices.people} onChange={set('person')} testId="audit-filter-person" />
        <Choice label={copy.audit.filters.bot} value={filter.bot} options={choices.bots} onChange={set('bot')} testId="audit-filter-bot" />
        {offerCompany || choices.companies.length > 0 ? <Choice label={copy.audit.filters.company} value={filter.company} options={choices.companies} onChange={set('company')} testId="audit-filter-company" /> : null}
      </div>
      {days.line(copy.audit.filters.daysInWords, 'audit-days-in-words')}
      <FormField label={copy.audit.filter}>
        {(control) => <input {...control} type="search" className="input input--wide" value={filter.text} onChange={(event) => set('text')(event.target.value)} data-testid="audit-filter" />}
      </FormField>
      {active ? (
        <div className="actions">
          <button type="button" className="button" onClick={clear} data-testid="audit-filter-clear">
            {copy.audit.filters.clear}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

function Choice({ label, value, options, onChange, testId }: { label: string; value: string; options: [string, string][]; onChange(value: string): void; testId: string }) {
  return (
    <FormField label={label} testId={testId}>
      {(control) => (
        <select {...control} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{copy.audit.filters.any}</option>
          {options.map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
