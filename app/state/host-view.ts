import type { HostView } from '../common/contract.js';
import { customSchemeRedirectUri, type BuildFlavour } from '../config/app-identity.js';
import { policyView } from '../policy/policy-view.js';
import type { MachinePolicyState } from '../policy/read-machine-policy.js';

/** What the page is told about the host it runs in: fixed for the life of the core. */
export function buildHostView(input: { kind: HostView['kind']; scheme: string; secretsPersistent: boolean; flavour: BuildFlavour; dataDir: string; sandboxOffered: boolean; policy: MachinePolicyState }): HostView {
  return {
    kind: input.kind,
    scheme: input.scheme,
    secretsPersistent: input.secretsPersistent,
    flavour: input.flavour,
    appLinkRedirectUri: customSchemeRedirectUri(input.scheme),
    dataDir: input.dataDir,
    sandboxOffered: input.sandboxOffered,
    policy: policyView(input.policy),
  };
}
