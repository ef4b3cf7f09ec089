import { useId, useState } from 'react';
import type { ProfileView } from '../../../app/common/contract.js';
import { listInWords } from '../../../app/common/list-in-words.js';
import type { DeleteImpact } from '../../format/profile-change-impact.js';
import { copy } from '../../copy.js';
import { profileCardActions } from '../../format/profile-card-actions.js';
import { profileSignInMode } from '../../format/profile-sign-in-mode.js';
import { useCommand } from '../../state/use-command.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import { CopyButton } from '../copy-button.js';
import { ConnectionTest } from './connection-test.js';
import { StatusBadge } from '../status-badge.js';

export interface ProfileCardProps {
  profile: ProfileView;
  onEdit(profile: ProfileView): void;
  /** Opens the editor on a copy: nothing is saved until the admin saves it. */
  onDuplicate(profile: ProfileView): void;
  /** After a deletion, when the card (and the button that had focus) has gone. */
  onDeleted(profile: ProfileView): void;
  /** False when the machine policy lets nobody add or change profiles here. */
  editable?: boolean;
  /** Who deleting it signs out, the runs it stops and the bots that use it: said in the confirmation. */
  deleteImpact?: DeleteImpact;
  /** The machine policy's `askWhoSignsIn`: every sign-in asks, whatever the profile says. */
  policyAsksWhoSignsIn?: boolean;
}

/** A provider profile at a glance; locked and built-in profiles are read-only. */
export function ProfileCard({ profile, onEdit, onDuplicate, onDeleted, editable = true, deleteImpact, policyAsksWhoSignsIn = false }: ProfileCardProps) {
  const headingId = useId();
  const uriId = useId();
  const idId = useId();
  const [confirming, setConfirming] = useState(false);
  const remove = useCommand('deleteProfile');
  const actions = profileCardActions(profile, editable);

  return (
    <li className="card profile-card" aria-labelledby={headingId} data-testid={`profile-${profile.id}`}>
      <div className="card__header">
        <h3 id={headingId} className="card__title">
          {profile.name}
        </h3>
        {profile.locked ? (
          <StatusBadge tone="warning" testId={`profile-locked-${profile.id}`}>
            {copy.settings.locked}
          </StatusBadge>
        ) : profile.builtIn ? (
          <StatusBadge tone="neutral">{copy.settings.builtIn}</StatusBadge>
        ) : profile.draft ? (
          <StatusBadge tone="warning" testId={`profile-draft-${profile.id}`}>
            {copy.settings.draft}
          </StatusBadge>
        ) : null}
      </div>
      {profile.locked ? <p className="card__hint">{copy.settings.lockedHint}</p> : null}
      {profile.draft ? <p className="card__hint">{copy.settings.draftHint}</p> : null}
      <dl className="facts">
        {/* What a bot's manifest names as profileId, and what bot_profile_unknown lists. */}
        <div className="facts__row">
          <dt>{copy.settings.profileId}</dt>
          <dd className="profile-card__id">
            <code id={idId} className="selectable" data-testid={`profile-id-${profile.id}`}>
              {profile.id}
            </code>
            <CopyButton
              text={profile.id}
              label={copy.settings.copyProfileId}
              describedBy={idId}
              copiedMessage={copy.settings.profileIdCopied}
              className="button button--small"
              testId={`copy-profile-id-${profile.id}`}
            />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{copy.settings.preset}</dt>
          <dd>{copy.presets[profile.preset].label}</dd>
        </div>
        <div className="facts__row">
          <dt>{copy.settings.issuer}</dt>
          <dd className="mono">{profile.issuer}</dd>
        </div>
        <div className="facts__row">
          <dt>{copy.settings.clientId}</dt>
          <dd className="mono">{profile.draft ? copy.settings.noClientIdYet : profile.clientId}</dd>
        </div>
        <div className="facts__row facts__row--wide">
          <dt>{copy.settings.redirectUri}</dt>
          <dd>
            <code id={uriId} className="selectable" data-testid={`profile-redirect-uri-${profile.id}`}>
              {profile.redirectUri}
            </code>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{copy.settings.signInMode}</dt>
          <dd data-testid={`profile-sign-in-mode-${profile.id}`}>{copy.settings.signInModes[profileSignInMode(profile, policyAsksWhoSignsIn)]}</dd>
        </div>
        {profile.hasClientSecret ? (
          <div className="facts__row">
            <dt>{copy.settings.secretStored}</dt>
            <dd>✓</dd>
          </div>
        ) : null}
      </dl>
      <div className="actions">
        <CopyButton text={profile.redirectUri} label={copy.wizard.redirect.copy} describedBy={uriId} copiedMessage={copy.wizard.redirect.copied} />
        {actions.edit ? (
          <button type="button" className="button" onClick={() => onEdit(profile)} aria-label={copy.settings.editProfile(profile.name)} data-testid={`edit-profile-${profile.id}`}>
            {copy.settings.edit}
          </button>
        ) : null}
        {actions.duplicate ? (
          <button type="button" className="button" onClick={() => onDuplicate(profile)} aria-label={copy.settings.duplicateProfile(profile.name)} data-testid={`duplicate-profile-${profile.id}`}>
            {copy.settings.duplicate}
          </button>
        ) : null}
        {actions.delete ? (
          <button type="button" className="button" onClick={() => setConfirming(true)} aria-label={copy.settings.deleteProfile(profile.name)} data-testid={`delete-profile-${profile.id}`}>
            {copy.settings.delete}
          </button>
        ) : null}
      </div>
      <ConnectionTest profileId={profile.id} profileName={profile.name} />
      <ConfirmDialog
        open={confirming}
        title={copy.settings.deleteTitle(profile.name)}
        confirmLabel={copy.settings.deleteConfirm}
        cancelLabel={copy.settings.cancel}
        danger
        busy={remove.pending}
        onConfirm={() => {
          void remove.attempt({ profileId: profile.id }).then((result) => {
            setConfirming(false);
            if (result.ok) onDeleted(profile);
          });
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>{copy.settings.deleteBody}</p>
        {deleteImpact?.signedInAs !== undefined ? <p data-testid="delete-signs-out">{copy.settings.deleteSignsOut(deleteImpact.signedInAs, deleteImpact.liveRuns)}</p> : null}
        {deleteImpact && deleteImpact.bots.length > 0 ? (
          <p data-testid="delete-bots">
            {copy.settings.deleteBots(listInWords(deleteImpact.bots.map((name) => (deleteImpact.scheduledBots.includes(name) ? copy.settings.scheduledBot(name) : name))))}
          </p>
        ) : null}
      </ConfirmDialog>
    </li>
  );
}
