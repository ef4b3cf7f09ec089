import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('zodConfig', () => {
  it('turns off code generation before the request schemas are made', async () => {
    await import('../transport/command-schemas.js');
    expect(z.config().jitless).toBe(true);
  });

  it('leaves object schemas parsing and refusing as before', async () => {
    await import('./zod-config.js');
    const schema = z.object({ id: z.string().min(1), count: z.number().int().optional() });
    expect(schema.parse({ id: 'a', count: 2, extra: true })).toEqual({ id: 'a', count: 2 });
    expect(schema.safeParse({ id: '', count: 1.5 }).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['id', 'count']);
  });

  it.each(['app/supervisor.ts', 'app/transport/command-schemas.ts', 'main/worker/start-worker.ts'])('is the first import of %s, which makes schemas before anything else could', (entry) => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', entry), 'utf8');
    const firstImport = /^import\s[^;]*;/m.exec(source)?.[0];
    expect(firstImport).toMatch(/^import '(?:\.\.?\/)+(?:app\/)?config\/zod-config\.js';$/);
  });
});
