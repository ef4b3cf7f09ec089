import { useCallback, useId, useMemo, useState } from 'react';
import type { ErrorView, RunView, SupervisorApi, SupervisorState } from '../app/contract.js';
import { AppHeader } from './components/app-header.js';
import { BotList } from './components/bot-list.js';
import { CommandAlert } from './components/command-alert.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { NoticeList } from './components/notice-list.js';
import { RunLog } from './components/run-log.js';
import { SessionCard } from './components/session-card.js';
import { copy } from './copy.js';
import { toErrorView } from './format/to-error-view.js';
import { SupervisorContext, type SupervisorContextValue } from './state/supervisor-context.js';
import type { SupervisorStore } from './state/supervisor-store.js';
import { useSupervisorState } from './state/use-supervisor-state.js';

export interface AppProps {
  api: SupervisorApi;
  store: SupervisorStore;
}

/**
 * Composes the screen. It holds only UI state (which run is selected, the last command error);
 * everything else comes from the core's snapshot.
 */
export function App({ api, store }: AppProps) {
  const snapshot = useSupervisorState(store);
  const { state } = snapshot;
  const [commandError, setCommandError] = useState<ErrorView | null>(null);
  const [selectedRunId, setSelectedRunId] = useState<string | null>(null);
  // startRun answers before the next state snapshot lists the run; show it meanwhile.
  const [startedRun, setStartedRun] = useState<RunView | null>(null);
  const sessionsHeadingId = useId();

  const reportError = useCallback((error: unknown) => setCommandError(toErrorView(error)), []);
  const clearError = useCallback(() => setCommandError(null), []);
  const context = useMemo<SupervisorContextValue>(() => ({ api, reportError, clearError }), [api, reportError, clearError]);

  const selectRun = useCallback((run: RunView) => {
    setStartedRun(run);
    setSelectedRunId(run.id);
  }, []);

  const selectedRun = selectedRunId === null ? undefined : (findRun(state, selectedRunId) ?? (startedRun?.id === selectedRunId ? startedRun : undefined));

  return (
    <SupervisorContext value={context}>
      <AppHeader sessions={state?.sessions} />
      <main className="app-main">
        <ConnectionBanner status={snapshot.connection} />
        <CommandAlert error={commandError} onDismiss={clearError} />
        {state === null ? (
          <LoadingMessage loadError={snapshot.loadError} rejected={snapshot.connection === 'rejected'} />
        ) : (
          <>
            <NoticeList notices={state.notices} />
            <div className="layout">
              <div className="layout__column">
                <section className="panel" aria-labelledby={sessionsHeadingId}>
                  <h2 id={sessionsHeadingId} className="panel__title">
                    {copy.sessions.heading}
                  </h2>
                  <div className="session-cards">
                    {state.sessions.map((session) => (
                      <SessionCard key={session.profileId} session={session} />
                    ))}
                  </div>
                </section>
                <BotList bots={state.bots} selectedRunId={selectedRunId} onSelectRun={selectRun} />
              </div>
              <RunLog run={selectedRun} connectionEpoch={snapshot.connectionEpoch} />
            </div>
          </>
        )}
      </main>
    </SupervisorContext>
  );
}

/** The freshest view of a run: the runs list first, then a bot's last run. */
function findRun(state: SupervisorState | null, runId: string): RunView | undefined {
  if (!state) return undefined;
  return state.runs.find((run) => run.id === runId) ?? state.bots.find((bot) => bot.lastRun?.id === runId)?.lastRun;
}

function LoadingMessage({ loadError, rejected }: { loadError: ErrorView | null; rejected: boolean }) {
  // A rejected page already says why in the connection banner.
  if (rejected) return null;
  if (loadError) return <p className="card__message card__message--danger">{loadError.message}</p>;
  return <p className="card__hint loading">{copy.connection.connecting}</p>;
}
