import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMisbehavingProvider, type MisbehavingProvider } from './misbehaving-provider.js';

type ProviderOptions = Parameters<typeof startMisbehavingProvider>[0];

/**
 * One misbehaving provider for a test file: started before the first test, its rewrites cleared
 * and whatever a test kept disposed after each, closed after the last. Returns the list a test
 * pushes its rigs and services onto.
 */
export function useMisbehavingProvider(options: ProviderOptions, started: (provider: MisbehavingProvider) => void | Promise<void>): Array<{ dispose(): void }> {
  let provider: MisbehavingProvider | undefined;
  const live: Array<{ dispose(): void }> = [];
  beforeAll(async () => {
    provider = await startMisbehavingProvider(options);
    await started(provider);
  });
  afterEach(() => {
    provider?.clear();
    for (const item of live.splice(0)) item.dispose();
  });
  afterAll(async () => {
    await provider?.close();
  });
  return live;
}
