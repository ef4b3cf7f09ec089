import { open } from 'node:fs/promises';
import type { AuditFacetsView, AuditRecordView } from '../common/contract.js';
import { parseRecord } from './audit-file.js';
import { readLinesForward } from './read-lines.js';

type Named = Pick<AuditRecordView, 'seq' | 'actor' | 'botId' | 'company'>;

/**
 * The people, bots and HCSS companies the whole trail names, for the audit filters' choices. The
 * file is read once, when they are first asked for; records written from the trail's opening on
 * come through `add`. A record may arrive both ways (written while the file is read): adding is
 * idempotent, and a person's name is the one of their highest seq, whichever way came first.
 */
export class AuditFacets {
  readonly #path: string;
  /** By subject: the name of the newest record that gives one, and that record's seq. */
  readonly #people = new Map<string, { name?: string; seq: number }>();
  readonly #bots = new Set<string>();
  readonly #companies = new Set<string>();
  #read: Promise<void> | undefined;

  /** `path`: the trail's JSONL file. */
  constructor(path: string) {
    this.#path = path;
  }

  /** Records as they reach the disk. */
  add(records: Iterable<Named>): void {
    for (const record of records) this.#addOne(record);
  }

  /** Every value of the trail, sorted; the first call reads the file. */
  async current(): Promise<AuditFacetsView> {
    // A failed read is tried again at the next call rather than leaving the lists short for good.
    this.#read ??= this.#readFile().catch((error: unknown) => {
      this.#read = undefined;
      throw error;
    });
    await this.#read;
    const people = [...this.#people].map(([subject, { name }]) => (name === undefined ? { subject } : { subject, name }));
    return {
      people: people.sort((a, b) => a.subject.localeCompare(b.subject)),
      botIds: [...this.#bots].sort((a, b) => a.localeCompare(b)),
      companies: [...this.#companies].sort((a, b) => a.localeCompare(b)),
    };
  }

  async #readFile(): Promise<void> {
    const handle = await open(this.#path, 'r');
    try {
      for await (const line of readLinesForward(handle)) {
        const record = parseRecord(line.text);
        if (record) this.#addOne(record);
      }
    } finally {
      await handle.close();
    }
  }

  #addOne({ seq, actor, botId, company }: Named): void {
    if (actor) {
      const known = this.#people.get(actor.subject);
      // The newest record that names the person wins; one without a name takes none away.
      const newer = actor.name !== undefined && (known?.name === undefined || seq > known.seq);
      if (!known || newer) this.#people.set(actor.subject, newer ? { name: actor.name, seq } : { seq });
    }
    if (botId) this.#bots.add(botId);
    if (company) this.#companies.add(company);
  }
}
