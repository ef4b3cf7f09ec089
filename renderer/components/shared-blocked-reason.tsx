import type { ErrorCode } from '../../app/common/error-catalogue.js';
import { copy } from '../copy.js';
import type { SharedBlockedReason } from '../format/group-blocked-reasons.js';
import { ErrorMessage } from './error-message.js';
import { SignInButton } from './sign-in-button.js';

/** Blocked-start reasons that a fresh sign-in fixes, so Re-authenticate sits beside them. */
export const fixedByReauthentication: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['run_would_outlast_token', 'session_expired']);

export interface SharedBlockedReasonNoteProps {
  /** The id of the reason's sentence, which describes each held-back bot's Start. */
  id: string;
  shared: SharedBlockedReason;
  totalBots: number;
  profileName: string | undefined;
}

/** One reason that holds back several bots, said once above them, with the one fix. */
export function SharedBlockedReasonNote({ id, shared, totalBots, profileName }: SharedBlockedReasonNoteProps) {
  const { reason, botIds, profileId } = shared;
  return (
    <div className="banner banner--warning blocked-shared" data-testid="start-blocked-shared" data-code={reason.code} data-bots={botIds.join(' ')}>
      <div className="blocked-shared__message">
        <ErrorMessage id={id} error={reason} variant="inline" />
        <p className="blocked-shared__scope">{botIds.length === totalBots ? copy.bots.blockedAll(botIds.length) : copy.bots.blockedSome(botIds.length, totalBots)}</p>
      </div>
      {profileId !== undefined && profileName !== undefined ? <SessionFix code={reason.code} profileId={profileId} profileName={profileName} botIds={botIds} /> : null}
    </div>
  );
}

function SessionFix({ code, profileId, profileName, botIds }: { code: ErrorCode; profileId: string; profileName: string; botIds: readonly string[] }) {
  const className = 'button button--small button--primary';
  if (fixedByReauthentication.has(code)) {
    return <SignInButton profileId={profileId} profileName={profileName} reauthenticate className={className} label={copy.bots.reauthenticateForAll(profileName)} testId={`reauthenticate-for-all-${profileId}`} startsBots={botIds} />;
  }
  if (code === 'not_signed_in') {
    return <SignInButton profileId={profileId} profileName={profileName} reauthenticate={false} className={className} label={copy.bots.signInForAll(profileName)} testId={`sign-in-for-all-${profileId}`} startsBots={botIds} />;
  }
  return null;
}
