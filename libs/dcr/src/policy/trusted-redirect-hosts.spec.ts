import { describe, expect, it } from '@jest/globals';
import {
  TRUSTED_REDIRECT_HOSTS,
  checkTrustedRedirectHosts,
  parseHostPattern,
  type HostPattern,
} from './trusted-redirect-hosts.js';

function patterns(...entries: string[]): HostPattern[] {
  return entries.map((entry) => {
    const pattern = parseHostPattern(entry);
    if (typeof pattern === 'string') throw new Error(pattern);
    return pattern;
  });
}

describe('parseHostPattern', () => {
  it.each([
    ['app.example.com', { kind: 'host', host: 'app.example.com' }],
    ['APP.Example.COM', { kind: 'host', host: 'app.example.com' }],
    ['127.0.0.1', { kind: 'host', host: '127.0.0.1' }],
    ['[::1]', { kind: 'host', host: '[::1]' }],
    ['localhost', { kind: 'host', host: 'localhost' }],
    ['bücher.example', { kind: 'host', host: 'xn--bcher-kva.example' }],
    ['*.example.com', { kind: 'subdomains', domain: 'example.com' }],
    ['com.example.app:', { kind: 'scheme', scheme: 'com.example.app:' }],
  ])('parses %p', (entry, expected) => {
    expect(parseHostPattern(entry)).toMatchObject(expected);
  });

  it.each([
    '',
    'https://app.example.com',
    'app.example.com:443',
    'app.example.com/path',
    'user@app.example.com',
    'a.*.example.com',
    '*example.com',
    '*.com',
    '*.127.0.0.1',
    '*.[::1]',
    'two words',
  ])('refuses %p', (entry) => {
    expect(typeof parseHostPattern(entry)).toBe('string');
  });
});

describe('checkTrustedRedirectHosts', () => {
  const trusted = patterns('app.example.com', '*.agents.example', '127.0.0.1', 'com.example.app:');

  it.each([
    'https://app.example.com/cb',
    'https://APP.example.com:8443/cb?x=1',
    'https://a.agents.example/cb',
    'https://a.b.agents.example/cb',
    'http://127.0.0.1:33418/callback',
    'http://127.0.0.1/callback',
    'com.example.app:/oauth',
  ])('trusts %p', (uri) => {
    expect(checkTrustedRedirectHosts([uri], trusted)).toBeUndefined();
  });

  it.each([
    ['the domain of a wildcard itself', 'https://agents.example/cb'],
    ['a suffix that is not a label', 'https://evilagents.example/cb'],
    ['the trusted host as a prefix', 'https://app.example.com.evil.example/cb'],
    ['the trusted host in the path', 'https://evil.example/app.example.com'],
    ['the trusted host in the query', 'https://evil.example/cb?h=app.example.com'],
    ['another loopback name', 'http://localhost:33418/callback'],
    ['another private-use scheme', 'com.example.other:/oauth'],
  ])('refuses %s', (_case, uri) => {
    expect(checkTrustedRedirectHosts([uri], trusted)).toMatchObject({
      error: 'invalid_redirect_uri',
      policy: TRUSTED_REDIRECT_HOSTS,
      field: '/redirect_uris/0',
    });
  });

  it('names the first untrusted URI by its index and its host', () => {
    const refusal = checkTrustedRedirectHosts(
      ['https://app.example.com/cb', 'https://evil.example/cb', 'https://worse.example/cb'],
      trusted,
    );
    expect(refusal).toEqual({
      error: 'invalid_redirect_uri',
      policy: TRUSTED_REDIRECT_HOSTS,
      field: '/redirect_uris/1',
      reason:
        'host "evil.example" is not a trusted redirect host (trusted: app.example.com, *.agents.example, 127.0.0.1, com.example.app:)',
    });
  });

  it('names the scheme of a URI without a host', () => {
    expect(checkTrustedRedirectHosts(['com.example.other:/cb'], trusted)?.reason).toMatch(
      /^scheme "com.example.other:" is not a trusted redirect host/,
    );
  });

  it('accepts a client without redirect URIs', () => {
    expect(checkTrustedRedirectHosts([], trusted)).toBeUndefined();
  });
});
