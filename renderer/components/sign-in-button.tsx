import { useEffect, useId, useState } from 'react';
import { copy } from '../copy.js';
import { useSessionActions } from '../state/use-session-actions.js';
import { signInFocusProps } from '../state/use-sign-in-focus.js';

export interface SignInButtonProps {
  profileId: string;
  profileName: string;
  /** Re-authenticate (the provider asks who signs in) rather than Sign in. */
  reauthenticate: boolean;
  /** The accessible name, saying what the sign-in is for. */
  label: string;
  className: string;
  testId: string;
  /** The bots whose Start this sign-in lets go: focus goes to the first when the button goes with it. */
  startsBots: readonly string[];
}

/**
 * Sign in or Re-authenticate beside something a sign-in fixes (a bot's held-back Start, or
 * several bots'), which stays on screen while that sign-in waits in the browser. Meanwhile it
 * stays focusable (aria-disabled, not disabled: a disabled button drops keyboard focus to the
 * page) and a press starts nothing; its description says why and what to do, and a press says
 * it aloud and on screen, so a greyed button is never a silent one.
 */
export function SignInButton({ profileId, profileName, reauthenticate, label, className, testId, startsBots }: SignInButtonProps) {
  const actions = useSessionActions(profileId);
  const busy = actions.signInBusy;
  const descriptionId = useId();
  const refusalId = useId();
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (busy === undefined) setRefused(false);
  }, [busy]);
  const why = busy === undefined ? null : copy.sessions.signInBusy[busy](profileName);
  const press = () => {
    if (busy !== undefined) setRefused(true);
    else if (reauthenticate) actions.reauthenticate();
    else actions.signIn();
  };
  return (
    <>
      <button
        type="button"
        className={className}
        aria-disabled={busy === undefined ? undefined : true}
        aria-label={label}
        aria-describedby={busy === undefined ? undefined : refused ? refusalId : descriptionId}
        onClick={press}
        data-testid={testId}
        data-busy={busy}
        {...signInFocusProps(profileId, 'elsewhere')}
        data-sign-in-then-bots={startsBots.join(' ')}
      >
        {reauthenticate ? copy.sessions.reauthenticate : copy.sessions.signIn}
      </button>
      {why !== null && !refused ? (
        <span id={descriptionId} className="visually-hidden">
          {why}
        </span>
      ) : null}
      {/* Mounted empty, so what a refused press puts in it is read out. */}
      <span id={refusalId} role="status" className="sign-in-button__refusal" data-testid={`${testId}-refusal`}>
        {refused ? why : null}
      </span>
    </>
  );
}
