import { useState } from 'react';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { ConfirmDialog } from './confirm-dialog.js';

export interface StopAllButtonProps {
  /** Runs that would be stopped, for the confirmation text. */
  liveRuns: number;
}

/** The kill switch: stops every bot and signs out of every provider, after a confirmation. */
export function StopAllButton({ liveRuns }: StopAllButtonProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const stopAll = useCommand('stopAll');

  const confirm = async () => {
    const result = await stopAll.attempt({ signOut: true });
    setOpen(false);
    // A failure is already shown in the alert region.
    setDone(result.ok);
  };

  return (
    <>
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          setDone(false);
          setOpen(true);
        }}
        data-testid="stop-all"
      >
        {copy.bots.stopAll}
      </button>
      <span role="status" className="stop-all__feedback">
        {done ? copy.bots.stopAllDone : ''}
      </span>
      <ConfirmDialog
        open={open}
        title={copy.bots.stopAllTitle}
        confirmLabel={copy.bots.stopAllConfirm}
        cancelLabel={copy.bots.stopAllCancel(liveRuns)}
        danger
        busy={stopAll.pending}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
        testId="stop-all-dialog"
      >
        <p>{copy.bots.stopAllBody(liveRuns)}</p>
      </ConfirmDialog>
    </>
  );
}
