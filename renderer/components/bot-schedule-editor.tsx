import { useId, useRef, useState, type FormEvent } from 'react';
import type { BotView, ErrorView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { FormField } from './form-field.js';

/**
 * A bot's schedule, set in RPA Supervisor for its profile: a cron pattern of its own (or the
 * manifest's), on or off, or back to the manifest's. A disclosure under the card's facts, so the
 * card stays short; the next and last firing stay in the facts above it.
 */
export function BotScheduleEditor({ bot }: { bot: BotView }) {
  const formId = useId();
  const checkboxId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [cron, setCron] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [error, setError] = useState<ErrorView | null>(null);
  const save = useCommand('setBotSchedule', { report: false });
  const { schedule } = bot;

  const show = () => {
    setCron(schedule?.cron ?? '');
    setEnabled(schedule?.enabled ?? true);
    setError(null);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const apply = async (value: { cron?: string; enabled: boolean } | null) => {
    // Save and Reset stay focusable while a save is on its way (aria-disabled): a press, or Enter in the field, meanwhile sends nothing.
    if (save.pending) return;
    const result = await save.attempt({ botId: bot.id, schedule: value });
    if (result.ok) close();
    else setError(result.error);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pattern = cron.trim();
    // An empty pattern keeps the manifest's own, switched on or off.
    void apply(pattern === '' ? { enabled } : { cron: pattern, enabled });
  };

  return (
    <div className="schedule-editor">
      <button
        ref={toggleRef}
        type="button"
        className="button button--small button--link"
        aria-expanded={open}
        aria-controls={formId}
        aria-label={copy.schedule.editOf(schedule ? copy.schedule.edit : copy.schedule.add, bot.name)}
        onClick={() => (open ? close() : show())}
        data-testid={`schedule-edit-${bot.id}`}
      >
        {schedule ? copy.schedule.edit : copy.schedule.add}
      </button>
      {open ? (
        <form
          id={formId}
          className="schedule-editor__form"
          aria-label={copy.schedule.formLabel(bot.name)}
          noValidate
          onSubmit={submit}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
          data-testid={`schedule-form-${bot.id}`}
        >
          {/* The form opens on request, so its first field takes focus. */}
          <FormField label={copy.schedule.cron} hint={copy.schedule.cronHint} error={error ?? undefined} testId={`schedule-cron-${bot.id}`}>
            {(control) => (
              <input {...control} autoFocus className="input mono" value={cron} spellCheck={false} autoComplete="off" onChange={(event) => setCron(event.target.value)} />
            )}
          </FormField>
          <div className="checkbox">
            <input id={checkboxId} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} data-testid={`schedule-enabled-${bot.id}`} />
            <label htmlFor={checkboxId}>{copy.schedule.enabled}</label>
          </div>
          <div className="actions">
            <button type="submit" className="button button--small button--primary" aria-disabled={save.pending || undefined} data-testid={`schedule-save-${bot.id}`}>
              {copy.schedule.save}
            </button>
            {schedule?.source === 'settings' ? (
              <button type="button" className="button button--small" aria-disabled={save.pending || undefined} onClick={() => void apply(null)} data-testid={`schedule-reset-${bot.id}`}>
                {copy.schedule.useManifest}
              </button>
            ) : null}
            <button type="button" className="button button--small" onClick={close}>
              {copy.schedule.cancel}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
