import { useEffect, useRef } from 'react';
import type { ApprovalView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { formatDuration } from '../../../app/common/format-duration.js';
import { useCommand } from '../../state/use-command.js';

/**
 * The approval a run waits for before its first token: it names the bot, the system (profile),
 * the HCSS company, the scopes and the expected duration. A native modal <dialog>: focus is
 * trapped, Escape closes it without deciding, focus returns to the Review button.
 */
export function ApprovalDialog({ approval, onClose }: { approval: ApprovalView; onClose(): void }) {
  const approve = useCommand('approveRun');
  const refuse = useCommand('refuseRun');
  const busy = approve.pending || refuse.pending;
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  const t = copy.approval;
  // Approve and Refuse stay focusable while the decision is sent (aria-disabled, not disabled):
  // a disabled button would drop focus out of the open dialog. A press meanwhile does nothing.
  const decide = async (command: { run(input: { runId: string }): Promise<unknown> }) => {
    if (busy) return;
    await command.run({ runId: approval.runId });
    onClose();
  };
  return (
    <dialog
      className="dialog"
      aria-labelledby="approval-title"
      data-testid="approval-dialog"
      ref={dialogRef}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="approval-title" className="dialog__title">
        {t.title(approval.botName)}
      </h2>
      <div className="dialog__body">
        <p>{t.intro}</p>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t.bot}</dt>
            <dd data-testid="approval-bot">{approval.botName}</dd>
          </div>
          <div className="facts__row">
            <dt>{t.system}</dt>
            <dd data-testid="approval-profile">{approval.profileName}</dd>
          </div>
          <div className="facts__row">
            <dt>{t.company}</dt>
            <dd>{approval.company ?? t.noCompany}</dd>
          </div>
          <div className="facts__row">
            <dt>{t.scopes}</dt>
            <dd data-testid="approval-scopes">{approval.scopes.length > 0 ? approval.scopes.join(' ') : t.noScopes}</dd>
          </div>
          <div className="facts__row">
            <dt>{t.duration}</dt>
            <dd data-testid="approval-duration">{approval.expectedDurationMs === undefined ? t.unknownDuration : formatDuration(approval.expectedDurationMs)}</dd>
          </div>
        </dl>
      </div>
      <div className="actions dialog__actions">
        <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => void decide(approve)} data-testid="approval-approve">
          {t.approve}
        </button>
        <button type="button" className="button button--danger" aria-disabled={busy || undefined} onClick={() => void decide(refuse)} data-testid="approval-refuse">
          {t.refuse}
        </button>
      </div>
    </dialog>
  );
}
