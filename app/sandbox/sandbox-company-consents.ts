/** One company the sandbox knows, and whether it currently lets the partner app act for it. */
export interface SandboxCompanyConsent {
  companyId: string;
  consented: boolean;
}

/**
 * Which companies have added the partner app in the (mimicked) HCSS Marketplace. HCSS serves the
 * `company` grant only while a customer keeps the app added; a company admin can remove it at
 * any time, and the partner then learns it from the next refused grant. Every company the sandbox
 * knows starts consented.
 */
export class SandboxCompanyConsents {
  readonly #known: ReadonlySet<string>;
  readonly #withdrawn = new Set<string>();

  constructor(known: Iterable<string>) {
    this.#known = new Set(known);
  }

  isKnown(companyId: string): boolean {
    return this.#known.has(companyId);
  }

  hasConsented(companyId: string): boolean {
    return this.#known.has(companyId) && !this.#withdrawn.has(companyId);
  }

  /** The company removes the app; false when the sandbox does not know the company. */
  withdraw(companyId: string): boolean {
    if (!this.#known.has(companyId)) return false;
    this.#withdrawn.add(companyId);
    return true;
  }

  /** The company adds the app again; false when the sandbox does not know the company. */
  consent(companyId: string): boolean {
    if (!this.#known.has(companyId)) return false;
    this.#withdrawn.delete(companyId);
    return true;
  }

  list(): SandboxCompanyConsent[] {
    return [...this.#known].sort().map((companyId) => ({ companyId, consented: !this.#withdrawn.has(companyId) }));
  }
}
