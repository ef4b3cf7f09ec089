import { copy } from '../copy.js';

export type ScreenId = 'overview' | 'runs' | 'audit' | 'settings';

export const screens: readonly ScreenId[] = ['overview', 'runs', 'audit', 'settings'];

export interface ScreenNavProps {
  current: ScreenId;
  onChange(screen: ScreenId): void;
}

/**
 * In-app sections. Buttons with aria-current rather than links: the app never navigates (the
 * Electron window denies navigation), it only swaps what <main> shows.
 */
export function ScreenNav({ current, onChange }: ScreenNavProps) {
  return (
    <nav className="screen-nav" aria-label={copy.nav.label}>
      <ul className="screen-nav__list">
        {screens.map((screen) => (
          <li key={screen}>
            <button
              type="button"
              className={screen === current ? 'screen-nav__item screen-nav__item--current' : 'screen-nav__item'}
              aria-current={screen === current ? 'page' : undefined}
              onClick={() => onChange(screen)}
              data-testid={`nav-${screen}`}
            >
              {copy.nav[screen]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
