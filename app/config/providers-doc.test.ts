import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../error-catalogue.js';
import { appIdentity, customSchemeRedirectUri } from './app-identity.js';
import { providerPresets } from './profile-presets.js';

const root = join(import.meta.dirname, '..', '..');

describe('docs/providers.md', () => {
  it('lists every error code of the catalogue, so the admin table cannot drift', async () => {
    const doc = await readFile(join(root, 'docs', 'providers.md'), 'utf8');
    const missing = Object.keys(errorCatalogue).filter((code) => !doc.includes(`| \`${code}\` |`));
    // The failure names the rows to add under "Error codes".
    expect(missing.map((code) => `| \`${code}\` | … | … |`)).toEqual([]);
  });

  it('names the redirect URIs and preset issuers the app really uses', async () => {
    const doc = await readFile(join(root, 'docs', 'providers.md'), 'utf8');
    expect(doc).toContain(customSchemeRedirectUri(appIdentity.protocolScheme.production));
    expect(doc).toContain(customSchemeRedirectUri(appIdentity.protocolScheme.development));
    for (const preset of Object.values(providerPresets)) if (preset.issuer) expect(doc).toContain(preset.issuer);
  });
});

describe('build/bounce template', () => {
  it('forwards to the production scheme, with no inline script and a strict CSP', async () => {
    const html = await readFile(join(root, 'build', 'bounce', 'index.html'), 'utf8');
    expect(html).toContain(`<meta name="rpa-supervisor-scheme" content="${appIdentity.protocolScheme.production}">`);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'self'/);
    // Every script is an external file from the same folder.
    expect([...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attrs, body]) => ({ attrs, body }))).toEqual([
      { attrs: ' src="bounce.js" defer', body: '' },
    ]);
    expect(html).not.toMatch(/https?:\/\//);
    const script = await readFile(join(root, 'build', 'bounce', 'bounce.js'), 'utf8');
    expect(script).toContain(appIdentity.callbackPath);
    expect(script).not.toMatch(/https?:\/\//);
  });
});
