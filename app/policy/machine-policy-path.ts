import { posix, win32 } from 'node:path';

/** Names the test and development override of the policy file's location. */
export const policyFileOverrideVariable = 'RPA_SUPERVISOR_POLICY_FILE';

/**
 * Where an administrator puts the machine policy: a folder only administrators can write on each
 * platform. `allowOverride` is for development builds, the browser host and tests; a packaged app
 * ignores the variable, so a user cannot point it at a file of their own.
 */
export function machinePolicyPath(options: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; allowOverride: boolean }): string {
  const override = options.env[policyFileOverrideVariable];
  if (options.allowOverride && override !== undefined && override !== '') return override;
  switch (options.platform) {
    case 'win32':
      return win32.join(options.env.ProgramData ?? 'C:\\ProgramData', 'RPA Supervisor', 'policy.json');
    case 'darwin':
      return posix.join('/Library', 'Application Support', 'RPA Supervisor', 'policy.json');
    default:
      return posix.join('/etc', 'rpa-supervisor', 'policy.json');
  }
}
