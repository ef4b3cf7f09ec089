import { useState } from 'react';
import type { ApprovedWorkerView, WorkerRemovalView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { ConfirmDialog } from '../confirm-dialog.js';

export interface RemoveWorkerButtonProps {
  worker: ApprovedWorkerView;
  /** Runs on this worker that are still live: their leases are revoked when it is removed. */
  liveRuns: number;
  onRemoved(removal: WorkerRemovalView): void;
}

/**
 * Remove, after a confirmation that names the worker and what happens to the bots running on it
 * (their leases are revoked, at once while Redis answers, and their runs end). Focus starts on Cancel; Escape cancels
 * and gives focus back to Remove. The core audits the removal.
 */
export function RemoveWorkerButton({ worker, liveRuns, onRemoved }: RemoveWorkerButtonProps) {
  const t = copy.workers;
  const remove = useCommand('removeWorker');
  const [confirming, setConfirming] = useState(false);
  const confirm = async () => {
    const next = await remove.run({ workerId: worker.workerId });
    setConfirming(false);
    if (next) onRemoved(next);
  };
  return (
    <>
      <button
        type="button"
        className="button button--danger"
        aria-disabled={remove.pending || undefined}
        aria-label={t.removeOf(worker.name)}
        aria-haspopup="dialog"
        data-testid={`remove-worker-${worker.workerId}`}
        onClick={() => remove.pending || setConfirming(true)}
      >
        {t.remove}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t.removeTitle(worker.name)}
        confirmLabel={t.removeConfirm}
        cancelLabel={t.removeCancel}
        danger
        busy={remove.pending}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
        testId="remove-worker-dialog"
      >
        <p data-testid="remove-worker-running">{t.removeRunning(worker.name, liveRuns)}</p>
        <p>{t.removeAfter}</p>
      </ConfirmDialog>
    </>
  );
}
