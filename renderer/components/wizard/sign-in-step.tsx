import type { SessionView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { isSessionSignedIn } from '../../format/status-labels.js';
import { SessionCard } from '../session-card.js';

/** Step 5: sign in once, with the same card the Overview uses. */
export function SignInStep({ session }: { session: SessionView | undefined }) {
  if (!session) return <p className="card__hint">{copy.wizard.signIn.noProfile}</p>;
  return (
    <div className="wizard__fields">
      <p>{copy.wizard.signIn.intro}</p>
      <SessionCard session={session} />
      {isSessionSignedIn(session.status) ? (
        <p className="banner banner--success" data-testid="wizard-signed-in">
          {copy.wizard.signIn.done}
        </p>
      ) : null}
    </div>
  );
}
