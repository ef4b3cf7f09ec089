import { useRef, type RefObject } from 'react';
import type { RunView } from '../../app/common/contract.js';
import { hasRunProcess, isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';

/**
 * Pause or Resume, "Stop at next safe point" and Stop now for a live run (docs/ui.md). A bot that
 * cannot be paused here says why instead of offering a button that would fail.
 */
export function RunControls({ run, stopRef }: { run: RunView; /** Stop now, for a caller that moves focus to it. */ stopRef?: RefObject<HTMLButtonElement | null> }) {
  const ownStopRef = useRef<HTMLButtonElement>(null);
  const stopNowRef = stopRef ?? ownStopRef;
  const stopRun = useCommand('stopRun');
  const pause = useCommand('pauseRun');
  const resume = useCommand('resumeRun');
  const stopSafe = useCommand('stopRunAtSafePoint');
  // Once asked, the safe stop's button stays off: focus goes to Stop now, the one thing left to press.
  const requestSafeStop = async () => {
    const result = await stopSafe.attempt({ runId: run.id });
    if (result.ok && (document.activeElement === null || document.activeElement === document.body)) stopNowRef.current?.focus();
  };
  if (!isLiveRunStatus(run.status)) return null;
  const control = hasRunProcess(run.status) ? run.control : undefined;
  const t = copy.runControls;
  const note =
    run.status === 'waitingForSignIn'
      ? t.waitingForSignIn
      : run.status === 'waitingForSupervisor' && run.waitingFor
        ? t.waitingFor[run.waitingFor]
        : control?.stopRequested
          ? t.stopRequested
          : run.status === 'paused' && control?.pause === 'checkpoint'
            ? control.holding
              ? t.holding
              : t.pausing
            : control?.pause === 'unavailable'
              ? t.pauseUnavailable
              : undefined;
  return (
    <>
      {note ? (
        <p className="card__hint" data-testid="run-control-note">
          {note}
        </p>
      ) : null}
      <div className="actions">
        {control && control.pause !== 'unavailable' ? (
          run.status === 'paused' ? (
            <button type="button" className="button button--primary" disabled={resume.pending} onClick={() => void resume.run({ runId: run.id })} data-testid="run-resume">
              {t.resume}
            </button>
          ) : (
            <button type="button" className="button" disabled={pause.pending} onClick={() => void pause.run({ runId: run.id })} data-testid="run-pause">
              {t.pause}
            </button>
          )
        ) : null}
        {control?.safeStop ? (
          <button type="button" className="button" disabled={stopSafe.pending || control.stopRequested === true} onClick={() => void requestSafeStop()} data-testid="run-stop-safe">
            {t.stopSafe}
          </button>
        ) : null}
        <button ref={stopNowRef} type="button" className="button button--danger" disabled={stopRun.pending} onClick={() => void stopRun.run({ runId: run.id })} data-testid="run-stop">
          {control?.safeStop ? t.stopNow : copy.bots.stopBot(run.botName)}
        </button>
      </div>
    </>
  );
}
