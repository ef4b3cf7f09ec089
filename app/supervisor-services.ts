import type { AuditLog } from './audit/open-audit-trail.js';
import type { SignInService } from './auth/sign-in-service.js';
import type { BotCatalogue } from './bots/bot-catalogue.js';
import type { RunManager } from './bots/run-manager.js';
import type { TokenBroker } from './broker/token-broker.js';
import type { PreferencesStore } from './config/preferences-store.js';
import type { ProfileRegistry } from './config/profile-registry.js';
import type { HostView } from './common/contract.js';
import type { NoticeBoard } from './notice-board.js';
import type { CorePorts } from './ports/index.js';
import type { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import type { ProfileStore } from './config/profile-store.js';
import type { CompanyConnections } from './session/company-connections.js';
import type { SessionManager } from './session/session-manager.js';

/**
 * The services the facade composes. Each owns one concern; command modules in app/commands/
 * and the snapshot builder read from them, so no single object grows into a god object.
 */
export interface SupervisorServices {
  ports: CorePorts;
  scheme: string;
  host: HostView;
  profiles: ProfileRegistry;
  sessions: SessionManager;
  signIn: SignInService;
  broker: TokenBroker;
  runs: RunManager;
  /** The bots folder, watched; `setDir` switches folders when the preference changes. */
  catalogue: BotCatalogue;
  /**
   * The tamper-evident audit trail. Anything that changes settings records it here, e.g.
   * `audit.record({ type: 'settingsChanged', actor, profileId, detail: 'Profile "X" saved.' })`.
   * Never put a token, an authorization code or a secret in a record.
   */
  audit: AuditLog;
  notices: NoticeBoard;
  preferences: PreferencesStore;
  selfTest: DeepLinkSelfTest;
  /** Profiles with a stored client secret (the secret itself stays in the SecretStore). */
  profilesWithSecret: Set<string>;
  /** The admin's stored provider profiles (the registry adds the built-in ones). */
  profileStore: ProfileStore;
  /** HCSS partner companies and their cached company tokens. */
  companies: CompanyConnections;
}
