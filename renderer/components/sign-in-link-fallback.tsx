import { errorView } from '../../app/common/error-view.js';
import { useId, useState } from 'react';
import { copy } from '../copy.js';
import { ErrorMessage } from './error-message.js';

export interface SignInLinkFallbackProps {
  profileId: string;
  authorizationUrl: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * For when the system browser did not open (or a popup blocker stopped the browser host's tab):
 * copy the sign-in link, or select it by hand. The link is shown as text, not as a link, so the
 * app itself never navigates to it.
 */
export function SignInLinkFallback({ profileId, authorizationUrl }: SignInLinkFallbackProps) {
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const linkId = useId();

  const copyLink = async () => {
    try {
      // navigator.clipboard is missing outside secure contexts; treat that like a refusal.
      if (!navigator.clipboard) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(authorizationUrl);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  return (
    <div className="sign-in-fallback">
      <p className="sign-in-fallback__prompt">
        <span>{copy.sessions.browserDidntOpen}</span>{' '}
        <button type="button" className="button button--link" onClick={copyLink} aria-describedby={linkId} data-testid={`copy-sign-in-link-${profileId}`}>
          {copy.sessions.copySignInLink}
        </button>
      </p>
      <div role="status" className="sign-in-fallback__feedback" data-testid={`sign-in-link-feedback-${profileId}`}>
        {copyState === 'copied' ? <p>{copy.sessions.linkCopied}</p> : null}
        {copyState === 'failed' ? <ErrorMessage error={errorView('sign_in_link_not_copied')} /> : null}
      </div>
      <code id={linkId} className="sign-in-link" data-testid={`sign-in-link-${profileId}`}>
        {authorizationUrl}
      </code>
    </div>
  );
}
