import { describe, expect, it } from 'vitest';
import { chunksImportingOutside } from './native-compile-manifest-plugin.js';

describe('native compile manifest', () => {
  it('names the chunks that import() a package from outside the bundle, and only those', () => {
    const chunks = [
      { fileName: 'launch.cjs', dynamicImports: ['supervisor-a.cjs', 'zod-b.cjs'] },
      { fileName: 'supervisor-a.cjs', dynamicImports: ['sandbox-c.cjs'] },
      { fileName: 'sandbox-c.cjs', dynamicImports: ['oidc-provider'] },
      { fileName: 'zod-b.cjs', dynamicImports: [] },
      { fileName: 'fleet-d.cjs', dynamicImports: ['bullmq', 'zod-b.cjs'] },
    ];
    expect(chunksImportingOutside(chunks)).toEqual(['fleet-d.cjs', 'sandbox-c.cjs']);
  });
});
