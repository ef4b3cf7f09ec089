import { useCallback, useId, useState } from 'react';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import type { RunView, SupervisorState } from '../../app/common/contract.js';
import { AttentionStrip } from '../components/attention/attention-strip.js';
import { BotList } from '../components/bot-list.js';
import { QueuedRuns } from '../components/queued-runs.js';
import { RunDetail } from '../components/run-detail.js';
import { SessionCard } from '../components/session-card.js';
import { TodaySummary, todayHeadingId } from '../components/today-summary.js';
import { copy } from '../copy.js';
import type { RunFilter } from '../format/filter-runs.js';
import { absenceOutcome } from '../format/time-up-text.js';

export interface OverviewScreenProps {
  state: SupervisorState;
  selectedRun: RunView | undefined;
  connectionEpoch: number;
  onSelectRun(run: RunView): void;
  onOpenCompany(profileId: string, companyId: string): void;
  /** A Today count: Run history with today's runs of that outcome. */
  onOpenHistory(filter: RunFilter): void;
}

const skipToToday = () => document.getElementById(todayHeadingId)?.focus();

/** The everyday screen: what needs attention, today's runs, sign-in per profile, the bots, and the selected run's live log. */
export function OverviewScreen({ state, selectedRun, connectionEpoch, onSelectRun, onOpenCompany, onOpenHistory }: OverviewScreenProps) {
  const sessionsHeadingId = useId();
  // "View log" and "Open run" move focus to the run's detail: beside the bots on wide screens,
  // far below them (and scrolled into view by the focus) on narrow ones. Start keeps its own focus.
  const [focusRequest, setFocusRequest] = useState(0);
  const openRun = useCallback(
    (run: RunView) => {
      onSelectRun(run);
      setFocusRequest((count) => count + 1);
    },
    [onSelectRun],
  );
  return (
    <>
      {state.presence.status === 'absent' && state.presence.absentReason ? (
        <p className="banner banner--warning" role="status" data-testid="presence-away">
          {copy.presence.away[state.presence.absentReason]}
        </p>
      ) : null}
      <AttentionStrip items={state.attention} onOpenRun={openRun} onOpenCompany={onOpenCompany} absence={absenceOutcome(state.host.policy.onAbsence, state.profiles)} onSkipToToday={skipToToday} />
    <div className="layout">
      <div className="layout__column">
        <TodaySummary today={state.today} onOpenHistory={onOpenHistory} />
        <section className="panel" aria-labelledby={sessionsHeadingId}>
          <h2 id={sessionsHeadingId} className="panel__title">
            {copy.sessions.heading}
          </h2>
          {state.sessions.length === 0 ? (
            <p className="card__hint empty-state">{copy.sessions.noProfiles}</p>
          ) : (
            <div className="session-cards">
              {state.sessions.map((session) => (
                <SessionCard
                  key={session.profileId}
                  session={session}
                  thresholds={state.profiles.find((profile) => profile.id === session.profileId)?.warningMinutes}
                  liveRuns={state.runs.filter((run) => run.profileId === session.profileId && isLiveRunStatus(run.status)).length}
                  onOpenCompany={onOpenCompany}
                />
              ))}
            </div>
          )}
        </section>
        <QueuedRuns queue={state.queue ?? []} />
        <BotList bots={state.bots} profiles={state.profiles} runs={state.runs} botsDir={state.preferences.botsDir} selectedRunId={selectedRun?.id ?? null} onSelectRun={onSelectRun} onOpenLog={openRun} />
      </div>
      <RunDetail run={selectedRun} connectionEpoch={connectionEpoch} bots={state.bots} onSelectRun={onSelectRun} focusRequest={focusRequest} />
    </div>
    </>
  );
}
