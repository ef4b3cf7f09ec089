import { copy } from '../../copy.js';
import { ConfirmDialog } from '../confirm-dialog.js';

export interface RetentionShorteningDialogProps {
  /** Open while set: the saved and the new period, the new one shorter. */
  shortening: { fromDays: number; toDays: number } | undefined;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asked before a profile is saved with a shorter retention period: the next retention pass then
 * deletes, for good, the logs and files of its runs that ended before the new period. Focus
 * starts on "Keep editing"; Escape keeps editing too.
 */
export function RetentionShorteningDialog({ shortening, busy, onConfirm, onCancel }: RetentionShorteningDialogProps) {
  const t = copy.patientData;
  return (
    <ConfirmDialog
      open={shortening !== undefined}
      title={shortening ? t.shortenTitle(shortening.toDays) : ''}
      confirmLabel={t.shortenConfirm}
      cancelLabel={t.shortenCancel}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="retention-shortening-dialog"
    >
      {shortening ? <p>{t.shortenBody(shortening.fromDays, shortening.toDays)}</p> : null}
      <p>{t.shortenCannotUndo}</p>
    </ConfirmDialog>
  );
}
