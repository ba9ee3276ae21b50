import { describe, expect, it } from '@jest/globals';
import {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  CLIENT_AUTHENTICATION_METHODS,
} from '../client-authentication/supported-methods.js';
import { resolveCimdOptions } from '../cimd/cimd-options.js';
import { resolveRegistrationOptions } from '../policy/registration-options.js';
import { resolveDcrOptions, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { buildRegistrationMetadata } from './registration-metadata.js';

function options(policy: ResolvedDcrOptions['policy'], cimd = false): ResolvedDcrOptions {
  return {
    issuer: 'https://as.example.com',
    path: 'register',
    registrationEndpoint: 'https://api.example.com/oauth/register',
    clientSecretLifetimeSeconds: 0,
    policy,
    cimd: resolveCimdOptions({ enabled: cimd }),
    registration: resolveRegistrationOptions(),
  } as ResolvedDcrOptions;
}

describe('buildRegistrationMetadata (RFC 8414 §2)', () => {
  it('advertises the registration endpoint and what clients may register', () => {
    const metadata = buildRegistrationMetadata(
      options({
        grantTypes: ['authorization_code', 'implicit', 'client_credentials'],
        responseTypes: ['code', 'token'],
        tokenEndpointAuthMethods: ['none', 'private_key_jwt'],
      }),
    );
    expect(metadata).toEqual({
      issuer: 'https://as.example.com',
      registration_endpoint: 'https://api.example.com/oauth/register',
      response_types_supported: ['code', 'token'],
      grant_types_supported: ['authorization_code', 'implicit', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_SIGNING_ALGORITHMS],
    });
    expect(Object.keys(metadata)).toEqual([
      'issuer',
      'registration_endpoint',
      'response_types_supported',
      'grant_types_supported',
      'token_endpoint_auth_methods_supported',
      'token_endpoint_auth_signing_alg_values_supported',
    ]);
  });

  it('lists the assertion signing algorithms exactly when private_key_jwt is advertised (RFC 8414 §2)', () => {
    const without = buildRegistrationMetadata(
      options({
        grantTypes: ['client_credentials'],
        responseTypes: [],
        tokenEndpointAuthMethods: ['client_secret_basic', 'client_secret_post'],
      }),
    );
    expect(without).not.toHaveProperty('token_endpoint_auth_signing_alg_values_supported');
    const withJwt = buildRegistrationMetadata(
      options({
        grantTypes: ['client_credentials'],
        responseTypes: [],
        tokenEndpointAuthMethods: ['private_key_jwt'],
      }),
    );
    expect(withJwt.token_endpoint_auth_signing_alg_values_supported).toEqual([
      ...CLIENT_ASSERTION_SIGNING_ALGORITHMS,
    ]);
    expect(withJwt.token_endpoint_auth_signing_alg_values_supported).not.toContain('none');
    withJwt.token_endpoint_auth_signing_alg_values_supported?.push('HS256');
    expect(CLIENT_ASSERTION_SIGNING_ALGORITHMS).not.toContain('HS256');
  });

  it('never advertises a method ClientAuthenticationService does not verify', () => {
    const metadata = buildRegistrationMetadata(
      options({
        grantTypes: ['client_credentials'],
        responseTypes: [],
        // resolveDcrOptions refuses this policy; discovery must not advertise it either way.
        tokenEndpointAuthMethods: ['client_secret_jwt', 'client_secret_basic'],
      }),
    );
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic']);
    for (const method of metadata.token_endpoint_auth_methods_supported) {
      expect(CLIENT_AUTHENTICATION_METHODS).toContain(method);
    }
  });

  it('leaves out scopes_supported when the server accepts any scope', () => {
    const metadata = buildRegistrationMetadata(
      options({
        grantTypes: ['client_credentials'],
        responseTypes: [],
        tokenEndpointAuthMethods: ['client_secret_basic'],
      }),
    );
    expect(metadata).not.toHaveProperty('scopes_supported');
    expect(JSON.stringify(metadata)).not.toContain('scopes_supported');
  });

  it('advertises scopes_supported when the server lists scopes, even an empty list', () => {
    expect(
      buildRegistrationMetadata(
        options({
          grantTypes: ['authorization_code'],
          responseTypes: ['code'],
          tokenEndpointAuthMethods: ['client_secret_basic'],
          scopes: ['openid', 'profile'],
        }),
      ).scopes_supported,
    ).toEqual(['openid', 'profile']);
    expect(
      buildRegistrationMetadata(
        options({
          grantTypes: ['authorization_code'],
          responseTypes: ['code'],
          tokenEndpointAuthMethods: ['client_secret_basic'],
          scopes: [],
        }),
      ),
    ).toHaveProperty('scopes_supported', []);
  });

  it('returns copies, so a caller that edits the document cannot change the policy', () => {
    const policy = {
      grantTypes: ['authorization_code'],
      responseTypes: ['code'],
      tokenEndpointAuthMethods: ['client_secret_basic' as const],
      scopes: ['openid'],
    };
    const metadata = buildRegistrationMetadata(options(policy));
    metadata.grant_types_supported.push('implicit');
    metadata.response_types_supported.push('token');
    metadata.token_endpoint_auth_methods_supported.push('none');
    metadata.scopes_supported?.push('admin');
    expect(policy).toEqual({
      grantTypes: ['authorization_code'],
      responseTypes: ['code'],
      tokenEndpointAuthMethods: ['client_secret_basic'],
      scopes: ['openid'],
    });
  });

  it('advertises exactly what the resolved default options validate against', () => {
    const resolved = resolveDcrOptions({ issuer: 'https://as.example.com/' });
    const metadata = buildRegistrationMetadata(resolved);
    expect(metadata.issuer).toBe('https://as.example.com');
    expect(metadata.registration_endpoint).toBe('https://as.example.com/register');
    expect(metadata.grant_types_supported).toEqual(resolved.policy.grantTypes);
    expect(metadata.response_types_supported).toEqual(resolved.policy.responseTypes);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      resolved.policy.tokenEndpointAuthMethods,
    );
    expect(metadata.grant_types_supported).not.toContain('implicit');
    expect(metadata.response_types_supported).toEqual(['code']);
  });

  describe('client_id_metadata_document_supported (draft-ietf-oauth-client-id-metadata-document §6)', () => {
    const policy = {
      grantTypes: ['authorization_code'],
      responseTypes: ['code'],
      tokenEndpointAuthMethods: ['none' as const],
    };

    it('is true, after the other members, when CIMD is on', () => {
      const metadata = buildRegistrationMetadata(options(policy, true));
      expect(metadata.client_id_metadata_document_supported).toBe(true);
      expect(Object.keys(metadata).at(-1)).toBe('client_id_metadata_document_supported');
    });

    it('is absent when CIMD is off', () => {
      expect(buildRegistrationMetadata(options(policy, false))).not.toHaveProperty(
        'client_id_metadata_document_supported',
      );
    });

    it('follows the module option, on by default', () => {
      const issuer = 'https://as.example.com';
      expect(
        buildRegistrationMetadata(resolveDcrOptions({ issuer }))
          .client_id_metadata_document_supported,
      ).toBe(true);
      expect(
        buildRegistrationMetadata(resolveDcrOptions({ issuer, cimd: { enabled: false } })),
      ).not.toHaveProperty('client_id_metadata_document_supported');
    });
  });
});

describe('buildRegistrationMetadata with a registration policy (issue 9)', () => {
  const ISSUER = 'https://as.example.com';

  it('advertises only what the allow-lists of every registration allow', () => {
    const resolved = resolveDcrOptions({
      issuer: ISSUER,
      grantTypesSupported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'client_credentials',
      ],
      registration: {
        rules: {
          allowedGrantTypes: ['authorization_code', 'refresh_token', 'urn:not:supported'],
          allowedTokenEndpointAuthMethods: ['none', 'private_key_jwt'],
          allowedScopes: ['openid', 'mcp:tools'],
        },
      },
    });
    expect(buildRegistrationMetadata(resolved)).toEqual({
      issuer: ISSUER,
      registration_endpoint: `${ISSUER}/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_SIGNING_ALGORITHMS],
      client_id_metadata_document_supported: true,
      scopes_supported: ['openid', 'mcp:tools'],
    });
  });

  it('intersects allowed scopes with the scopes the server supports', () => {
    const resolved = resolveDcrOptions({
      issuer: ISSUER,
      scopesSupported: ['openid', 'profile', 'email'],
      registration: { rules: { allowedScopes: ['email', 'openid', 'admin'] } },
    });
    expect(buildRegistrationMetadata(resolved).scopes_supported).toEqual(['openid', 'email']);
  });

  it('applies the anonymous rules in open mode, where every registration is anonymous', () => {
    const registration = { anonymousRules: { allowedTokenEndpointAuthMethods: ['none' as const] } };
    const open = resolveDcrOptions({ issuer: ISSUER, registration });
    const mixed = resolveDcrOptions({
      issuer: ISSUER,
      registration: { ...registration, mode: 'mixed' },
    });
    expect(buildRegistrationMetadata(open).token_endpoint_auth_methods_supported).toEqual(['none']);
    // In mixed mode a token's registrations escape the anonymous rules.
    expect(buildRegistrationMetadata(mixed).token_endpoint_auth_methods_supported).toEqual(
      mixed.policy.tokenEndpointAuthMethods,
    );
  });

  it('derives the document from the configured policy: each advertised value passes its rules', () => {
    const resolved = resolveDcrOptions({
      issuer: ISSUER,
      registration: { mode: 'protected', rules: { allowedGrantTypes: ['client_credentials'] } },
    });
    const { rules } = resolved.registration;
    const metadata = buildRegistrationMetadata(resolved);
    const expectedGrants = resolved.policy.grantTypes.filter((grant) =>
      rules.allowedGrantTypes?.includes(grant),
    );
    expect(metadata.grant_types_supported).toEqual(expectedGrants);
    expect(metadata.response_types_supported).toEqual([]);
    expect(metadata).not.toHaveProperty('scopes_supported');
  });
});
