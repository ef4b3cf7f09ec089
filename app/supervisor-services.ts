import type { AuditSettings } from './audit/audit-settings.js';
import type { AuditLog } from './audit/open-audit-trail.js';
import type { ProviderConfigurations } from './auth/provider-configurations.js';
import type { ProviderTokens } from './auth/provider-tokens.js';
import type { SignInService } from './auth/sign-in-service.js';
import type { BotCatalogue } from './bots/bot-catalogue.js';
import type { RunManager } from './bots/run-manager.js';
import type { TokenBroker } from './broker/token-broker.js';
import type { PreferencesStore } from './config/preferences-store.js';
import type { ProfileRegistry } from './config/profile-registry.js';
import type { ProfileStore } from './config/profile-store.js';
import type { HostView } from './common/contract.js';
import type { NoticeBoard } from './notice-board.js';
import type { Clock } from './ports/clock.js';
import type { BotScheduler } from './schedules/bot-scheduler.js';
import type { DeepLinkSelfTest } from './self-test/deep-link-self-test.js';
import type { CompanyConnections } from './session/company-connections.js';
import type { SessionManager } from './session/session-manager.js';

/**
 * The services `createSupervisor` composes, by name. Nothing receives this whole set: each
 * command module and the snapshot builder declare the few they use (`Pick<SupervisorServices, …>`).
 */
export interface SupervisorServices {
  clock: Clock;
  host: HostView;
  /** Built-in and stored profiles; owns which profiles have a client secret. */
  profiles: ProfileRegistry;
  /** The admin's stored provider profiles (the registry adds the built-in ones). */
  profileStore: ProfileStore;
  /** Each profile's discovered provider configuration, shared by every request to it. */
  providers: ProviderConfigurations;
  signIn: SignInService;
  /** Refresh and revocation at the provider. */
  tokens: ProviderTokens;
  sessions: SessionManager;
  /** HCSS partner companies and their cached company tokens. */
  companies: CompanyConnections;
  selfTest: DeepLinkSelfTest;
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
  /** Forwarding to the clinic's syslog collector, daily checkpoints, and the status Settings shows. */
  auditSettings: AuditSettings;
  notices: NoticeBoard;
  preferences: PreferencesStore;
  /** Bots' cron schedules: next and last firing, skips (S62). */
  schedules: BotScheduler;
}
