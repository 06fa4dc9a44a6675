import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, parseSignInProviders } from '@/lib/platform/config';

const google = {
  OIDC_GOOGLE_ISSUER: 'https://accounts.google.com',
  OIDC_GOOGLE_CLIENT_ID: 'id.apps.googleusercontent.com',
  OIDC_GOOGLE_CLIENT_SECRET: 'secret',
};

describe('sign-in providers from the environment', () => {
  it('none configured: none (so no button shows)', () => {
    expect(parseSignInProviders({ NODE_ENV: 'production' })).toEqual([]);
  });

  it('any number of OIDC_<NAME>_*, id = NAME lower-cased, plus the GitHub adapter', () => {
    const providers = parseSignInProviders({
      ...google,
      OIDC_ACME_SSO_ISSUER: 'https://sso.acme.example/realms/main',
      OIDC_ACME_SSO_CLIENT_ID: 'hub',
      OIDC_ACME_SSO_CLIENT_SECRET: 's',
      OIDC_ACME_SSO_DISPLAY_NAME: 'Acme',
      GITHUB_CLIENT_ID: 'gh',
      GITHUB_CLIENT_SECRET: 'ghs',
    });
    expect(providers.map((p) => [p.id, p.kind, p.displayName])).toEqual([
      ['acme-sso', 'oidc', 'Acme'],
      ['google', 'oidc', 'Google'],
      ['github', 'github', 'GitHub'],
    ]);
  });

  it('an http issuer only on a loopback host; anywhere else https', () => {
    for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000']) {
      expect(parseSignInProviders({ ...google, OIDC_GOOGLE_ISSUER: issuer })[0]!.issuer.href).toContain(':4000');
    }
    for (const issuer of [
      'http://accounts.google.com',
      'http://10.0.0.1',
      'http://127.0.0.1.evil.example',
      'ftp://x',
    ]) {
      expect(() => parseSignInProviders({ ...google, OIDC_GOOGLE_ISSUER: issuer })).toThrow(ConfigError);
    }
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
  });

  it('a half-configured provider stops the app with one line', () => {
    expect(() => parseSignInProviders({ OIDC_GOOGLE_ISSUER: 'https://accounts.google.com' })).toThrow(
      /OIDC_GOOGLE_CLIENT_ID is not set/,
    );
    expect(() => parseSignInProviders({ GITHUB_CLIENT_ID: 'x' })).toThrow(/together/);
  });

  it("GitHub's base URLs: github.com by default; settable (GitHub Enterprise, the tests' fake), http only on loopback", () => {
    const github = { GITHUB_CLIENT_ID: 'gh', GITHUB_CLIENT_SECRET: 'ghs' };
    const [standard] = parseSignInProviders(github);
    expect([standard!.issuer.href, standard!.apiUrl!.href]).toEqual(['https://github.com/', 'https://api.github.com/']);
    const [enterprise] = parseSignInProviders({
      ...github,
      GITHUB_BASE_URL: 'https://ghe.example.com',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    });
    expect([enterprise!.issuer.href, enterprise!.apiUrl!.href]).toEqual([
      'https://ghe.example.com/',
      'https://ghe.example.com/api/v3/',
    ]);
    const [fake] = parseSignInProviders({
      ...github,
      GITHUB_BASE_URL: 'http://127.0.0.1:4100',
      GITHUB_API_URL: 'http://127.0.0.1:4100/api',
    });
    expect(fake!.apiUrl!.href).toBe('http://127.0.0.1:4100/api/');
    for (const [setting, url] of [
      ['GITHUB_BASE_URL', 'http://github.com'],
      ['GITHUB_API_URL', 'http://10.0.0.1/api'],
      ['GITHUB_API_URL', 'not a url'],
    ]) {
      expect(() => parseSignInProviders({ ...github, [setting!]: url })).toThrow(new RegExp(setting!));
    }
    expect(() => parseSignInProviders({ GITHUB_BASE_URL: 'https://ghe.example.com' })).toThrow(/GITHUB_CLIENT_ID/);
  });
});
