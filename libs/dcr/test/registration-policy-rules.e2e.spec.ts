import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { registerWith } from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

// Every built-in rule answers with its error code, its name in `policy` and the member in `field`.
describe('registration policy rules: their HTTP answers', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        registration: {
          rules: {
            trustedRedirectHosts: ['*.example.com', '127.0.0.1', 'com.example.app:'],
            allowedGrantTypes: ['authorization_code', 'refresh_token'],
            allowedTokenEndpointAuthMethods: ['none', 'client_secret_basic'],
            allowedScopes: ['openid', 'mcp:tools'],
            clientSecretLifetimeSeconds: 3600,
          },
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers what every rule allows', async () => {
    const response = await registerWith(t.server, {
      redirect_uris: [
        'https://app.example.com/cb',
        'http://127.0.0.1:4000/cb',
        'com.example.app:/cb',
      ],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
      scope: 'openid mcp:tools',
    }).expect(201);
    expect(response.body.scope).toBe('openid mcp:tools');
  });

  it.each([
    [
      'an untrusted redirect host',
      {
        ...publicClient,
        redirect_uris: ['https://app.example.com/cb', 'https://example.com.evil.test/cb'],
      },
      'invalid_redirect_uri',
      'trusted_redirect_hosts',
      '/redirect_uris/1',
      "redirect_uris[1]: host 'example.com.evil.test' is not a trusted redirect host",
    ],
    [
      'a grant type that is not allowed',
      {
        ...publicClient,
        grant_types: ['authorization_code', 'client_credentials'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      'invalid_client_metadata',
      'allowed_grant_types',
      '/grant_types/1',
      "grant_types[1]: 'client_credentials' is not allowed",
    ],
    [
      'an authentication method that is not allowed',
      { ...publicClient, token_endpoint_auth_method: 'client_secret_post' },
      'invalid_client_metadata',
      'allowed_token_endpoint_auth_methods',
      '/token_endpoint_auth_method',
      "token_endpoint_auth_method: 'client_secret_post' is not allowed",
    ],
    [
      'a scope that is not allowed',
      { ...publicClient, scope: 'openid admin' },
      'invalid_client_metadata',
      'allowed_scopes',
      '/scope',
      "scope: 'admin' not allowed",
    ],
  ])(
    'refuses %s, naming the rule and the member',
    async (_case, body, error, policy, field, description) => {
      const before = await t.countClients();
      const response = await registerWith(t.server, body).expect(400);
      expect(response.body).toEqual({
        error,
        error_description: expect.stringContaining(description),
        policy,
        field,
      });
      expect(response.body.error_description).toMatch(new RegExp(`\\(policy ${policy}\\)$`));
      expect(await t.countClients()).toBe(before);
    },
  );

  it("gives a confidential client's secret the rule's lifetime", async () => {
    const response = await registerWith(t.server, {
      redirect_uris: ['https://app.example.com/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
    }).expect(201);
    expect(response.body.client_secret_expires_at - response.body.client_id_issued_at).toBe(3600);
  });

  it('applies the rules to RFC 7592 updates as well', async () => {
    const registered = (await registerWith(t.server, publicClient).expect(201)).body as Record<
      string,
      string
    >;
    const response = await request(t.server)
      .put(new URL(registered.registration_client_uri).pathname)
      .set('Authorization', `Bearer ${registered.registration_access_token}`)
      .send({
        ...publicClient,
        client_id: registered.client_id,
        redirect_uris: ['https://evil.test/cb'],
      })
      .expect(400);
    expect(response.body).toMatchObject({
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/0',
    });
  });
});
