import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DcrMetadataService } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { registerWith } from './support/initial-access-requests.js';

// RFC 8414 metadata lists exactly what registration accepts: the expected document is derived
// here by asking the registration endpoint itself (dry runs) about every candidate value.
describe('discovery follows the registration policy', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        grantTypesSupported: [
          'authorization_code',
          'implicit',
          'refresh_token',
          'client_credentials',
        ],
        scopesSupported: ['openid', 'profile', 'email', 'mcp:tools'],
        registration: {
          rules: {
            allowedGrantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
            allowedTokenEndpointAuthMethods: ['client_secret_basic', 'private_key_jwt'],
            allowedScopes: ['openid', 'mcp:tools', 'admin'],
          },
          anonymousRules: { allowedGrantTypes: ['authorization_code', 'client_credentials'] },
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const accepted = async (candidates: readonly string[], body: (value: string) => object) => {
    const answers = await Promise.all(
      candidates.map(async (value) => {
        const response = await registerWith(t.server, body(value), undefined, '?dry_run=true');
        return response.status === 200 ? [value] : [];
      }),
    );
    return answers.flat();
  };

  const confidential = {
    redirect_uris: ['https://app.example/cb'],
    token_endpoint_auth_method: 'client_secret_basic',
  };

  it('advertises exactly the grant types, methods, response types and scopes registration accepts', async () => {
    const metadata = t.app.get(DcrMetadataService).registrationMetadata();
    const grants = await accepted(
      [
        'authorization_code',
        'implicit',
        'refresh_token',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      (grant) => ({
        ...confidential,
        grant_types: [grant],
        response_types:
          grant === 'implicit' ? ['token'] : grant === 'authorization_code' ? ['code'] : [],
      }),
    );
    const methods = await accepted(
      ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'],
      (method) => ({
        ...confidential,
        token_endpoint_auth_method: method,
        jwks: {
          keys: [
            {
              kty: 'EC',
              crv: 'P-256',
              x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
              y: 'x_FEzRu9m36HLN_tue659LNpXW6pOyStikYjKIWI5a0',
            },
          ],
        },
      }),
    );
    const responseTypes = await accepted(['code', 'token'], (type) => ({
      ...confidential,
      response_types: [type],
    }));
    const scopes = await accepted(
      ['openid', 'profile', 'email', 'mcp:tools', 'admin'],
      (scope) => ({ ...confidential, scope }),
    );

    expect(metadata.grant_types_supported).toEqual(grants);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(methods);
    expect(metadata.response_types_supported).toEqual(responseTypes);
    expect(metadata.scopes_supported).toEqual(scopes);
    // What the policy makes of the server's support, spelled out:
    expect(metadata).toMatchObject({
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
      response_types_supported: ['code'],
      scopes_supported: ['openid', 'mcp:tools'],
    });
  });
});
