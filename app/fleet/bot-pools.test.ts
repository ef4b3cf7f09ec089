import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { BotPools } from './bot-pools.js';

describe('where each bot runs: the manifest pool, overridden per bot in the settings', () => {
  it('follows the manifest until set, then the setting (a pool, or null for this computer), and keeps it', () => {
    const settings = new MemorySettingsStore();
    const pools = new BotPools(settings);
    expect(pools.poolOf({ id: 'claims', pool: 'ward' })).toBe('ward');
    expect(pools.poolOf({ id: 'export' })).toBeUndefined();
    pools.set('claims', null);
    pools.set('export', 'billing');
    expect(pools.poolOf({ id: 'claims', pool: 'ward' })).toBeUndefined();
    expect(pools.poolOf({ id: 'export' })).toBe('billing');
    const reopened = new BotPools(settings);
    expect(reopened.override('claims')).toBeNull();
    expect(reopened.poolOf({ id: 'export' })).toBe('billing');
    reopened.set('export', undefined);
    expect(new BotPools(settings).poolOf({ id: 'export' })).toBeUndefined();
  });

  it('a hand-edited, invalid value is ignored: every bot follows its manifest', () => {
    const settings = new MemorySettingsStore();
    settings.set('botPools', { claims: 'Not A Pool!' });
    expect(new BotPools(settings).poolOf({ id: 'claims', pool: 'ward' })).toBe('ward');
  });
});
