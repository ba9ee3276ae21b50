import { describe, expect, it } from '@jest/globals';
import { CLIENT_ID_BYTES, randomToken } from '../credentials/random-token.js';
import { checkCimdClientId, isCimdClientId, type CimdUrlControls } from './client-id-url.js';
import { refusalOf } from './cimd.spec-helpers.js';

const OPEN: CimdUrlControls = {
  enabled: true,
  allowedHosts: [],
  deniedHosts: [],
  allowLoopbackHttp: false,
};

function refusal(clientId: string, controls: Partial<CimdUrlControls> = {}) {
  return refusalOf(() => checkCimdClientId(clientId, { ...OPEN, ...controls }));
}

describe('isCimdClientId (routing)', () => {
  it.each([
    'https://client.example/metadata.json',
    'HTTPS://client.example/x',
    'https://client.example', // malformed, but meant as a URL: the rules say why
    'https://',
  ])('routes %s to the documents', (clientId) => {
    expect(isCimdClientId(clientId)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:8080/client.json',
    'ftp://client.example/x',
    ' https://client.example/x',
    'client.example/x',
    '',
  ])('does not route %s without the test switch', (clientId) => {
    expect(isCimdClientId(clientId)).toBe(false);
  });

  it('routes http URLs with the test switch on', () => {
    expect(isCimdClientId('http://127.0.0.1:8080/client.json', true)).toBe(true);
    expect(isCimdClientId('ftp://client.example/x', true)).toBe(false);
  });

  it('never routes a value that is not a string', () => {
    for (const value of [undefined, null, 42, ['https://a.example/x'], {}]) {
      expect(isCimdClientId(value)).toBe(false);
    }
  });

  it('never routes an identifier the module issues (draft section 7.1)', () => {
    for (let i = 0; i < 500; i++) {
      expect(isCimdClientId(randomToken(CLIENT_ID_BYTES), true)).toBe(false);
    }
  });
});

describe('checkCimdClientId (draft section 3)', () => {
  it.each([
    'https://client.example/metadata.json',
    'https://client.example:8443/oauth/client',
    'https://client.example/a/b/c/',
    'https://client.example/.well-known/client', // a segment starting with a dot is not a dot segment
    'https://client.example/a..b/c.',
    'https://xn--bcher-kva.example/client',
    'https://192.0.2.7/client', // an address literal: the fetcher decides whether it is reachable
    'https://[2001:db8::7]/client',
  ])('accepts %s', (clientId) => {
    expect(() => checkCimdClientId(clientId, OPEN)).not.toThrow();
  });

  it.each([
    ['http://client.example/x', 'https'],
    ['https:///x', 'https'],
    ['https:client.example/x', 'https'],
    ['https://client.example', 'path'],
    ['https://client.example/', 'path'],
    ['https://client.example:443/', 'path'],
    ['https://client.example/x#', 'fragment'],
    ['https://client.example/x#section', 'fragment'],
    ['https://client.example/x?', 'query'],
    ['https://client.example/x?tenant=a', 'query'],
    ['https://user@client.example/x', 'userinfo'],
    ['https://user:secret@client.example/x', 'userinfo'],
    ['https://client.example/./x', 'dot_segment'],
    ['https://client.example/a/../x', 'dot_segment'],
    ['https://client.example/x/..', 'dot_segment'],
    ['https://client.example/%2e/x', 'dot_segment'],
    ['https://client.example/%2E%2e/x', 'dot_segment'],
    ['https://client.example/.%2E/x', 'dot_segment'],
    ['https://client.example/a\\..\\x', 'characters'],
    ['https://client.example/a b', 'characters'],
    ['https://client.example/caf\u00e9', 'characters'],
    ['https://client.example/x\n', 'characters'],
    ['https://client.example/%zz', 'characters'],
    ['https://client.example/<x>', 'characters'],
  ])('refuses %s (rule %s) as invalid_request', (clientId, rule) => {
    const error = refusal(clientId);
    expect(error.rule).toBe(rule);
    expect(error.error).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.description).toMatch(/^client_id: /);
  });

  it('names the draft section for the rules it defines', () => {
    expect(refusal('https://client.example/x#f').toBody().error_description).toMatch(
      /draft-ietf-oauth-client-id-metadata-document section 3/,
    );
  });

  it('refuses a URL longer than 2048 characters', () => {
    const long = `https://client.example/${'a'.repeat(2048)}`;
    expect(refusal(long).rule).toBe('length');
  });

  it('never echoes user credentials', () => {
    const error = refusal('https://user:hunter2@client.example/x');
    expect(JSON.stringify(error.toBody())).not.toContain('hunter2');
  });

  it('does not normalize: a default port or a trailing slash are other, valid, URLs', () => {
    // Each is a client of its own; its document must carry it exactly (draft section 3).
    for (const clientId of ['https://client.example:443/x', 'https://client.example/x/']) {
      expect(() => checkCimdClientId(clientId, OPEN)).not.toThrow();
    }
  });

  describe('the loopback test switch', () => {
    it('accepts http on a loopback host only with the switch on', () => {
      for (const clientId of [
        'http://127.0.0.1:8080/client.json',
        'http://localhost:8080/client.json',
        'http://[::1]:8080/client.json',
      ]) {
        expect(refusal(clientId).rule).toBe('https');
        expect(() =>
          checkCimdClientId(clientId, { ...OPEN, allowLoopbackHttp: true }),
        ).not.toThrow();
      }
    });

    it('still refuses http on any other host', () => {
      expect(refusal('http://client.example/x', { allowLoopbackHttp: true }).rule).toBe('https');
      expect(refusal('http://10.0.0.1/x', { allowLoopbackHttp: true }).rule).toBe('https');
    });
  });
});

describe('checkCimdClientId: the operator controls', () => {
  it('refuses every URL when CIMD is off, as invalid_client', () => {
    const error = refusal('https://client.example/x', { enabled: false });
    expect([error.rule, error.error]).toEqual(['disabled', 'invalid_client']);
    expect(error.toBody()).toMatchObject({ policy: 'cimd' });
  });

  it('refuses a denied host, even when an allowed pattern matches too', () => {
    const controls = { allowedHosts: ['*.example.com'], deniedHosts: ['evil.example.com'] };
    const error = refusal('https://evil.example.com/x', controls);
    expect([error.rule, error.error]).toEqual(['denied_host', 'invalid_client']);
    expect(error.toBody()).toMatchObject({ policy: 'cimd_denied_hosts' });
    expect(() =>
      checkCimdClientId('https://good.example.com/x', { ...OPEN, ...controls }),
    ).not.toThrow();
  });

  it('refuses a host no allowed pattern matches, on the parsed lower-case host', () => {
    const controls = { allowedHosts: ['claude.ai', '*.vscode.dev'] };
    expect(() =>
      checkCimdClientId('https://CLAUDE.ai/oauth/x', { ...OPEN, ...controls }),
    ).not.toThrow();
    expect(() =>
      checkCimdClientId('https://insiders.vscode.dev/x', { ...OPEN, ...controls }),
    ).not.toThrow();
    for (const clientId of [
      'https://vscode.dev/x', // a wildcard does not match its own domain
      'https://claude.ai.attacker.example/x',
      'https://notclaude.ai/x',
    ]) {
      const error = refusal(clientId, controls);
      expect([error.rule, error.error]).toEqual(['host_not_allowed', 'invalid_client']);
      expect(error.toBody()).toMatchObject({ policy: 'cimd_allowed_hosts' });
    }
  });

  it('checks the URL rules before the host lists', () => {
    expect(
      refusal('https://evil.example.com/x?a', { deniedHosts: ['evil.example.com'] }).rule,
    ).toBe('query');
  });
});
