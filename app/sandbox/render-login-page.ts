import { escapeHtml } from './escape-html.js';
import { renderHtmlPage, type RenderedHtmlPage } from './render-html-page.js';
import { interactionPaths } from './interaction-paths.js';
import type { DemoSignInHint } from './sandbox-accounts.js';

export const wrongCredentialsMessage = 'The username or password is not right.';

export interface LoginPageOptions {
  interactionUid: string;
  /** Shown so that staff know which app asked them to sign in. */
  clientName: string;
  /** Echoed back after a failed attempt so that only the password needs retyping. */
  username?: string;
  error?: string;
  /** The documented demo sign-ins that exist in this sandbox (none: no hint). */
  demoHints?: readonly DemoSignInHint[];
}

export function renderLoginPage(options: LoginPageOptions): RenderedHtmlPage {
  const paths = interactionPaths(options.interactionUid);
  const error = options.error
    ? `<p class="error" id="login-error" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error"' : '';
  const hint = renderDemoHints(options.demoHints ?? []);
  const bodyHtml = `<main>
<h1>Sign in to the Local sandbox</h1>
<p><strong>${escapeHtml(options.clientName)}</strong> is asking you to sign in. This sandbox is for demonstrations and tests only.</p>
${hint}
${error}
<form method="post" action="${escapeHtml(paths.login)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(options.username ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
<div class="actions">
<button type="submit">Sign in</button>
</div>
</form>
<form method="post" action="${escapeHtml(paths.abort)}">
<button type="submit">Cancel</button>
</form>
</main>`;
  return renderHtmlPage({ title: 'Sign in – Local sandbox', bodyHtml });
}

function renderDemoHints(hints: readonly DemoSignInHint[]): string {
  const one = (hint: DemoSignInHint) => `username <strong>${escapeHtml(hint.username)}</strong>, password <strong>${escapeHtml(hint.password)}</strong>`;
  const [first] = hints;
  if (first === undefined) return '';
  if (hints.length === 1) return `<p class="hint">Demo sign-in: ${one(first)}.</p>`;
  // A practice group's accounts: each signs in to one company, so each line says which.
  const items = hints.map((hint) => `<li>${one(hint)}${hint.companyId ? ` (company ${escapeHtml(hint.companyId)})` : ''}</li>`).join('');
  return `<div class="hint"><p>Demo sign-ins, one company each:</p><ul>${items}</ul></div>`;
}
