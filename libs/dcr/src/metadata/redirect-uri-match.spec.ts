import { describe, expect, it } from '@jest/globals';
import { redirectUriMatches } from './redirect-uri-match.js';

describe('redirectUriMatches', () => {
  describe('exact match (RFC 6749 §3.1.2.3)', () => {
    it.each([
      ['https://app.example.com/cb', 'https://app.example.com/cb'],
      ['com.example.app:/oauth', 'com.example.app:/oauth'],
      ['https://app.example.com/cb?tenant=a', 'https://app.example.com/cb?tenant=a'],
    ])('accepts %s for itself', (registered, requested) => {
      expect(redirectUriMatches([registered], requested)).toBe(true);
    });

    it.each([
      ['a trailing slash', 'https://app.example.com/cb/'],
      ['another path', 'https://app.example.com/cb2'],
      ['another case', 'https://App.example.com/cb'],
      ['an added query', 'https://app.example.com/cb?x=1'],
      ['another port', 'https://app.example.com:8443/cb'],
      ['a fragment', 'https://app.example.com/cb#x'],
      ['http instead of https', 'http://app.example.com/cb'],
      ['a prefix of it', 'https://app.example.com/c'],
    ])('refuses %s', (_label, requested) => {
      expect(redirectUriMatches(['https://app.example.com/cb'], requested)).toBe(false);
    });

    it('finds the URI among several', () => {
      const registered = ['https://a.example/cb', 'https://b.example/cb'];
      expect(redirectUriMatches(registered, 'https://b.example/cb')).toBe(true);
      expect(redirectUriMatches(registered, 'https://c.example/cb')).toBe(false);
      expect(redirectUriMatches([], 'https://a.example/cb')).toBe(false);
    });
  });

  describe('loopback redirects match any port (RFC 8252 §7.3)', () => {
    it.each([
      ['http://127.0.0.1:33418/callback', 'http://127.0.0.1:51004/callback'],
      ['http://[::1]:33418/callback', 'http://[::1]:8080/callback'],
      ['http://localhost:33418/callback', 'http://localhost:1/callback'],
      ['http://127.0.0.1/callback', 'http://127.0.0.1:65535/callback'],
      ['http://127.0.0.1:33418/callback', 'http://127.0.0.1/callback'],
      ['http://127.0.0.1:1/', 'http://127.0.0.1:2/'],
      ['http://127.0.0.1:1', 'http://127.0.0.1:2'],
      ['http://127.0.0.1:1/cb?x=1', 'http://127.0.0.1:2/cb?x=1'],
    ])('%s matches %s', (registered, requested) => {
      expect(redirectUriMatches([registered], requested)).toBe(true);
    });

    it.each([
      ['another path', 'http://127.0.0.1:5000/other'],
      ['another host', 'http://localhost:5000/callback'],
      ['https', 'https://127.0.0.1:5000/callback'],
      ['another query', 'http://127.0.0.1:5000/callback?x=1'],
      ['a fragment', 'http://127.0.0.1:5000/callback#x'],
      ['user information', 'http://evil@127.0.0.1:5000/callback'],
      [
        'a host that only starts like a loopback one',
        'http://127.0.0.1.evil.example:5000/callback',
      ],
      ['a port out of range', 'http://127.0.0.1:70000/callback'],
      ['port 0', 'http://127.0.0.1:0/callback'],
      ['an empty port', 'http://127.0.0.1:/callback'],
      ['an upper-case scheme', 'HTTP://127.0.0.1:5000/callback'],
      ['another loopback address', 'http://127.0.0.2:5000/callback'],
    ])('refuses %s', (_label, requested) => {
      expect(redirectUriMatches(['http://127.0.0.1:33418/callback'], requested)).toBe(false);
    });

    it('does not extend the exception to non-loopback http or https registrations', () => {
      expect(
        redirectUriMatches(['https://127.0.0.1:33418/callback'], 'https://127.0.0.1:5/callback'),
      ).toBe(false);
      expect(
        redirectUriMatches(['http://app.example.com:80/cb'], 'http://app.example.com:81/cb'),
      ).toBe(false);
    });
  });
});
