import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorView, RunView, SupervisorApi, SupervisorState } from '../app/common/contract.js';
import { toErrorView } from '../app/common/error-view.js';
import { AppHeader } from './components/app-header.js';
import { AttentionToasts } from './components/attention/attention-toasts.js';
import { focusAttentionItem } from './components/attention/attention-strip.js';
import { CommandAlert } from './components/command-alert.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { ErrorMessage } from './components/error-message.js';
import { ExpiryBanners } from './components/expiry-warning.js';
import { NoticeList } from './components/notice-list.js';
import { pasteLinkInputId } from './components/paste-link-box.js';
import { ScreenNav, type ScreenId } from './components/screen-nav.js';
import { copy } from './copy.js';
import { summariseSessions } from './format/summarise-sessions.js';
import { OverviewScreen } from './screens/overview-screen.js';
import { companyElementId } from './components/settings/company-item.js';
import { FirstRunWizard } from './components/wizard/first-run-wizard.js';
import { AuditScreen } from './screens/audit-screen.js';
import { emptyRunFilter, type RunFilter } from './format/filter-runs.js';
import { historyCountId, RunsScreen } from './screens/runs-screen.js';
import { SettingsScreen } from './screens/settings-screen.js';
import { signInsUnderway } from './format/sign-in-busy.js';
import { SignInsUnderwayContext } from './state/sign-ins-underway.js';
import { SupervisorContext, type SupervisorContextValue } from './state/supervisor-context.js';
import type { SupervisorStore } from './state/supervisor-store.js';
import { useFocusReturn } from './state/use-focus-return.js';
import { useSignInFocus } from './state/use-sign-in-focus.js';
import { usePresenceReports } from './state/use-presence-reports.js';
import { useSupervisorState } from './state/use-supervisor-state.js';

export interface AppProps {
  api: SupervisorApi;
  store: SupervisorStore;
}

/**
 * Composes the window: the always-visible header and banners, the section navigation, and the
 * current screen (or the first-run wizard). It holds only UI state (screen, selected run, last
 * command error); everything else comes from the core's snapshot.
 */
export function App({ api, store }: AppProps) {
  const snapshot = useSupervisorState(store);
  const { state } = snapshot;
  const [commandError, setCommandError] = useState<ErrorView | null>(null);
  const [screen, setScreen] = useState<ScreenId>('overview');
  const [selectedRunId, setSelectedRunId] = useState<string | null>(null);
  // The Run history's filters live as long as the page: Settings and back finds them as left.
  const [historyFilter, setHistoryFilter] = useState<RunFilter>(emptyRunFilter);
  // startRun answers before the next state snapshot lists the run; show it meanwhile.
  const [startedRun, setStartedRun] = useState<RunView | null>(null);
  const [wizardRequested, setWizardRequested] = useState(false);
  const [closingWizard, setClosingWizard] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  const reportError = useCallback((error: unknown) => setCommandError(toErrorView(error, 'unexpected')), []);
  const clearError = useCallback(() => setCommandError(null), []);
  const context = useMemo<SupervisorContextValue>(() => ({ api, reportError, clearError, refreshState: store.refresh }), [api, reportError, clearError, store]);
  // The store keeps an unchanged sessions list's identity, so this changes only with a session.
  const sessions = state?.sessions;
  const underway = useMemo(() => signInsUnderway(sessions ?? []), [sessions]);

  const selectRun = useCallback((run: RunView) => {
    setStartedRun(run);
    setSelectedRunId(run.id);
  }, []);

  const selectedRun = selectedRunId === null ? undefined : (findRun(state, selectedRunId) ?? (startedRun?.id === selectedRunId ? startedRun : undefined));
  const showWizard = state !== null && (wizardRequested || !state.preferences.wizardCompleted);

  const closeWizard = useCallback(async () => {
    setClosingWizard(true);
    // Where the wizard leaves you, chosen before it closes: the state that closes it can arrive
    // before the save's answer, and a section picked in between must not be taken back.
    setScreen('overview');
    try {
      await api.invoke('savePreferences', { wizardCompleted: true });
      setWizardRequested(false);
      await store.refresh();
      // The Overview starts at its top, and focus at the start of the content rather than lost
      // with the wizard's last button (the wizard is long: its end is far down the scroll area).
      requestAnimationFrame(() => {
        mainRef.current?.scrollTo({ top: 0 });
        if (document.activeElement === null || document.activeElement === document.body) mainRef.current?.focus({ preventScroll: true });
      });
    } catch (error) {
      reportError(error);
    } finally {
      setClosingWizard(false);
    }
  }, [api, reportError, store]);

  // Asked for from the foot of Settings: the wizard starts at its top (its first step's heading
  // takes focus), not scrolled as far down as the button that opened it.
  const openWizard = useCallback(() => {
    setWizardRequested(true);
    requestAnimationFrame(() => mainRef.current?.scrollTo({ top: 0 }));
  }, []);

  // The window title carries the count of new attention items and the most urgent session
  // status, for the taskbar and tab strip.
  const titleSummary = state ? summariseSessions(state.sessions).text : null;
  const attentionCount = state ? state.attention.filter((item) => !item.acknowledged).length : 0;
  useEffect(() => {
    const base = titleSummary ? `${copy.appName} — ${titleSummary}` : copy.appName;
    document.title = attentionCount > 0 ? `(${attentionCount}) ${base}` : base;
  }, [titleSummary, attentionCount]);

  usePresenceReports(api, state?.host.kind === 'browser', state?.presence.idleAfterMs);
  useFocusReturn();
  useSignInFocus();
  const openAttentionItem = useCallback((itemId: string) => {
    setScreen('overview');
    // After the Overview has rendered the strip.
    requestAnimationFrame(() => focusAttentionItem(itemId));
  }, []);
  useEffect(() => {
    const subscription = api.on('focusAttention', ({ itemId }) => openAttentionItem(itemId));
    return () => subscription.dispose();
  }, [api, openAttentionItem]);
  // Without the core no command can work: every control is disabled (a disabled fieldset), and
  // the connection banner above says why and what to do.
  // Not while briefly reconnecting: a disabled field drops what the person is typing, and any
  // command pressed meanwhile is refused at once with a message saying to wait (not_connected).
  const offline = snapshot.connection === 'gone' || snapshot.connection === 'rejected';
  // With every control disabled, the scrolling content itself takes keyboard focus so it can still be read and scrolled.

  const changeScreen = (next: ScreenId) => {
    setScreen(next);
    clearError();
    // One scroll area serves every section; a new section starts at its top.
    mainRef.current?.scrollTo({ top: 0 });
  };
  // A Today count: its runs in Run history, and focus on how many there are.
  const openHistory = (filter: RunFilter) => {
    setHistoryFilter(filter);
    changeScreen('runs');
    requestAnimationFrame(() => document.getElementById(historyCountId)?.focus());
  };
  // A company item's "Open in Settings": the entry says what the company needs, and Connect is beside it.
  const openCompany = (profileId: string, companyId: string) => {
    changeScreen('settings');
    requestAnimationFrame(() => {
      const entry = document.getElementById(companyElementId(profileId, companyId));
      if (entry) entry.focus();
      else mainRef.current?.focus();
    });
  };

  // The browser host cannot open app links, so a sign-in ends in the waiting card's paste box,
  // which only the Overview has (the wizard shows its own card): the header leads there.
  const openPasteLink = (profileId: string) => {
    changeScreen('overview');
    requestAnimationFrame(() => {
      const box = document.getElementById(pasteLinkInputId(profileId));
      if (box) box.focus();
      else mainRef.current?.focus();
    });
  };
  const pasteLinkOffered = state?.host.kind === 'browser' && !showWizard;

  return (
    <SupervisorContext value={context}>
      <SignInsUnderwayContext value={underway}>
        <div className="app-top">
          <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
            {copy.skipToContent}
          </button>
          <fieldset className="controls" role="none" disabled={offline} data-testid="top-controls">
            <AppHeader sessions={state?.sessions} profiles={state?.profiles} runs={state?.runs} onPasteLink={pasteLinkOffered ? openPasteLink : undefined} />
            {state && !showWizard ? <ScreenNav current={screen} onChange={changeScreen} /> : null}
            {/* Expiry warnings sit with the header, so they stay in view however far the page scrolls. */}
            {state ? <ExpiryBanners sessions={state.sessions} profiles={state.profiles} /> : null}
          </fieldset>
        </div>
        <main ref={mainRef} className="app-main" tabIndex={offline ? 0 : -1} data-screen={showWizard ? 'wizard' : screen}>
          <div className="app-content">
            <ConnectionBanner status={snapshot.connection} hostKind={state?.host.kind} />
            <fieldset className="controls controls--content" role="none" disabled={offline} data-testid="content-controls">
              <CommandAlert error={commandError} onDismiss={clearError} />
              {state === null ? (
                <LoadingMessage loadError={snapshot.loadError} rejected={snapshot.connection === 'rejected' || snapshot.connection === 'gone'} />
              ) : (
                <>
                  <NoticeList notices={state.notices} screen={showWizard ? 'wizard' : screen} />
                  {showWizard ? (
                    <FirstRunWizard state={state} onClose={() => void closeWizard()} closing={closingWizard} focusOnOpen={wizardRequested} />
                  ) : screen === 'overview' ? (
                    <OverviewScreen state={state} selectedRun={selectedRun} connectionEpoch={snapshot.connectionEpoch} onSelectRun={selectRun} onOpenCompany={openCompany} onOpenHistory={openHistory} />
                  ) : screen === 'runs' ? (
                    <RunsScreen state={state} selectedRun={selectedRun} connectionEpoch={snapshot.connectionEpoch} onSelectRun={selectRun} filter={historyFilter} onFilterChange={setHistoryFilter} />
                  ) : screen === 'audit' ? (
                    <AuditScreen profiles={state.profiles} bots={state.bots} companies={state.companies} />
                  ) : (
                    <SettingsScreen state={state} onRunWizard={openWizard} />
                  )}
                </>
              )}
            </fieldset>
          </div>
        </main>
        {state && state.host.kind === 'browser' ? <AttentionToasts items={state.attention} onOpen={openAttentionItem} /> : null}
      </SignInsUnderwayContext>
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
  if (loadError) return <ErrorMessage error={loadError} />;
  return <p className="card__hint loading">{copy.connection.connecting}</p>;
}
