import { describe, expect, it } from 'vitest';
import { defaultRedirectMode, editorRedirectChoice, offeredRedirectModes, redirectUriPreview, registrationRequest } from './redirect-choice.js';

const host = { appLinkRedirectUri: 'uk.co.rpasupervisor://auth/callback' };
const form = { redirectMode: 'loopback' as const, loopbackPort: '0', loopbackPath: '/callback', bounceUrl: '' };

describe('offeredRedirectModes', () => {
  it('never offers a live provider the development scheme', () => {
    for (const preset of ['healthcodeProduction', 'healthcodeUat', 'hcssPartner', 'custom'] as const) {
      expect(offeredRedirectModes(preset, 'development')).not.toContain('customScheme');
      expect(offeredRedirectModes(preset, 'production')).toContain('customScheme');
    }
    expect(offeredRedirectModes('sandbox', 'development')).toContain('customScheme');
  });

  it('guides Healthcode to the https bounce page first, then loopback', () => {
    expect(offeredRedirectModes('healthcodeProduction', 'production')).toEqual(['bounce', 'loopback', 'customScheme']);
    expect(defaultRedirectMode('healthcodeUat', 'development')).toBe('bounce');
    expect(defaultRedirectMode('custom', 'production')).toBe('customScheme');
    expect(defaultRedirectMode('hcssPartner', 'development')).toBe('loopback');
  });
});

describe('editorRedirectChoice', () => {
  it('never offers or keeps the development scheme for a live provider in a development build', () => {
    for (const preset of ['healthcodeProduction', 'healthcodeUat', 'hcssPartner', 'custom'] as const) {
      const choice = editorRedirectChoice(preset, 'development', 'customScheme');
      expect(choice.modes).not.toContain('customScheme');
      expect(choice.value).not.toBe('customScheme');
      expect(choice).toMatchObject({ devSchemeWithheld: true, replaced: true });
    }
    expect(editorRedirectChoice('healthcodeUat', 'development', 'customScheme').value).toBe('bounce');
    expect(editorRedirectChoice('custom', 'development', 'customScheme').value).toBe('loopback');
  });

  it('keeps an offered choice and the editor order, and offers the app link where it is safe', () => {
    expect(editorRedirectChoice('custom', 'development', 'bounce')).toEqual({ modes: ['loopback', 'bounce'], value: 'bounce', devSchemeWithheld: true, replaced: false });
    expect(editorRedirectChoice('healthcodeProduction', 'production', 'customScheme')).toEqual({
      modes: ['customScheme', 'loopback', 'bounce'],
      value: 'customScheme',
      devSchemeWithheld: false,
      replaced: false,
    });
    expect(editorRedirectChoice('sandbox', 'development', 'customScheme').modes).toContain('customScheme');
  });
});

describe('redirectUriPreview', () => {
  it('gives the URI the core registers for each mode', () => {
    expect(redirectUriPreview({ ...form, redirectMode: 'customScheme' }, host)).toBe('uk.co.rpasupervisor://auth/callback');
    expect(redirectUriPreview(form, host)).toBe('http://127.0.0.1/callback');
    expect(redirectUriPreview({ ...form, loopbackPort: '53682', loopbackPath: '/rpa/callback' }, host)).toBe('http://127.0.0.1:53682/rpa/callback');
    expect(redirectUriPreview({ ...form, redirectMode: 'bounce', bounceUrl: ' https://rpa.clinic.example/postauth/ ' }, host)).toBe('https://rpa.clinic.example/postauth/');
  });

  it('gives nothing while the choice is incomplete or wrong', () => {
    expect(redirectUriPreview({ ...form, redirectMode: 'bounce' }, host)).toBeUndefined();
    expect(redirectUriPreview({ ...form, redirectMode: 'bounce', bounceUrl: 'http://rpa.clinic.example/' }, host)).toBeUndefined();
    expect(redirectUriPreview({ ...form, loopbackPort: 'eighty' }, host)).toBeUndefined();
    expect(redirectUriPreview({ ...form, loopbackPort: '70000' }, host)).toBeUndefined();
  });
});

describe('registrationRequest', () => {
  it('holds what the Healthcode seed asks for: name, brief description, the full post-authentication URL', () => {
    const text = registrationRequest({ providerName: 'Healthcode', description: 'Runs our billing bots.', redirectUri: 'https://rpa.clinic.example/postauth/' });
    expect(text).toContain('Name of the client app: RPA Supervisor');
    expect(text).toContain('Brief description: Runs our billing bots.');
    expect(text).toContain('Post-authentication endpoint URL (redirect URI), exactly: https://rpa.clinic.example/postauth/');
    expect(text).toContain('PKCE (S256)');
  });
});
