import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import type { ErrorView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { ErrorMessage } from '../components/error-message.js';
import type { FirstRunWizardProps } from '../components/wizard/first-run-wizard.js';
import { copy } from '../copy.js';
import type { RunsScreenProps } from './runs-screen.js';
import type { SettingsScreenProps } from './settings-screen.js';

/**
 * The screens a window does not show when it opens, each in a chunk of its own: the first paint
 * of the Overview (cold start, docs/benchmarks.md) loads only what the Overview shows. Each keeps
 * the name and props of the screen it stands for, so App composes them as before.
 */
export const SettingsScreen = lazyScreen<SettingsScreenProps>(() => import('./settings-screen.js').then((m) => m.SettingsScreen));
export const AuditScreen = lazyScreen<Parameters<typeof import('./audit-screen.js').AuditScreen>[0]>(() =>
  import('./audit-screen.js').then((m) => m.AuditScreen),
);
export const RunsScreen = lazyScreen<RunsScreenProps>(() => import('./runs-screen.js').then((m) => m.RunsScreen));
export const FirstRunWizard = lazyScreen<FirstRunWizardProps>(() => import('../components/wizard/first-run-wizard.js').then((m) => m.FirstRunWizard));

function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const make = () => lazy(async () => ({ default: await load() }));
  // One lazy component for every mount, so a screen shown again renders at once; a new one
  // only after a failed load, so "Try again" fetches the chunk again.
  let Screen = make();
  return function LoadedScreen(props: P) {
    const [attempt, setAttempt] = useState(0);
    const retry = () => {
      Screen = make();
      setAttempt((value) => value + 1);
    };
    return (
      <ScreenLoadBoundary key={attempt} onRetry={retry}>
        <Suspense fallback={<p className="card__hint loading">{copy.loadingScreen}</p>}>
          <Screen {...props} />
        </Suspense>
      </ScreenLoadBoundary>
    );
  };
}

interface BoundaryProps {
  children: ReactNode;
  onRetry(): void;
}

/**
 * A screen whose chunk cannot be fetched (the host stopped meanwhile) says so with a way to try
 * again, instead of taking the whole window down with it.
 */
class ScreenLoadBoundary extends Component<BoundaryProps, { error: ErrorView | null }> {
  override state: { error: ErrorView | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: ErrorView } {
    return { error: toErrorView(error, 'unexpected') };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card" data-testid="screen-load-error">
        <ErrorMessage error={this.state.error} />
        <button type="button" className="button" onClick={this.props.onRetry}>
          {copy.loadScreenAgain}
        </button>
      </div>
    );
  }
}
