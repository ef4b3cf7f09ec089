import { useState } from 'react';
import type { ConnectionTestView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { ErrorMessage } from '../error-message.js';

/**
 * "Test connection" for one profile: discovery, then the authorization pre-flight (S55), through
 * the same network stack as a sign-in, so a proxy, certificate or registration problem shows
 * here before anyone tries to sign in.
 */
export function ConnectionTest({ profileId, profileName }: { profileId: string; profileName: string }) {
  const test = useCommand('testConnection');
  const [result, setResult] = useState<ConnectionTestView | undefined>();
  return (
    <div className="connection-test">
      <button
        type="button"
        className="button"
        aria-disabled={test.pending || undefined}
        aria-label={test.pending ? undefined : copy.settings.testConnectionOf(profileName)}
        onClick={() => {
          // Focusable while the test runs (aria-disabled, not disabled, which drops focus to the page); a press meanwhile does nothing.
          if (test.pending) return;
          // A result from before (another issuer, another client id) must not stand beside "Testing…".
          setResult(undefined);
          void test.run({ profileId }).then((value) => setResult(value));
        }}
        data-testid={`test-connection-${profileId}`}
      >
        {test.pending ? copy.settings.testingConnection : copy.settings.testConnection}
      </button>
      <div role="status" className="connection-test__result" data-testid={`connection-result-${profileId}`}>
        {result ? <ConnectionResult result={result} /> : null}
      </div>
    </div>
  );
}

function ConnectionResult({ result }: { result: ConnectionTestView }) {
  if (!result.discovery.ok) return <ErrorMessage error={result.discovery.error} />;
  const { preflight } = result;
  if (preflight?.outcome === 'refused' && preflight.error) {
    return (
      <>
        <ErrorMessage error={preflight.error} />
        <p className="card__hint">{copy.settings.connectionRefusedNext}</p>
      </>
    );
  }
  if (preflight?.error) return <ErrorMessage error={preflight.error} />;
  if (preflight?.outcome === 'unreachable') return <p className="card__hint">{copy.settings.connectionNoAnswer}</p>;
  return <p className="card__hint">{copy.settings.connectionWorks(result.discovery.issuer)}</p>;
}
