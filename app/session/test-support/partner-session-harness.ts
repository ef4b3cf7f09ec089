import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import type { SessionView, SupervisorState } from '../../common/contract.js';
import type { SandboxProfileOptions } from '../../config/profile-registry.js';
import { sandboxPartnerProfileId } from '../../config/profile.js';
import { JsonLinesLogger } from '../../logging/json-lines-logger.js';
import { systemClock } from '../../ports/clock.js';
import { MemorySecretStore } from '../../ports/secret-store.js';
import { MemorySettingsStore } from '../../ports/settings-store.js';
import { demoUser, type SandboxUser } from '../../sandbox/sandbox-accounts.js';
import type { IssuedTokens } from '../../sandbox/sandbox-provider.js';
import { createSupervisor, type Supervisor } from '../../supervisor.js';

const apiBot = resolve(import.meta.dirname, '../../../bots/api-bot/api-bot.mjs');

/** A bot manifest on the partner profile, taking its company token from the broker. */
export interface PartnerBot {
  id: string;
  name: string;
  company: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The sample API bot doing a company's claims; its log says which company it worked for. */
export function apiBotFor(company: string): PartnerBot {
  return { id: `bot-${company}`, name: `Claims for ${company}`, command: 'node', args: [apiBot], company, env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } };
}

export interface PartnerSessionOptions {
  bots: PartnerBot[];
  /** Passed to the embedded sandbox, which always offers the HCSS partner profile here. */
  sandbox?: Omit<SandboxProfileOptions, 'partner'>;
}

/**
 * The whole core on the real partner sandbox, for the tests of people and companies on the
 * "Local sandbox (HCSS partner)" profile. Only the system browser is replaced: it logs in at the
 * provider as whoever `connectAs` or `signInAs` named, over plain HTTP, and hands the callback over
 * as the OS would.
 */
export class PartnerSession {
  readonly profileId = sandboxPartnerProfileId;
  /** Holds the partner profile's per-launch client secret, for tests that talk to the provider directly. */
  readonly secrets = new MemorySecretStore();
  /** Every URL the system browser was asked to open, in order. */
  readonly authorizationUrls: URL[] = [];
  /** Every token endpoint answer the provider sent: the literal secrets no view may carry. */
  readonly issued: IssuedTokens[] = [];
  /** Who types their HCSS account into the provider's login page next. */
  #person: SandboxUser = demoUser;
  #supervisor: Supervisor | undefined;
  #dataDir: string | undefined;

  get supervisor(): Supervisor {
    if (this.#supervisor === undefined) throw new Error('The partner session is not started: call usePartnerSession at the top of the test file.');
    return this.#supervisor;
  }

  async start(options: PartnerSessionOptions): Promise<void> {
    const dataDir = await mkdtemp(join(tmpdir(), 'rpa-partner-session-'));
    this.#dataDir = dataDir;
    const botsDir = join(dataDir, 'bots');
    await mkdir(botsDir, { recursive: true });
    for (const { id, ...bot } of options.bots) {
      await writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, ...bot, profileId: this.profileId, tokenDelivery: 'broker' }));
    }
    this.#supervisor = await createSupervisor({
      ports: {
        browser: {
          open: async (url) => {
            this.authorizationUrls.push(new URL(url));
            const running = this.#supervisor?.sandbox;
            if (running) await this.#supervisor?.deliverRedirect(await running.completeLoginWithoutBrowser(url, this.#person));
          },
        },
        secrets: this.secrets,
        settings: new MemorySettingsStore(),
        clock: systemClock,
        notifier: { notify: () => undefined },
        logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
      },
      dataDir,
      flavour: 'development',
      botsDir,
      sandbox: { ...options.sandbox, partner: true },
    });
    this.#supervisor.sandbox?.onTokensIssued((tokens) => this.issued.push(tokens));
  }

  state(): Promise<SupervisorState> {
    return this.supervisor.api.invoke('getState', {});
  }

  /** The Overview's sign-in card of the partner profile. */
  async card(): Promise<SessionView | undefined> {
    return (await this.state()).sessions.find((s) => s.profileId === this.profileId);
  }

  async signedInAs(): Promise<string | undefined> {
    return (await this.card())?.user?.subject;
  }

  async until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    await vi.waitFor(
      async () => {
        if (!(await condition())) throw new Error(`Timed out: ${what}`);
      },
      { timeout: 20_000, interval: 20 },
    );
  }

  /** Connect a company, logging in at the provider as `user`; resolves once the companies changed. */
  async connectAs(user: SandboxUser): Promise<void> {
    this.#person = user;
    const opened = this.authorizationUrls.length;
    const before = JSON.stringify((await this.state()).companies);
    await this.supervisor.api.invoke('connectCompany', { profileId: this.profileId });
    await this.until(() => this.authorizationUrls.length > opened, 'the provider to be opened');
    await this.until(async () => JSON.stringify((await this.state()).companies) !== before, 'the companies to change');
  }

  /** Sign in to the partner profile as `user`; resolves once the card names them. */
  async signInAs(user: SandboxUser): Promise<void> {
    this.#person = user;
    await this.supervisor.api.invoke('signIn', { profileId: this.profileId });
    await this.until(async () => (await this.signedInAs()) === user.subject, `${user.name} to be signed in`);
  }

  async close(): Promise<void> {
    await this.#supervisor?.shutdown();
    if (this.#dataDir !== undefined) await rm(this.#dataDir, { recursive: true, force: true });
  }
}

/** One partner session for a test file: started before its first test, shut down after its last. */
export function usePartnerSession(options: PartnerSessionOptions): PartnerSession {
  const partner = new PartnerSession();
  beforeAll(() => partner.start(options), 60_000);
  afterAll(() => partner.close());
  return partner;
}
