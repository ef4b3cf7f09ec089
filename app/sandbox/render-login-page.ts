import { escapeHtml } from './escape-html.js';
import { renderHtmlPage, type RenderedHtmlPage } from './render-html-page.js';
import { interactionPaths } from './interaction-paths.js';

export const wrongCredentialsMessage = 'The username or password is not right.';

export interface LoginPageOptions {
  interactionUid: string;
  /** Shown so that staff know which app asked them to sign in. */
  clientName: string;
  /** Echoed back after a failed attempt so that only the password needs retyping. */
  username?: string;
  error?: string;
  /** The demo sign-in, shown only when that user exists in this sandbox. */
  demoHint?: { username: string; password: string };
}

export function renderLoginPage(options: LoginPageOptions): RenderedHtmlPage {
  const paths = interactionPaths(options.interactionUid);
  const error = options.error
    ? `<p class="error" id="login-error" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error"' : '';
  const hint = options.demoHint
    ? `<p class="hint">Demo sign-in: username <strong>${escapeHtml(options.demoHint.username)}</strong>, password <strong>${escapeHtml(options.demoHint.password)}</strong>.</p>`
    : '';
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
