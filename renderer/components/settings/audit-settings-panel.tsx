import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AuditStatusView, ErrorView } from '../../../app/common/contract.js';
import { errorView, toErrorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { checkForwardingForm, type ForwardingField } from '../../format/audit-forwarding-form.js';
import { formatPreciseDateTime } from '../../format/format-date-time.js';
import { useSupervisor } from '../../state/supervisor-context.js';
import { useCommand } from '../../state/use-command.js';
import { useFocusFirstInvalid } from '../../state/use-focus-first-invalid.js';
import { CopyButton } from '../copy-button.js';
import { ErrorMessage } from '../error-message.js';
import { FormField } from '../form-field.js';
import { StatusBadge } from '../status-badge.js';

const tones = { off: 'neutral', sending: 'neutral', upToDate: 'success', retrying: 'warning' } as const;
/** The forwarding state changes in the core (a collector going down or coming back) without a command from this page. */
const refreshEveryMs = 3000;

/** The audit trail's checkpoint key (for the auditor to keep) and forwarding to the clinic's syslog collector. */
export function AuditSettingsPanel() {
  const headingId = useId();
  const keyId = useId();
  const { api } = useSupervisor();
  const [status, setStatus] = useState<AuditStatusView | null>(null);
  const [loadError, setLoadError] = useState<ErrorView | null>(null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('6514');
  const [tls, setTls] = useState(true);
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ForwardingField, string>>>({});
  const [saved, setSaved] = useState(false);
  // Switched off on this page: what had not reached the collector is said even if it never took a record.
  const [offHere, setOffHere] = useState(false);
  const save = useCommand('saveAuditForwarding', { report: false });
  const formRef = useRef<HTMLFormElement>(null);
  const [failedAttempts, setFailedAttempts] = useState(0);
  useFocusFirstInvalid(formRef, failedAttempts);
  // Turn off goes once forwarding is off: focus it had moves to Save, not to the top of the page.
  const saveRef = useRef<HTMLButtonElement>(null);
  const [turnedOff, setTurnedOff] = useState(0);
  useEffect(() => {
    if (turnedOff > 0 && (document.activeElement === null || document.activeElement === document.body)) saveRef.current?.focus();
  }, [turnedOff]);

  const load = useCallback(() => {
    api.invoke('auditStatus', {}).then(
      (next) => {
        setStatus(next);
        setLoadError(null);
        const target = next.forwarding.target;
        if (target) {
          setHost(target.host);
          setPort(String(target.port));
          setTls(target.tls);
        }
      },
      (failure: unknown) => setLoadError(toErrorView(failure, 'unexpected')),
    );
  }, [api]);
  useEffect(load, [load]);
  // Only the status is refreshed: the form keeps what the person is typing.
  useEffect(() => {
    const timer = setInterval(() => {
      api.invoke('auditStatus', {}).then(
        (next) => setStatus(next),
        () => undefined,
      );
    }, refreshEveryMs);
    return () => clearInterval(timer);
  }, [api]);

  const managed = status?.forwarding.managed ?? false;

  const submit = async (event: FormEvent, off = false) => {
    event.preventDefault();
    // Save and Turn off stay focusable while a save is on its way (aria-disabled): a press meanwhile sends nothing.
    if (save.pending) return;
    setSaved(false);
    // Turning forwarding off needs no collector, so the fields are not checked for it.
    const check = off ? null : checkForwardingForm({ host, port });
    if (check && !check.ok) {
      setError(null);
      setFieldErrors(check.errors);
      setFailedAttempts((count) => count + 1);
      return;
    }
    setFieldErrors({});
    const result = await save.attempt({ target: check ? { ...check.target, tls } : null });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setStatus(result.value);
      setSaved(true);
      setOffHere(off);
      if (off) setTurnedOff((count) => count + 1);
    }
  };
  const edit = (field: ForwardingField, set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
    setFieldErrors(({ [field]: _fixed, ...others }) => others);
  };

  const forwarding = status?.forwarding;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="audit-settings">
      <h2 id={headingId} className="card__title">
        {copy.auditSettings.heading}
      </h2>
      {loadError ? <ErrorMessage error={loadError} testId="audit-settings-error" /> : null}
      {status ? (
        <>
          <p className="card__hint">{copy.auditSettings.keyIntro}</p>
          <dl className="facts">
            <div className="facts__row">
              <dt>{copy.auditSettings.fingerprint}</dt>
              <dd className="mono" id={keyId} data-testid="audit-fingerprint">
                {status.fingerprint}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{copy.auditSettings.lastCheckpoint}</dt>
              <dd>{status.lastCheckpoint ? copy.auditSettings.checkpointAt(status.lastCheckpoint.seq, formatPreciseDateTime(status.lastCheckpoint.at)) : copy.auditSettings.noCheckpoint}</dd>
            </div>
          </dl>
          <div className="actions">
            <CopyButton text={status.publicKey} label={copy.auditSettings.copyKey} describedBy={keyId} testId="audit-copy-key" />
          </div>
          {status.keyed === 'session' ? <p className="card__hint" data-testid="audit-session-only">{copy.auditSettings.sessionOnly}</p> : null}
          <h3 className="card__title">{copy.auditSettings.forwardingHeading}</h3>
          {/* A labelled fact, not a bordered box: a box around "Off" reads as a control to press. */}
          <dl className="facts">
            <div className="facts__row facts__row--wide" data-testid="audit-forwarding-status" data-state={forwarding?.state}>
              <dt>{copy.auditSettings.status}</dt>
              <dd>
                <StatusBadge tone={tones[forwarding?.state ?? 'off']} live>
                  {copy.auditSettings.states[forwarding?.state ?? 'off']}
                </StatusBadge>
                {forwarding && forwarding.state !== 'off' ? (
                  <p className="card__hint" data-testid="audit-forwarding-progress">
                    {copy.auditSettings.progress(forwarding.confirmedSeq, forwarding.pending)}
                    {forwarding.failingSince === undefined ? '' : ` ${copy.auditSettings.failingSince(formatPreciseDateTime(forwarding.failingSince))}`}
                  </p>
                ) : null}
                {forwarding?.state === 'off' && forwarding.pending > 0 && (forwarding.confirmedSeq > 0 || offHere) ? (
                  <p className="card__hint" data-testid="audit-forwarding-kept">
                    {copy.auditSettings.keptWhileOff(forwarding.pending)}
                  </p>
                ) : null}
              </dd>
            </div>
          </dl>
          {forwarding?.lastError ? (
            <p className="card__hint" data-testid="audit-forwarding-last-error">
              {forwarding.lastError}
            </p>
          ) : null}
          {managed ? <p className="card__hint">{copy.auditSettings.managed}</p> : null}
          <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
            <div role="alert" className="alert-region">
              {Object.keys(fieldErrors).length > 0 ? (
                <div className="banner banner--error" data-testid="audit-forwarding-fields-invalid">
                  <ErrorMessage error={errorView('form_fields_invalid')} variant="inline" />
                </div>
              ) : null}
            </div>
            <FormField label={copy.auditSettings.host} hint={copy.auditSettings.hostHint} error={fieldErrors.host} testId="audit-forwarding-host">
              {(control) => <input {...control} className="input input--wide mono" value={host} disabled={managed} spellCheck={false} onChange={(event) => edit('host', setHost)(event.target.value)} />}
            </FormField>
            <FormField label={copy.auditSettings.port} error={fieldErrors.port} testId="audit-forwarding-port">
              {(control) => <input {...control} className="input input--narrow" inputMode="numeric" value={port} disabled={managed} onChange={(event) => edit('port', setPort)(event.target.value)} />}
            </FormField>
            <div className="checkbox">
              <input id={`${headingId}-tls`} type="checkbox" checked={tls} disabled={managed} onChange={(event) => setTls(event.target.checked)} />
              <label htmlFor={`${headingId}-tls`}>{copy.auditSettings.tls}</label>
            </div>
            {error ? <ErrorMessage error={error} testId="audit-forwarding-error" /> : null}
            <div className="actions">
              <button ref={saveRef} type="submit" className="button button--primary" disabled={managed} aria-disabled={save.pending || undefined} data-testid="audit-forwarding-save">
                {copy.auditSettings.save}
              </button>
              {forwarding?.target && !managed ? (
                <button type="button" className="button" aria-disabled={save.pending || undefined} onClick={(event) => void submit(event, true)} data-testid="audit-forwarding-off">
                  {copy.auditSettings.turnOff}
                </button>
              ) : null}
              <span role="status" className="card__hint">
                {saved ? copy.settings.saved : ''}
              </span>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
