import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider, errors as OidcErrors } from 'oidc-provider';
import type { Logger } from '../ports/logger.js';
import type { DemoSignInHint, SandboxAccounts } from './sandbox-accounts.js';
import { interactionPathPrefix } from './interaction-paths.js';
import { renderLoginPage, wrongCredentialsMessage } from './render-login-page.js';
import { renderErrorPage } from './render-error-page.js';
import { sendHtml } from './http-responses.js';
import { FormBodyError, readFormBody } from './read-form-body.js';
import { apiScope, oidcScopes } from './build-oidc-configuration.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface InteractionHandlerOptions {
  provider: Provider;
  accounts: SandboxAccounts;
  resource: string;
  demoHints: readonly DemoSignInHint[];
  errors: typeof OidcErrors;
  logger: Logger;
}

export type InteractionHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * The sandbox's own one-page sign-in: GET shows the form, POST `/login` checks the password and
 * grants the requested scopes in the same step (staff never see a consent page), POST `/abort`
 * answers the app with `access_denied`.
 */
export function createInteractionHandler(options: InteractionHandlerOptions): InteractionHandler {
  const { provider } = options;

  return async (req, res, pathname) => {
    const [uid, action, ...rest] = pathname.slice(interactionPathPrefix.length).split('/');
    const route = action === undefined ? 'page' : action;
    const method = req.method ?? 'GET';
    const known = (route === 'page' && method === 'GET') || ((route === 'login' || route === 'abort') && method === 'POST');
    if (!uid || rest.length > 0 || !known) {
      sendHtml(res, 404, renderErrorPage({ title: 'Page not found', error: 'This sign-in address is not known.' }));
      return;
    }

    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch (error) {
      if (!(error instanceof options.errors.SessionNotFound)) throw error;
      sendExpired(res);
      return;
    }
    if (encodeURIComponent(interaction.uid) !== uid) {
      sendExpired(res);
      return;
    }

    if (route === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    if (interaction.prompt.name === 'consent') {
      // Only reached when a session already exists; the sandbox's clients are first-party.
      const grantId = await grantRequested(options, interaction, interaction.session?.accountId);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (interaction.prompt.name !== 'login') {
      sendHtml(res, 400, renderErrorPage({ title: 'Sign-in could not continue', error: `Unsupported step: ${interaction.prompt.name}` }));
      return;
    }

    const clientName = await clientDisplayName(provider, interaction);
    if (route === 'page') {
      sendHtml(res, 200, renderLoginPage({ interactionUid: interaction.uid, clientName, demoHints: options.demoHints }));
      return;
    }

    let form: URLSearchParams;
    try {
      form = await readFormBody(req);
    } catch (error) {
      if (!(error instanceof FormBodyError)) throw error;
      res.setHeader('connection', 'close');
      sendHtml(res, error.status, renderErrorPage({ title: 'Sign-in could not continue', error: error.message }));
      return;
    }
    const username = form.get('username') ?? '';
    const user = options.accounts.authenticate(username, form.get('password') ?? '');
    if (!user) {
      options.logger.info('Sandbox sign-in refused: wrong username or password.');
      const page = renderLoginPage({ interactionUid: interaction.uid, clientName, username, error: wrongCredentialsMessage, demoHints: options.demoHints });
      sendHtml(res, 200, page);
      return;
    }
    const grantId = await grantRequested(options, interaction, user.subject);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.subject }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };
}

function sendExpired(res: ServerResponse): void {
  sendHtml(res, 400, renderErrorPage({
    title: 'This sign-in page has expired',
    error: 'The sign-in was already finished, cancelled or timed out.',
  }));
}

async function clientDisplayName(provider: Provider, interaction: Interaction): Promise<string> {
  const clientId = String(interaction.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  return client?.clientName ?? clientId;
}

/** Grants everything the app asked for that the sandbox knows, so no consent page is needed. */
async function grantRequested(options: InteractionHandlerOptions, interaction: Interaction, accountId: string | undefined): Promise<string> {
  const { provider } = options;
  const clientId = String(interaction.params.client_id ?? '');
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const requested = new Set(String(interaction.params.scope ?? '').split(' ').filter(Boolean));
  const known = new Set<string>(oidcScopes);
  const grantedOidc = [...requested].filter((scope) => known.has(scope));
  if (grantedOidc.length > 0) grant.addOIDCScope(grantedOidc);
  const details = interaction.prompt.details as { missingOIDCClaims?: string[] };
  if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
  if (requested.has(apiScope)) grant.addResourceScope(options.resource, apiScope);
  return grant.save();
}
