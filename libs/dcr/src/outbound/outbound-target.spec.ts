import { describe, expect, it } from '@jest/globals';
import { OutboundFetchError, type OutboundFetchFailure } from './outbound-fetch-error.js';
import { outboundTarget } from './outbound-target.js';

function failure(url: string, allowLoopbackHttp = false): OutboundFetchError {
  try {
    outboundTarget(url, allowLoopbackHttp);
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundFetchError);
    return error as OutboundFetchError;
  }
  throw new Error(`${url} was accepted`);
}

describe('outboundTarget', () => {
  it('takes host, port, path and query from an https URL, never the fragment', () => {
    expect(outboundTarget('https://Keys.Example.com/a/jwks.json?v=2#frag', false)).toEqual({
      host: 'keys.example.com',
      hostname: 'keys.example.com',
      literalAddress: false,
      port: 443,
      path: '/a/jwks.json?v=2',
      secure: true,
      allowLoopback: false,
    });
    expect(outboundTarget('https://keys.example.com:8443', false)).toMatchObject({
      host: 'keys.example.com:8443',
      port: 8443,
      path: '/',
    });
  });

  it('keeps a public IPv6 literal, without brackets to connect and with them in the host', () => {
    expect(outboundTarget('https://[2606:4700:4700::1111]/x', false)).toMatchObject({
      host: '[2606:4700:4700::1111]',
      hostname: '2606:4700:4700::1111',
      literalAddress: true,
    });
  });

  it.each<[string, OutboundFetchFailure]>([
    ['not a url', 'invalid_url'],
    ['/relative/path', 'invalid_url'],
    ['https:///no-host', 'invalid_url'],
    ['https://exa mple.com/', 'invalid_url'],
    ['https://user:secret@example.com/', 'invalid_url'],
    ['https://user@example.com/', 'invalid_url'],
    ['http://example.com/jwks', 'not_https'],
    ['ftp://example.com/jwks', 'not_https'],
    ['file:///etc/passwd', 'not_https'],
    ['data:application/json,null', 'not_https'],
  ])('refuses %s: %s', (url, reason) => {
    expect(failure(url).reason).toBe(reason);
  });

  it('never echoes user credentials', () => {
    expect(failure('https://alice:s3cret@example.com/').message).not.toMatch(/s3cret|alice/);
  });

  it.each([
    ['https://127.0.0.1/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://10.0.0.1/', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['https://100.64.0.1/', 'carrierGradeNat'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:7f00:1]/', 'loopback'],
    ['https://[64:ff9b::a00:1]/', 'nat64:private'],
    ['https://[fd00::1]/', 'uniqueLocal'],
    ['https://[fe80::1]/', 'linkLocal'],
    ['https://0x7f.1/', 'loopback'], // the URL parser reads it as 127.0.0.1
    ['https://2130706433/', 'loopback'],
  ])('refuses the literal address of %s (%s) without connecting', (url, range) => {
    const error = failure(url);
    expect(error.reason).toBe('forbidden_address');
    expect(error.message).toContain(`(${range}, RFC 6890)`);
  });

  describe('with the loopback switch', () => {
    it.each(['http://127.0.0.1:8080/doc', 'http://localhost:8080/doc', 'http://[::1]:8080/doc'])(
      'allows http and loopback for the loopback host of %s',
      (url) => {
        expect(outboundTarget(url, true)).toMatchObject({ secure: false, allowLoopback: true });
      },
    );

    it('allows https to a loopback host too', () => {
      expect(outboundTarget('https://localhost:8443/', true)).toMatchObject({
        secure: true,
        allowLoopback: true,
      });
    });

    it('still requires https for any other host, and loopback only for loopback hosts', () => {
      expect(failure('http://example.com/', true).reason).toBe('not_https');
      expect(failure('http://127.0.0.2/', true).reason).toBe('not_https');
      expect(outboundTarget('https://example.com/', true).allowLoopback).toBe(false);
      expect(failure('https://127.0.0.2/', true).reason).toBe('forbidden_address');
    });

    it('still refuses the other special-use ranges', () => {
      expect(failure('https://10.0.0.1/', true).reason).toBe('forbidden_address');
      expect(failure('https://[::ffff:10.0.0.1]/', true).reason).toBe('forbidden_address');
    });
  });
});
