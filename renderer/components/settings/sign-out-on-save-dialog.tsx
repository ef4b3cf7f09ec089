import { copy } from '../../copy.js';
import type { SignOutImpact } from '../../format/profile-change-impact.js';
import { ConfirmDialog } from '../confirm-dialog.js';

export interface SignOutOnSaveDialogProps {
  /** Open while set: who would be signed out, and how many runs would stop. */
  impact: SignOutImpact | undefined;
  profileName: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asked before saving an edit that ends the profile's session (a new issuer, client id or client
 * authentication: the token belongs to the old registration), so nobody is signed out, nor a
 * bot stopped, by a Save they took for harmless. Focus starts on "Keep editing".
 */
export function SignOutOnSaveDialog({ impact, profileName, busy, onConfirm, onCancel }: SignOutOnSaveDialogProps) {
  const t = copy.settings.signOutOnSave;
  return (
    <ConfirmDialog
      open={impact !== undefined}
      title={impact ? t.title(impact.signedInAs, profileName) : ''}
      confirmLabel={t.confirm}
      cancelLabel={t.cancel}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="sign-out-on-save-dialog"
    >
      <p>{t.body}</p>
      {impact ? <p>{t.runs(impact.liveRuns)}</p> : null}
    </ConfirmDialog>
  );
}
