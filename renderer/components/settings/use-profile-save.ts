import { useState } from 'react';
import type { ErrorView, ProfileView, RedirectMode } from '../../../app/common/contract.js';
import type { FieldError } from '../../format/field-error.js';
import type { SignOutImpact } from '../../format/profile-change-impact.js';
import { profileFieldErrors, profileInputFromForm, type ProfileField, type ProfileFormValues } from '../../format/profile-form.js';
import { useCommand } from '../../state/use-command.js';

type Confirmation = 'retention' | 'signOut';

/** A question asked before saving: a shorter retention period, or who the save would sign out. */
export type ProfileSaveAsking = { asDraft: boolean; confirmed: readonly Confirmation[] } & ({ ask: 'retention' } | { ask: 'signOut'; impact: SignOutImpact });

export interface ProfileSaveOptions {
  values: ProfileFormValues;
  /** The redirect mode the editor offers for these values, which may differ from the one typed. */
  redirectMode: RedirectMode;
  isNew: boolean;
  shortening: { fromDays: number; toDays: number } | undefined;
  signOutImpact: ((values: ProfileFormValues) => SignOutImpact | undefined) | undefined;
  onSaved(profile: ProfileView, signedOut?: string): void;
}

export interface ProfileSave {
  /** Checks, asks what must be confirmed, then saves; `confirmed` lists what was asked and answered. */
  submit(asDraft?: boolean, confirmed?: readonly Confirmation[]): Promise<void>;
  asking: ProfileSaveAsking | null;
  stopAsking(): void;
  fieldErrors: Partial<Record<ProfileField, FieldError>>;
  error: ErrorView | null;
  /** Core messages about settings the editor has no field for. */
  otherProblems: string[];
  pending: boolean;
  /** Grows with every refused attempt, so focus can go to the first invalid field each time. */
  failedAttempts: number;
}

/**
 * Saving the profile editor's values: what cannot be sent is flagged beside its field; a shorter
 * retention period and a sign-out are confirmed first; the core's field messages come back mapped
 * onto the fields.
 */
export function useProfileSave({ values, redirectMode, isNew, shortening, signOutImpact, onSaved }: ProfileSaveOptions): ProfileSave {
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ProfileField, FieldError>>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [failedAttempts, setFailedAttempts] = useState(0);
  const [asking, setAsking] = useState<ProfileSaveAsking | null>(null);
  const save = useCommand('saveProfile', { report: false });

  const submit = async (asDraft = false, confirmed: readonly Confirmation[] = []) => {
    // Save and Save draft stay focusable while a save is on its way (aria-disabled): a press, or
    // Enter in a field, meanwhile sends nothing.
    if (save.pending) return;
    const { input, errors } = profileInputFromForm({ ...values, redirectMode });
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      setError(null);
      setOtherProblems([]);
      setFailedAttempts((count) => count + 1);
      return;
    }
    if (shortening && !confirmed.includes('retention')) {
      setAsking({ asDraft, confirmed, ask: 'retention' });
      return;
    }
    const impact = isNew ? undefined : signOutImpact?.(values);
    if (impact && !confirmed.includes('signOut')) {
      setAsking({ asDraft, confirmed, ask: 'signOut', impact });
      return;
    }
    setAsking(null);
    // A new profile never replaces one with the same id; a draft may wait for its client id.
    const result = await save.attempt({ ...input, ...(isNew ? { create: true } : {}), ...(asDraft ? { asDraft: true } : {}) });
    if (result.ok) {
      onSaved(result.value, impact?.signedInAs);
      return;
    }
    const mapped = profileFieldErrors(result.error.fields);
    setFieldErrors(mapped.byField);
    setOtherProblems(mapped.other);
    setError(result.error);
    setFailedAttempts((count) => count + 1);
  };

  return { submit, asking, stopAsking: () => setAsking(null), fieldErrors, error, otherProblems, pending: save.pending, failedAttempts };
}
