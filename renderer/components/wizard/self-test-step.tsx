import { useEffect, useId, useRef } from 'react';
import type { HostView, ProfileView, SelfTestView } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { CopyButton } from '../copy-button.js';
import { ErrorMessage } from '../error-message.js';
import { PasteLinkBox } from '../paste-link-box.js';
import { StatusBadge } from '../status-badge.js';

export interface SelfTestStepProps {
  profile: ProfileView | undefined;
  selfTest: SelfTestView;
  host: HostView;
}

const tone = { idle: 'neutral', waiting: 'info', passed: 'success', failed: 'danger' } as const;
const label = { idle: copy.wizard.selfTest.idle, waiting: copy.wizard.selfTest.waiting, passed: copy.wizard.selfTest.passed, failed: copy.wizard.selfTest.failed };

/**
 * Step 4: the deep-link self-test. The core opens `<scheme>://selftest?nonce=…` through the
 * system browser and reports when it comes back. The browser host cannot open app links from a
 * page, so there the person completes the round trip by hand, with the same paste box the
 * waiting sign-in card has.
 */
export function SelfTestStep({ profile, selfTest, host }: SelfTestStepProps) {
  const linkId = useId();
  const start = useCommand('startSelfTest');
  const statusRef = useRef<HTMLDivElement>(null);
  const waited = useRef(selfTest.status === 'waiting');
  // The paste box goes with the wait, and with it the focus of whoever used it: Chromium drops
  // focus to the page, and the next Tab would start again from the top of the window. The result
  // takes it instead, so Tab goes on to Next. Focus the person has moved elsewhere is theirs.
  useEffect(() => {
    const wasWaiting = waited.current;
    waited.current = selfTest.status === 'waiting';
    if (!wasWaiting || waited.current) return;
    if (document.activeElement === null || document.activeElement === document.body) statusRef.current?.focus();
  }, [selfTest.status]);
  if (profile?.redirectMode === 'loopback') return <p className="card__hint">{copy.wizard.selfTest.loopbackSkip}</p>;
  return (
    <div className="wizard__fields">
      <p>{copy.wizard.selfTest.intro}</p>
      <div className="actions">
        <button type="button" className="button button--primary" aria-disabled={start.pending || undefined} onClick={() => start.pending || void start.run({})} data-testid="self-test-start">
          {selfTest.status === 'idle' ? copy.wizard.selfTest.start : copy.wizard.selfTest.again}
        </button>
      </div>
      <div ref={statusRef} tabIndex={-1} role="status" className="self-test" data-testid="self-test-status" data-status={selfTest.status}>
        <StatusBadge tone={tone[selfTest.status]}>{label[selfTest.status]}</StatusBadge>
        {selfTest.message ? <p className="self-test__message">{selfTest.message}</p> : null}
        {/* The browser host never registers the scheme; its way round is the launcher, below. */}
        {selfTest.status === 'failed' ? <ErrorMessage error={errorView(host.kind === 'electron' ? 'app_link_not_registered' : 'self_test_timed_out')} testId="self-test-error" /> : null}
      </div>
      {host.kind === 'browser' && selfTest.status === 'waiting' && selfTest.url ? (
        <div className="self-test__launcher">
          <p>{copy.wizard.selfTest.browserHostIntro}</p>
          <p className="field__label">{copy.wizard.selfTest.linkLabel}</p>
          <code id={linkId} className="redirect-uri__value selectable" data-testid="self-test-link">
            {selfTest.url}
          </code>
          <div className="actions">
            <CopyButton text={selfTest.url} label={copy.wizard.selfTest.copyLink} describedBy={linkId} copiedMessage={copy.wizard.selfTest.linkCopied} testId="self-test-copy-link" />
          </div>
          <PasteLinkBox profileId="self-test" />
          <p className="card__hint">
            {copy.wizard.selfTest.launcher.before}
            <code>{copy.wizard.selfTest.launcher.command}</code>
            {copy.wizard.selfTest.launcher.after}
          </p>
        </div>
      ) : null}
    </div>
  );
}
