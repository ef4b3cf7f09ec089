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
  // Each button stays focusable while its command is on its way (aria-disabled, not disabled: a
  // disabled button drops keyboard focus to the page), and a press meanwhile sends nothing.
  const send = (command: typeof stopRun | typeof pause | typeof resume) => {
    if (!command.pending) void command.run({ runId: run.id });
  };
  const safeStopRef = useRef<HTMLButtonElement>(null);
  // Once asked, the safe stop's button stays off: focus on it (or lost with it) goes to Stop now,
  // the one thing left to press, whether the run's new state or the command's answer came first.
  const requestSafeStop = async () => {
    if (stopSafe.pending) return;
    const result = await stopSafe.attempt({ runId: run.id });
    const active = document.activeElement;
    if (result.ok && (active === null || active === document.body || active === safeStopRef.current)) stopNowRef.current?.focus();
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
            <button type="button" className="button button--primary" aria-disabled={resume.pending || undefined} onClick={() => send(resume)} data-testid="run-resume">
              {t.resume}
            </button>
          ) : (
            <button type="button" className="button" aria-disabled={pause.pending || undefined} onClick={() => send(pause)} data-testid="run-pause">
              {t.pause}
            </button>
          )
        ) : null}
        {control?.safeStop ? (
          <button ref={safeStopRef} type="button" className="button" disabled={control.stopRequested === true} aria-disabled={stopSafe.pending || undefined} onClick={() => void requestSafeStop()} data-testid="run-stop-safe">
            {t.stopSafe}
          </button>
        ) : null}
        <button ref={stopNowRef} type="button" className="button button--danger" aria-disabled={stopRun.pending || undefined} onClick={() => send(stopRun)} data-testid="run-stop">
          {control?.safeStop ? t.stopNow : copy.bots.stopBot(run.botName)}
        </button>
      </div>
    </>
  );
}
