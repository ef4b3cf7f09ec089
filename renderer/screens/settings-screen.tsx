import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileView, SupervisorState } from '../../app/common/contract.js';
import { CopyButton } from '../components/copy-button.js';
import { AuditSettingsPanel } from '../components/settings/audit-settings-panel.js';
import { CompaniesPanel } from '../components/settings/companies-panel.js';
import { discardSubject, DiscardChangesDialog } from '../components/settings/discard-changes-dialog.js';
import { editingInitial, editingKey, keepProfileDraft, keptProfileDraft, type ProfileEditing } from '../components/settings/kept-profile-draft.js';
import { PreferencesForm } from '../components/settings/preferences-form.js';
import { ProfileCard } from '../components/settings/profile-card.js';
import { ProfileEditor } from '../components/settings/profile-editor.js';
import { profileFormChanged } from '../components/settings/profile-form-changed.js';
import { ProfileImport } from '../components/settings/profile-import.js';
import { WorkersPanel } from '../components/settings/workers-panel.js';
import { copy } from '../copy.js';
import { duplicateProfileForm } from '../format/duplicate-profile-form.js';
import { deleteImpact, editImpact } from '../format/profile-change-impact.js';
import { formFromPreset, formFromProfile, type ProfileFormValues } from '../format/profile-form.js';

export interface SettingsScreenProps {
  state: SupervisorState;
  onRunWizard(): void;
}

/** Provider profiles (edit, import, companies), bots and policies, and this installation. */
export function SettingsScreen({ state, onRunWizard }: SettingsScreenProps) {
  const profilesHeadingId = useId();
  const hostHeadingId = useId();
  const dataDirId = useId();
  // Changes left unsaved when the person last left Settings come back as they were.
  const [restored] = useState(() => keptProfileDraft(state.profiles));
  const [editing, setEditing] = useState<ProfileEditing>(restored?.editing ?? null);
  // The editor's values as typed, to tell whether replacing it would lose anything.
  const valuesRef = useRef<ProfileFormValues | null>(restored?.values ?? null);
  const editingRef = useRef(editing);
  // Another editor asked for while this one holds unsaved changes: the discard question is open.
  const [switchTo, setSwitchTo] = useState<NonNullable<ProfileEditing> | null>(null);
  const [keepEditingCount, setKeepEditingCount] = useState(0);
  useEffect(() => {
    editingRef.current = editing;
  }, [editing]);
  useEffect(() => {
    keepProfileDraft(null, null);
    return () => keepProfileDraft(editingRef.current, valuesRef.current);
  }, []);
  // What the last save or deletion did, announced in the status line above the list.
  const [outcome, setOutcome] = useState<string | null>(null);
  const profilesHeadingRef = useRef<HTMLHeadingElement>(null);
  const existingIds = state.profiles.map((profile) => profile.id);
  const partnerProfiles = state.profiles.filter((profile) => profile.kind === 'partner');
  // The machine policy may leave profiles to the administrator alone; the core refuses changes anyway.
  const profilesEditable = state.host.policy.allowUserProfiles;
  const { policy } = state.host;

  const onSaved = (profile: ProfileView, signedOut?: string) => {
    setEditing(null);
    setOutcome(signedOut === undefined ? copy.profileForm.saved(profile.name) : copy.profileForm.savedSignedOut(profile.name, signedOut));
  };
  const replaceEditor = (next: NonNullable<ProfileEditing>) => {
    setSwitchTo(null);
    setOutcome(null);
    setEditing(next);
  };
  const open = (next: NonNullable<ProfileEditing>) => {
    const unsaved = editing !== null && valuesRef.current !== null && profileFormChanged(editingInitial(editing), valuesRef.current);
    if (unsaved && editingKey(next) !== editingKey(editing)) setSwitchTo(next);
    else replaceEditor(next);
  };

  return (
    <div className="settings">
      <section className="panel" aria-labelledby={profilesHeadingId}>
        <div className="panel__header">
          <h2 id={profilesHeadingId} className="panel__title" ref={profilesHeadingRef} tabIndex={-1}>
            {copy.settings.profilesHeading}
          </h2>
          {profilesEditable ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => open({ kind: 'new', values: formFromPreset('healthcodeUat', existingIds) })}
              data-testid="add-profile"
            >
              {copy.settings.addProfile}
            </button>
          ) : null}
        </div>
        <p className="card__hint">{copy.settings.profilesIntro}</p>
        {profilesEditable ? null : (
          <p className="card__hint" data-testid="profiles-managed">
            {copy.settings.profilesManaged}
          </p>
        )}
        <p role="status" className="card__hint" data-testid="profile-saved">
          {outcome ?? ''}
        </p>
        {/* Before the editor: closing it gives focus back first, so the editor that opens (or is kept) takes focus after. */}
        <DiscardChangesDialog
          subject={switchTo === null ? undefined : discardSubject(editing)}
          onDiscard={() => switchTo && replaceEditor(switchTo)}
          onKeepEditing={() => {
            setSwitchTo(null);
            setKeepEditingCount((count) => count + 1);
          }}
        />
        {editing ? (
          <ProfileEditor
            // A copy is its own form: switching from Add (or another copy) must not keep typed values.
            key={editingKey(editing)}
            initial={editing.kind === 'new' ? editing.values : formFromProfile(editing.profile)}
            draft={restored?.editing === editing ? restored.values : undefined}
            onValuesChange={(values) => {
              valuesRef.current = values;
            }}
            focusRequest={keepEditingCount}
            isNew={editing.kind === 'new'}
            copiedFrom={editing.kind === 'new' ? editing.copiedFrom : undefined}
            flavour={state.host.flavour}
            hasClientSecret={editing.kind === 'edit' && editing.profile.hasClientSecret}
            existingIds={existingIds}
            onSaved={onSaved}
            onCancel={() => setEditing(null)}
            patientDataPolicy={state.patientDataPolicy}
            forcedAbsencePolicy={policy.onAbsence}
            forcedToAsk={policy.askWhoSignsIn === true}
            {...(editing.kind === 'edit' ? { signOutImpact: (values: ProfileFormValues) => editImpact(editing.profile, values, state) } : {})}
          />
        ) : null}
        {state.profiles.length === 0 ? <p className="card__hint empty-state">{copy.sessions.noProfiles}</p> : null}
        <ul className="profile-list">
          {state.profiles.map((profile) => (
            <ProfileCard
              key={profile.id}
              profile={profile}
              editable={profilesEditable}
              deleteImpact={deleteImpact(profile, state)}
              policyAsksWhoSignsIn={policy.askWhoSignsIn === true}
              onEdit={(chosen) => open({ kind: 'edit', profile: chosen })}
              onDuplicate={(chosen) => open({ kind: 'new', values: duplicateProfileForm(chosen, state.profiles), copiedFrom: chosen })}
              onDeleted={(gone) => {
                setEditing((current) => (current?.kind === 'edit' && current.profile.id === gone.id ? null : current));
                setOutcome(copy.settings.deleted(gone.name));
                // Its card, and the Delete button focus would return to, have gone: start again at the list.
                profilesHeadingRef.current?.focus();
              }}
            />
          ))}
        </ul>
        {profilesEditable ? <ProfileImport /> : null}
        {partnerProfiles.length > 0 ? <CompaniesPanel partnerProfiles={partnerProfiles} companies={state.companies} sessions={state.sessions} /> : null}
      </section>

      <PreferencesForm preferences={state.preferences} allowedBotFolders={policy.allowedBotFolders} />

      <AuditSettingsPanel />

      <WorkersPanel bots={state.bots} runs={state.runs} fleetEnabled={policy.fleetEnabled === true} />

      <section className="card" aria-labelledby={hostHeadingId} data-testid="host-info">
        <h2 id={hostHeadingId} className="card__title">
          {copy.settings.hostHeading}
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>{copy.settings.hostHeading}</dt>
            <dd>{copy.settings.hostKind[state.host.kind]}</dd>
          </div>
          <div className="facts__row">
            <dt>{copy.settings.scheme}</dt>
            <dd className="mono">{state.host.scheme}</dd>
          </div>
          <div className="facts__row">
            <dt>{copy.settings.dataDir}</dt>
            <dd className="mono selectable" id={dataDirId} data-testid="host-data-dir">
              {state.host.dataDir}
            </dd>
          </div>
          <div className="facts__row" data-testid="policy-source">
            <dt>{copy.settings.policyHeading}</dt>
            <dd>{copy.settings.policySource[policy.source]}</dd>
          </div>
          {policy.path ? (
            <div className="facts__row">
              <dt>{copy.settings.policyFile}</dt>
              <dd className="mono">{policy.path}</dd>
            </div>
          ) : null}
          {policy.problem ? (
            <div className="facts__row">
              <dt>{copy.settings.policyProblem}</dt>
              <dd data-testid="policy-problem">{copy.settings.policyProblemText(policy.problem.detail, policy.problem.code)}</dd>
            </div>
          ) : null}
          <div className="facts__row">
            <dt>{copy.settings.updateFeed}</dt>
            <dd className={policy.updateFeedUrl ? 'mono' : undefined}>{policy.updateFeedUrl ?? copy.settings.updatesOff}</dd>
          </div>
        </dl>
        <p className="card__hint">{copy.settings.dataDirHint}</p>
        <div className="actions">
          <CopyButton text={state.host.dataDir} label={copy.settings.copyDataDir} describedBy={dataDirId} copiedMessage={copy.settings.dataDirCopied} testId="copy-data-dir" />
        </div>
        <p className="card__hint">{state.host.secretsPersistent ? copy.settings.secretsPersistent : copy.settings.secretsMemoryOnly}</p>
        <div className="actions">
          <button type="button" className="button" onClick={onRunWizard} data-testid="rerun-wizard">
            {copy.settings.rerunWizard}
          </button>
        </div>
      </section>
    </div>
  );
}
