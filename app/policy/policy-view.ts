import type { PolicyView } from '../common/contract.js';
import type { MachinePolicyState } from './read-machine-policy.js';

/** What the window may know of the policy: what it allows, never anything secret (it holds none). */
export function policyView(state: MachinePolicyState): PolicyView {
  const { policy } = state;
  return {
    source: state.kind === 'absent' ? 'none' : state.kind === 'applied' ? 'file' : 'lockedDown',
    path: state.path,
    // The notice can be dismissed; Settings keeps saying why, for whoever fixes the file.
    ...(state.kind === 'lockedDown' ? { problem: { code: state.code, detail: state.detail } } : {}),
    allowUserProfiles: policy.allowUserProfiles,
    ...(policy.bots.allowedFolders ? { allowedBotFolders: [...policy.bots.allowedFolders] } : {}),
    allowEnvTokenDelivery: policy.bots.allowEnvTokenDelivery,
    ...(policy.updates ? { updateFeedUrl: policy.updates.feedUrl } : {}),
    ...(policy.supervision?.onAbsence ? { onAbsence: policy.supervision.onAbsence } : {}),
    ...(policy.supervision?.askWhoSignsIn === true ? { askWhoSignsIn: true as const } : {}),
    ...(state.kind !== 'lockedDown' && policy.fleet?.enabled === true && policy.fleet.redisUrl !== undefined ? { fleetEnabled: true } : {}),
  };
}
