import type { BuildFlavour } from './config/app-identity.js';
import type { SupervisorApi } from './contract.js';
import type { CorePorts } from './ports/index.js';

export interface SupervisorOptions {
  ports: CorePorts;
  /** Where run history, run logs and the audit trail are written. */
  dataDir: string;
  /** Picks the custom scheme (production or development). */
  flavour: BuildFlavour;
  /** Folder holding `*.bot.json` manifests. */
  botsDir: string;
  /** Starts the embedded sandbox provider when the Local sandbox profile is used. */
  sandbox?: { port?: number; accessTokenTtlSeconds?: number };
}

/** The core facade: composes the services and exposes them to a host. */
export interface Supervisor {
  /** Validated commands and pushed events; the host binds this to its transport. */
  readonly api: SupervisorApi;
  /** The custom scheme this instance answers to. */
  readonly scheme: string;
  /** Deep-link intake. Never throws: bad links are logged (without the code) and surface as state. */
  deliverRedirect(url: string): Promise<void>;
  /** Re-evaluates expiry from wall-clock time; hosts call it on resume and unlock. */
  recheck(): void;
  /** Stops bots (halted), the broker and the sandbox. */
  shutdown(): Promise<void>;
}

export async function createSupervisor(_options: SupervisorOptions): Promise<Supervisor> {
  throw new Error('not implemented yet');
}
