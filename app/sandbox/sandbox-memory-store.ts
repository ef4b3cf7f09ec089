import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * A per-sandbox in-memory adapter for oidc-provider. The library's own memory adapter shares one
 * module-wide LRU between providers and warns on every start; tests and benchmarks run several
 * sandboxes in one process, so each sandbox gets its own isolated store instead.
 */
interface StoredEntry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** Models whose entries are revoked together when their grant is revoked. */
const grantableModels = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'ClientCredentials']);

const sweepEveryWrites = 500;

export class SandboxMemoryStore {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly grantMembers = new Map<string, Set<string>>();
  private readonly uidIndex = new Map<string, string>();
  private readonly userCodeIndex = new Map<string, string>();

  private writesSinceSweep = 0;

  constructor(readonly now: () => number = Date.now) {}

  /** The factory oidc-provider's `adapter` option expects. */
  readonly adapterFactory: AdapterFactory = (model: string) => new SandboxMemoryAdapter(model, this);

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds: number | undefined, model: string): void {
    this.sweepOccasionally();
    this.delete(key);
    const expiresAt = expiresInSeconds === undefined ? undefined : this.now() + expiresInSeconds * 1000;
    this.entries.set(key, { payload, expiresAt });
    if (payload.uid && model === 'Session') this.uidIndex.set(payload.uid, key);
    if (payload.userCode) this.userCodeIndex.set(payload.userCode, key);
    if (payload.grantId && grantableModels.has(model)) {
      const members = this.grantMembers.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.grantMembers.set(payload.grantId, members);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const { uid, userCode, grantId } = entry.payload;
    if (uid && this.uidIndex.get(uid) === key) this.uidIndex.delete(uid);
    if (userCode && this.userCodeIndex.get(userCode) === key) this.userCodeIndex.delete(userCode);
    if (grantId) this.grantMembers.get(grantId)?.delete(key);
  }

  /** Benchmarks sign in thousands of times; expired entries must not pile up until read. */
  private sweepOccasionally(): void {
    this.writesSinceSweep += 1;
    if (this.writesSinceSweep < sweepEveryWrites) return;
    this.writesSinceSweep = 0;
    for (const key of [...this.entries.keys()]) this.get(key);
  }

  keyForUid(uid: string): string | undefined {
    return this.uidIndex.get(uid);
  }

  keyForUserCode(userCode: string): string | undefined {
    return this.userCodeIndex.get(userCode);
  }

  revokeGrant(grantId: string): void {
    const members = this.grantMembers.get(grantId);
    this.grantMembers.delete(grantId);
    for (const key of members ?? []) this.delete(key);
  }

  /** Number of live entries; lets tests prove that revocation and expiry really remove data. */
  get size(): number {
    for (const key of [...this.entries.keys()]) this.get(key);
    return this.entries.size;
  }
}

export class SandboxMemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: SandboxMemoryStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.key(id), payload, expiresIn, this.model);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const key = this.store.keyForUid(uid);
    return key === undefined ? undefined : this.store.get(key);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const key = this.store.keyForUserCode(userCode);
    return key === undefined ? undefined : this.store.get(key);
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    // oidc-provider stores `consumed` as epoch seconds and reads it to detect code replay.
    if (payload) payload.consumed = Math.floor(this.store.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);
  }
}
