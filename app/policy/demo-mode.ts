import type { BuildFlavour } from '../config/app-identity.js';
import type { MachinePolicy } from './machine-policy.js';

/**
 * Whether this instance offers the Local sandbox and the demo bots. A packaged production build
 * (flavour `production`, Electron's `app.isPackaged`) has them only when an administrator turns
 * `demoMode` on; development runs (`npm start`) and the browser host have them unless the policy
 * turns them off. A locked-down policy has `demoMode: false`, so a broken policy file never
 * starts a provider that accepts `demo` / `demo-password`.
 */
export function demoModeFor(policy: Pick<MachinePolicy, 'demoMode'>, flavour: BuildFlavour): boolean {
  return policy.demoMode ?? flavour !== 'production';
}
