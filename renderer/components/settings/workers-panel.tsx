import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BotView, ErrorView, RunView, WorkerEnrolmentView, WorkersView } from '../../../app/common/contract.js';
import { clockOffsetInWords } from '../../../app/common/clock-offset-in-words.js';
import { isLiveRunStatus } from '../../../app/common/run-status.js';
import { toErrorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { checkApproveWorkerForm, type ApproveWorkerField } from '../../format/approve-worker-form.js';
import { formatRecentMoment } from '../../format/format-date-time.js';
import { useSupervisor } from '../../state/supervisor-context.js';
import { useCommand } from '../../state/use-command.js';
import { useKeepFocusInList } from '../../state/use-keep-focus-in-list.js';
import { ErrorMessage } from '../error-message.js';
import { FormField } from '../form-field.js';
import { BotPlacement } from './bot-placement.js';
import { RemoveWorkerButton } from './remove-worker-button.js';
import { workersRefreshEveryMs } from './workers-refresh-every-ms.js';

/**
 * Settings → Workers (fleet mode, docs/fleet.md): workers asking to be approved, with the
 * fingerprint to compare with the one the worker printed, and the approved workers with when
 * they were last heard from. Approve and Remove are audited by the core; the machine policy may
 * keep both to the administrator. Shown only when the policy enables fleet mode.
 */
export function WorkersPanel({ bots, runs = [], fleetEnabled = false }: { bots: BotView[]; runs?: readonly RunView[]; fleetEnabled?: boolean }) {
  const headingId = useId();
  const { api } = useSupervisor();
  const [view, setView] = useState<WorkersView | null>(null);
  const [loadError, setLoadError] = useState<ErrorView | null>(null);
  const [done, setDone] = useState('');
  // After Approve or Remove, focus goes to the next worker's first control, or to the list of approved workers.
  const pendingRef = useRef<HTMLUListElement>(null);
  const approvedRef = useRef<HTMLUListElement>(null);
  const approvedHeadingRef = useRef<HTMLHeadingElement>(null);
  const toApprovedHeading = () => approvedHeadingRef.current;
  useKeepFocusInList({ container: pendingRef, keys: view?.pending.map((enrolment) => enrolment.workerId) ?? [], fallback: toApprovedHeading });
  useKeepFocusInList({ container: approvedRef, keys: view?.approved.map((worker) => worker.workerId) ?? [], fallback: toApprovedHeading });

  const load = useCallback(() => {
    api.invoke('listWorkers', {}).then(
      (next) => {
        setView(next);
        setLoadError(null);
      },
      (failure: unknown) => setLoadError(toErrorView(failure, 'unexpected')),
    );
  }, [api]);
  useEffect(() => {
    load();
    const timer = setInterval(load, workersRefreshEveryMs);
    return () => clearInterval(timer);
  }, [load]);

  // Shown at once when the policy turns fleet mode on (the list may take seconds, or fail, while
  // its server is away); otherwise only once the core says it is on, so single-machine
  // installations never see it.
  if (view === null ? loadError === null && !fleetEnabled : !view.enabled) return null;
  const t = copy.workers;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="workers-panel">
      <h2 id={headingId} className="card__title">
        {t.heading}
      </h2>
      <p className="card__hint">{t.intro}</p>
      {view?.desktopFingerprint ? <p className="card__hint" data-testid="desktop-fingerprint">{t.desktopFingerprint} <span className="mono nowrap">{view.desktopFingerprint}</span>. {t.desktopFingerprintHint}</p> : null}
      {view === null && loadError === null ? (
        <p role="status" className="card__hint" data-testid="workers-loading">
          {t.loading}
        </p>
      ) : null}
      {loadError ? <ErrorMessage error={loadError} testId="workers-error" /> : null}
      {view && !view.canApprove ? <p className="card__hint" data-testid="workers-managed">{t.managed}</p> : null}
      <p role="status" className="card__hint" data-testid="workers-done">
        {done}
      </p>
      {view ? (
        <>
          <h3 className="card__title">{t.pendingHeading}</h3>
          {view.pending.length === 0 ? <p className="card__hint">{t.nonePending}</p> : null}
          <ul className="profile-list" ref={pendingRef}>
            {view.pending.map((enrolment) => (
              <PendingWorker key={enrolment.workerId} enrolment={enrolment} canApprove={view.canApprove} onApproved={(next, name) => {
                  setView(next);
                  setDone(t.approved(name));
                }} />
            ))}
          </ul>
          <h3 className="card__title workers__heading" tabIndex={-1} ref={approvedHeadingRef} data-testid="approved-workers-heading">
            {t.approvedHeading}
          </h3>
          {view.approved.length === 0 ? <p className="card__hint">{t.noneApproved}</p> : null}
          <ul className="profile-list" ref={approvedRef}>
            {view.approved.map((worker) => {
              const liveRuns = runs.filter((run) => run.worker?.id === worker.workerId && isLiveRunStatus(run.status)).length;
              return (
                <li key={worker.workerId} className="card" data-testid={`approved-worker-${worker.workerId}`} data-focus-key={worker.workerId}>
                  <dl className="facts">
                    <div className="facts__row">
                      <dt>{t.name}</dt>
                      <dd>{worker.name}</dd>
                    </div>
                    <div className="facts__row">
                      <dt>{t.fingerprint}</dt>
                      <dd className="mono nowrap">{worker.fingerprint}</dd>
                    </div>
                    <div className="facts__row">
                      <dt>{t.pools}</dt>
                      <dd>{worker.pools.join(', ')}</dd>
                    </div>
                    <div className="facts__row">
                      <dt>{t.lastSeen}</dt>
                      <dd data-testid="worker-last-seen">{worker.online ? t.online : worker.lastSeenAt === undefined ? t.notSeen : t.offlineSince(formatRecentMoment(worker.lastSeenAt, Date.now()))}</dd>
                    </div>
                    {worker.clockOffsetMs === undefined ? null : (
                      <div className="facts__row facts__row--wide">
                        <dt>{t.clock}</dt>
                        <dd className="facts__warning" data-testid="worker-clock-off">
                          {t.clockOff(clockOffsetInWords(worker.clockOffsetMs))}
                        </dd>
                      </div>
                    )}
                    {worker.byPolicy ? (
                      <div className="facts__row">
                        <dt>{t.approvedBy}</dt>
                        <dd data-testid="approved-by-policy">{t.byPolicy}</dd>
                      </div>
                    ) : null}
                  </dl>
                  {worker.byPolicy ? (
                    <div className="actions">
                      <button type="button" className="button button--danger" disabled aria-label={t.removeOf(worker.name)} aria-describedby={`policy-managed-${worker.workerId}`}>
                        {t.remove}
                      </button>
                      <p className="card__hint" id={`policy-managed-${worker.workerId}`}>
                        {t.policyManaged}
                      </p>
                    </div>
                  ) : view.canApprove ? (
                    <div className="actions">
                      <RemoveWorkerButton
                        worker={worker}
                        liveRuns={liveRuns}
                        onRemoved={(removal) => {
                          // Without a fresh list (its server away) the worker still leaves the one on screen: it is removed.
                          setView((shown) => removal.workers ?? (shown && { ...shown, approved: shown.approved.filter((w) => w.workerId !== worker.workerId) }));
                          setDone(removal.leasesWithdrawn ? t.removed(removal.name, liveRuns) : t.removedServerAway(removal.name, liveRuns, removal.leaseTtlMs));
                        }}
                      />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <BotPlacement bots={bots} pools={[...new Set(view.approved.flatMap((worker) => worker.pools))]} />
        </>
      ) : null}
    </section>
  );
}

function PendingWorker({ enrolment, canApprove, onApproved }: { enrolment: WorkerEnrolmentView; canApprove: boolean; onApproved(view: WorkersView, name: string): void }) {
  const t = copy.workers;
  const [name, setName] = useState(enrolment.name);
  const [pools, setPools] = useState(enrolment.pools.join(', '));
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ApproveWorkerField, ErrorView>>>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const poolsRef = useRef<HTMLInputElement>(null);
  const approve = useCommand('approveWorker', { report: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Approve stays focusable while its approval is on its way (aria-disabled): Enter meanwhile sends nothing.
    if (approve.pending) return;
    const check = checkApproveWorkerForm({ name, pools }, enrolment.pools);
    if (!check.ok) {
      setError(null);
      setFieldErrors(check.errors);
      // To the first field to fix, so the person (and a screen reader) lands on its message.
      (check.errors.name ? nameRef : poolsRef).current?.focus();
      return;
    }
    setFieldErrors({});
    const result = await approve.attempt({ fingerprint: enrolment.fingerprint, name: check.name, pools: check.pools });
    setError(result.ok ? null : result.error);
    if (result.ok) onApproved(result.value, check.name);
  };
  const edit = (field: ApproveWorkerField, set: (value: string) => void) => (value: string) => {
    set(value);
    setFieldErrors(({ [field]: _fixed, ...others }) => others);
  };
  return (
    <li className="card" data-testid={`pending-worker-${enrolment.workerId}`} data-focus-key={enrolment.workerId}>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t.fingerprint}</dt>
          <dd className="mono nowrap" data-testid="pending-fingerprint">{enrolment.fingerprint}</dd>
        </div>
        <div className="facts__row">
          <dt>{t.askedAs}</dt>
          <dd>{t.askedFor(enrolment.name, enrolment.pools.join(', '))}</dd>
        </div>
      </dl>
      {canApprove ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p className="card__hint">{t.compare}</p>
          <FormField label={t.name} testId="approve-name" error={fieldErrors.name}>
            {(control) => <input {...control} ref={nameRef} className="input" value={name} maxLength={120} onChange={(event) => edit('name', setName)(event.target.value)} />}
          </FormField>
          <FormField label={t.pools} hint={t.poolsHint} testId="approve-pools" error={fieldErrors.pools}>
            {(control) => <input {...control} ref={poolsRef} className="input" value={pools} spellCheck={false} onChange={(event) => edit('pools', setPools)(event.target.value)} />}
          </FormField>
          {error ? <ErrorMessage error={error} testId="approve-error" /> : null}
          <div className="actions">
            <button type="submit" className="button button--primary" aria-disabled={approve.pending || undefined} aria-label={t.approveOf(enrolment.fingerprint)} data-testid="approve-worker">
              {t.approve}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
