import { describe, expect, it } from 'vitest';
import { botManifestSchema } from './bot-manifest.js';
import { botView } from './bot-view.js';

const state = { blocked: undefined, lastRun: undefined, requiresApproval: false };
const manifest = (extra: Record<string, unknown>) =>
  botManifestSchema.parse({ id: 'claims', name: 'Claims upload', description: 'Uploads claims.', command: 'node', args: ['bot.mjs'], profileId: 'hcss', ...extra });

/** With several HCSS companies connected, the card must say which one a bot acts for. */
describe('botView: the company a bot acts for', () => {
  it('carries the manifest company', () => {
    expect(botView(manifest({ company: 'demo-clinic-1001' }), state).company).toBe('demo-clinic-1001');
  });

  it('has none for a bot that names no company', () => {
    expect(botView(manifest({}), state)).not.toHaveProperty('company');
  });
});
