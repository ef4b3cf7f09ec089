import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bouncePageContentSecurityPolicy } from '../common/content-security-policy.js';
import { errorCatalogue, isErrorCode } from '../common/error-catalogue.js';
import { providerPresets } from '../common/provider-presets.js';
import { appIdentity, customSchemeRedirectUri } from './app-identity.js';

const root = join(import.meta.dirname, '..', '..');

describe('docs/providers.md', () => {
  it('lists every error code of the catalogue, so the admin table cannot drift', async () => {
    const doc = await readFile(join(root, 'docs', 'providers.md'), 'utf8');
    const missing = Object.keys(errorCatalogue).filter((code) => !doc.includes(`| \`${code}\` |`));
    // The failure names the rows to add under "Error codes".
    expect(missing.map((code) => `| \`${code}\` | … | … |`)).toEqual([]);
  });

  it('lists no code the catalogue does not have', async () => {
    const doc = await readFile(join(root, 'docs', 'providers.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## 6. Error codes'), doc.indexOf('## 7.'));
    const rows = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map(([, code]) => code);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((code) => !isErrorCode(code))).toEqual([]);
  });

  it('asks for the bounce page headers the policy builder defines', async () => {
    const doc = (await readFile(join(root, 'docs', 'providers.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(doc).toContain(`Content-Security-Policy: ${bouncePageContentSecurityPolicy('header')}\``);
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
    // The one policy builder's bounce-page policy, as the meta tag (there is no other CSP in it).
    expect([...html.matchAll(/http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map(([, policy]) => policy)).toEqual([
      bouncePageContentSecurityPolicy('meta'),
    ]);
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
