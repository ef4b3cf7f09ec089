import type { Provider, ResourceServer, errors as OidcErrors } from 'oidc-provider';
import type { SandboxCompanyConsents } from './sandbox-company-consents.js';

/**
 * The `company` grant mimics HCSS partner authentication: a confidential partner client swaps
 * its own credentials plus a `CompanyId` for an access token acting for that company.
 */
export const companyGrantType = 'company';

export interface CompanyGrantOptions {
  resource: string;
  resourceServer: ResourceServer;
  /** Companies known to the sandbox and whether each has the app added; others are refused. */
  consents: SandboxCompanyConsents;
  errors: typeof OidcErrors;
}

export function registerCompanyGrant(provider: Provider, options: CompanyGrantOptions): void {
  const { errors } = options;
  const resourceScopes = new Set(options.resourceServer.scope.split(' '));

  provider.registerGrantType(
    companyGrantType,
    async (ctx) => {
      const { client, params } = ctx.oidc;
      // oidc-provider already refuses clients without `company` in grant_types; this keeps a
      // public client out even if someone registers one with that grant type.
      if (client.clientAuthMethod === 'none') {
        throw new errors.UnauthorizedClient('the company grant requires client authentication');
      }
      const companyId = params.CompanyId;
      if (typeof companyId !== 'string' || companyId === '') {
        throw new errors.InvalidRequest("missing required parameter 'CompanyId'");
      }
      if (!options.consents.isKnown(companyId)) {
        throw new errors.InvalidGrant('the CompanyId is not known to this provider');
      }
      // HCSS: "This flow will only work if a customer has added your application in the marketplace."
      if (!options.consents.hasConsented(companyId)) {
        throw new errors.InvalidGrant('the company has not added this application in the marketplace');
      }
      const requested = typeof params.scope === 'string' && params.scope !== '' ? params.scope.split(' ') : [...resourceScopes];
      const unknown = requested.filter((scope) => !resourceScopes.has(scope));
      if (unknown.length > 0) throw new errors.InvalidScope('requested scope is not available for the company grant', unknown.join(' '));

      const token = new provider.ClientCredentials({
        client,
        scope: requested.join(' '),
        resourceServer: new provider.ResourceServer(options.resource, options.resourceServer),
      });
      const accessToken = await token.save();
      ctx.body = {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: token.expiration,
        scope: token.scope,
      };
    },
    ['CompanyId', 'scope'],
  );
}
