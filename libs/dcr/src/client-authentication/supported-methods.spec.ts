import { describe, expect, it } from '@jest/globals';
import { TOKEN_ENDPOINT_AUTH_METHODS } from '../metadata/client-metadata.js';
import {
  assertionAlgorithmsFor,
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  CLIENT_AUTHENTICATION_METHODS,
} from './supported-methods.js';

describe('CLIENT_AUTHENTICATION_METHODS', () => {
  it('are RFC 7591 methods, without client_secret_jwt (it needs the plaintext secret)', () => {
    for (const method of CLIENT_AUTHENTICATION_METHODS) {
      expect(TOKEN_ENDPOINT_AUTH_METHODS).toContain(method);
    }
    expect(CLIENT_AUTHENTICATION_METHODS).not.toContain('client_secret_jwt');
  });
});

describe('CLIENT_ASSERTION_SIGNING_ALGORITHMS', () => {
  it('lists asymmetric signatures only: no none, no HMAC', () => {
    for (const alg of CLIENT_ASSERTION_SIGNING_ALGORITHMS) {
      expect(alg).toMatch(/^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/);
    }
  });
});

describe('assertionAlgorithmsFor', () => {
  it('allows every listed algorithm to a client that registered none', () => {
    expect(assertionAlgorithmsFor(undefined)).toEqual(CLIENT_ASSERTION_SIGNING_ALGORITHMS);
  });

  it('allows only the registered token_endpoint_auth_signing_alg', () => {
    expect(assertionAlgorithmsFor('PS256')).toEqual(['PS256']);
  });

  it.each(['HS256', 'none', 'ES256K', 'es256'])(
    'allows nothing when the registered algorithm %p is not verified here',
    (alg) => {
      expect(assertionAlgorithmsFor(alg)).toEqual([]);
    },
  );
});
