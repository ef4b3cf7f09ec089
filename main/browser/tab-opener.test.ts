import { describe, expect, it } from 'vitest';
import * as core from '../../app/common/external-url-allowlist.js';
import { TabOpener } from './tab-opener.js';

const profiles = [
  { issuer: 'http://127.0.0.1:4000' },
  { issuer: 'https://auth.healthcode.example/oidc', bounceUrl: 'https://clinic.example/rpa/' },
  { issuer: 'https://legacy.example', endpoints: { authorization: 'https://login.legacy.example/authorize', token: 'https://legacy.example/token' } },
  { issuer: 'http://auth.example' },
  { issuer: 'https://user:pw@sneaky.example' },
];

const urls = [
  'http://127.0.0.1:4000/auth?state=x',
  'https://auth.healthcode.example/oidc/authorize?x',
  'https://clinic.example/rpa/?code=1',
  'https://login.legacy.example/authorize',
  'https://legacy.example/token',
  'https://evil.example/',
  'https://auth.healthcode.example@evil.example/',
  'http://127.0.0.1:4001/',
  'http://auth.example/',
  'https://sneaky.example/',
  'https:auth.healthcode.example/',
  'javascript:alert(1)',
  'uk.co.rpasupervisor.dev://selftest?nonce=00',
  '',
];

describe('TabOpener (S47 in the browser host)', () => {
  it('passes on only URLs on the profiles\' own origins', async () => {
    const sent: string[] = [];
    const opener = new TabOpener();
    opener.attach((url) => sent.push(url), async () => core.externalOriginsOf(profiles));
    await opener.open('http://127.0.0.1:4000/auth?state=x');
    await expect(opener.open('https://evil.example/auth')).rejects.toThrow(/refused/);
    await expect(opener.open('uk.co.rpasupervisor.dev://selftest?nonce=0123')).rejects.toThrow(/refused/);
    expect(sent).toEqual(['http://127.0.0.1:4000/auth?state=x']);
  });

  it('reads the allowlist at each open, so a profile added a moment ago counts', async () => {
    const sent: string[] = [];
    const known = [{ issuer: 'http://127.0.0.1:4000' }];
    const opener = new TabOpener();
    opener.attach((url) => sent.push(url), async () => core.externalOriginsOf(known));
    await expect(opener.open('https://new.example/auth')).rejects.toThrow(/refused/);
    known.push({ issuer: 'https://new.example' });
    await opener.open('https://new.example/auth');
    expect(sent).toEqual(['https://new.example/auth']);
  });

  it('refuses everything before a page is attached', async () => {
    await expect(new TabOpener().open('http://127.0.0.1:4000/auth')).rejects.toThrow(/refused/);
  });

  it('allows exactly the profiles’ own provider and bounce origins', () => {
    const origins = core.externalOriginsOf(profiles);
    expect(urls.filter((url) => core.isAllowedExternalUrl(url, origins))).toEqual(urls.slice(0, 5));
  });
});
