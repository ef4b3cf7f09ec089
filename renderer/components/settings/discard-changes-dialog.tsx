import { copy } from '../../copy.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import type { ProfileEditing } from './kept-profile-draft.js';

export interface DiscardChangesDialogProps {
  /** Open while set: what the editor holds unsaved changes to, in words ("Clinic IdP"). */
  subject: string | undefined;
  onDiscard(): void;
  onKeepEditing(): void;
}

/**
 * Asked before the profile editor is replaced (another profile's Edit, Duplicate, Add a profile)
 * while it holds changes nobody saved, such as a client secret or endpoints typed by hand. Focus
 * starts on "Keep editing", and Escape keeps editing too.
 */
export function DiscardChangesDialog({ subject, onDiscard, onKeepEditing }: DiscardChangesDialogProps) {
  const t = copy.settings.discardChanges;
  return (
    <ConfirmDialog
      open={subject !== undefined}
      title={subject === undefined ? '' : t.title(subject)}
      confirmLabel={t.confirm}
      cancelLabel={t.cancel}
      danger
      onConfirm={onDiscard}
      onCancel={onKeepEditing}
      testId="discard-changes-dialog"
    >
      <p>{t.body}</p>
    </ConfirmDialog>
  );
}

/** What the open editor holds changes to, as the dialog's title names it. */
export function discardSubject(editing: ProfileEditing): string | undefined {
  const t = copy.settings.discardChanges;
  if (editing === null) return undefined;
  if (editing.kind === 'edit') return editing.profile.name;
  return editing.copiedFrom ? t.copyOf(editing.copiedFrom.name) : t.newProfile;
}
