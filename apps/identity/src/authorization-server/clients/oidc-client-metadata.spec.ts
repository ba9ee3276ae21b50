import { describe, expect, it } from '@jest/globals';
import type { ResolvedClient } from '@agent-runtimes/dcr';
import { toOidcClientMetadata } from './oidc-client-metadata.js';

const ISSUED = new Date('2030-01-01T00:00:00Z');

function client(
  overrides: Partial<ResolvedClient['metadata']> = {},
  more: Partial<ResolvedClient> = {},
): ResolvedClient {
  return {
    source: 'registration',
    clientId: 'c1',
    metadata: {
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Agent',
      contacts: ['ops@example.com'],
      scope: 'mcp:tools',
      'client_name#fr': 'Agent (fr)',
      ...overrides,
    },
    hasSecret: false,
    clientSecretExpiresAt: null,
    issuedAt: ISSUED,
    updatedAt: ISSUED,
    ...more,
  };
}

describe('toOidcClientMetadata', () => {
  it('maps a public client, without secret, scope, contacts or language-tagged fields', () => {
    expect(toOidcClientMetadata(client(), 'placeholder')).toEqual({
      client_id: 'c1',
      client_id_issued_at: ISSUED.getTime() / 1000,
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      client_name: 'Agent',
      application_type: 'web',
    });
  });

  it('gives a secret client the placeholder, never a real secret, and its expiry', () => {
    const expires = new Date('2031-01-01T00:00:00Z');
    const mapped = toOidcClientMetadata(
      client(
        { token_endpoint_auth_method: 'client_secret_basic' },
        { hasSecret: true, clientSecretExpiresAt: expires },
      ),
      'placeholder',
    );
    expect(mapped.client_secret).toBe('placeholder');
    expect(mapped.client_secret_expires_at).toBe(expires.getTime() / 1000);
  });

  it('says 0 (never) for a secret without expiry', () => {
    const mapped = toOidcClientMetadata(
      client({ token_endpoint_auth_method: 'client_secret_post' }, { hasSecret: true }),
      'placeholder',
    );
    expect(mapped.client_secret_expires_at).toBe(0);
  });

  it('gives private_key_jwt clients their keys and no secret', () => {
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] };
    const mapped = toOidcClientMetadata(
      client({ token_endpoint_auth_method: 'private_key_jwt', jwks }),
      'placeholder',
    );
    expect(mapped.jwks).toEqual(jwks);
    expect(mapped).not.toHaveProperty('client_secret');
  });

  it('maps a Client ID Metadata Document client without issue date, and never with a secret', () => {
    const url = 'https://agent.example/client.json';
    const document = client({ client_name: 'Agent' }, { source: 'cimd', clientId: url });
    const mapped = toOidcClientMetadata(document, 'placeholder');
    expect(mapped).toMatchObject({ client_id: url, token_endpoint_auth_method: 'none' });
    expect(mapped).not.toHaveProperty('client_id_issued_at');
    // Even a (never validated) shared-secret method gets no placeholder: oidc-provider refuses it.
    const secretMethod = client(
      { token_endpoint_auth_method: 'client_secret_basic' },
      { source: 'cimd', clientId: url },
    );
    expect(toOidcClientMetadata(secretMethod, 'placeholder')).not.toHaveProperty('client_secret');
  });

  it('makes a client with a private-use scheme redirect a native one', () => {
    expect(
      toOidcClientMetadata(client({ redirect_uris: ['com.example.app:/cb'] }), 'p')
        .application_type,
    ).toBe('native');
    expect(
      toOidcClientMetadata(client({ redirect_uris: ['https://app.example.com/cb'] }), 'p')
        .application_type,
    ).toBe('web');
  });

  it('copies, so that oidc-provider cannot change the resolved metadata', () => {
    const resolved = client();
    const mapped = toOidcClientMetadata(resolved, 'p');
    (mapped.redirect_uris as string[]).push('https://evil.example/cb');
    expect(resolved.metadata.redirect_uris).toEqual(['http://127.0.0.1:33418/callback']);
  });
});
