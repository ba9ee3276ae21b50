import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { BODY_LIMIT_BYTES } from '../src/create-consumer-app.js';
import { CLIENT_AUTHENTICATED } from '../src/token/token-endpoint.service.js';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test-app.js';
import {
  basicAuthorization,
  confidentialClient,
  expectOAuthError,
  pathOf,
  percentEncodeEveryByte,
  PUBLIC_CLIENT,
  register,
  tokenRequest,
  type Registration,
} from './support/oauth-requests.js';

const BASIC_CHALLENGE = /^Basic /;

// The app's own token endpoint, authenticating clients with the module's ClientAuthenticationService.
describe('the stub token endpoint (RFC 6749 §2.3, §5.2)', () => {
  let t: ConsumerTestApp;
  let basicClient: Registration;
  let postClient: Registration;
  let publicClient: Registration;

  /** Rows of the app's audit log for a client. */
  async function auditEntries(clientId: string): Promise<{ event: string }[]> {
    return t.schema.query<{ event: string }>(
      'SELECT event FROM consumer_audit_entry WHERE client_id = $1 ORDER BY id',
      [clientId],
    );
  }

  async function lastAuthenticatedAt(clientId: string): Promise<Date | null> {
    const [row] = await t.schema.query<{ last_authenticated_at: Date | null }>(
      'SELECT last_authenticated_at FROM dcr_client WHERE client_id = $1',
      [clientId],
    );
    if (!row) throw new Error(`no row for client ${clientId}`);
    return row.last_authenticated_at;
  }

  /** A refusal: 401 invalid_client, the Basic challenge exactly when Basic was tried, no audit. */
  async function expectRefused(
    response: request.Response,
    clientId: string,
    basicTried: boolean,
  ): Promise<void> {
    expectOAuthError(response, 401, 'invalid_client');
    if (basicTried) expect(response.headers['www-authenticate']).toMatch(BASIC_CHALLENGE);
    else expect(response.headers['www-authenticate']).toBeUndefined();
    expect(await auditEntries(clientId)).toEqual([]);
  }

  beforeAll(async () => {
    t = await startConsumerTestApp();
    basicClient = await register(t.server, confidentialClient('client_secret_basic'));
    postClient = await register(t.server, confidentialClient('client_secret_post'));
    publicClient = await register(t.server, PUBLIC_CLIENT);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('accepts', () => {
    it('client_secret_basic, and records the authentication', async () => {
      const client = await register(t.server, confidentialClient('client_secret_basic'));
      expect(await lastAuthenticatedAt(client.client_id)).toBeNull();
      const before = Date.now();
      const response = await tokenRequest(
        t.server,
        {},
        basicAuthorization(client.client_id, client.client_secret!),
      ).expect(200);
      const after = Date.now();
      expect(response.body).toEqual({
        client_id: client.client_id,
        token_endpoint_auth_method: 'client_secret_basic',
      });
      expect(response.headers['cache-control']).toBe('no-store');

      const at = await lastAuthenticatedAt(client.client_id);
      expect(at).toBeInstanceOf(Date);
      // Stored to the millisecond by PostgreSQL's timestamptz (microseconds).
      expect(at!.getTime()).toBeGreaterThanOrEqual(before);
      expect(at!.getTime()).toBeLessThanOrEqual(after);
      expect(await auditEntries(client.client_id)).toEqual([{ event: CLIENT_AUTHENTICATED }]);
    });

    it('Basic credentials that are form-encoded (RFC 6749 §2.3.1), decoding them', async () => {
      // Issued ids and secrets are base64url, which form-encoding leaves as they are; encoding
      // every byte shows that the server decodes rather than compares the raw header.
      const response = await tokenRequest(
        t.server,
        {},
        basicAuthorization(
          basicClient.client_id,
          basicClient.client_secret!,
          percentEncodeEveryByte,
        ),
      ).expect(200);
      expect(response.body.client_id).toBe(basicClient.client_id);
    });

    it('Basic credentials built with encodeURIComponent', async () => {
      const response = await tokenRequest(
        t.server,
        {},
        basicAuthorization(basicClient.client_id, basicClient.client_secret!, encodeURIComponent),
      ).expect(200);
      expect(response.body.client_id).toBe(basicClient.client_id);
    });

    it('client_secret_post', async () => {
      const response = await tokenRequest(t.server, {
        client_id: postClient.client_id,
        client_secret: postClient.client_secret!,
      }).expect(200);
      expect(response.body).toEqual({
        client_id: postClient.client_id,
        token_endpoint_auth_method: 'client_secret_post',
      });
      expect(await lastAuthenticatedAt(postClient.client_id)).toBeInstanceOf(Date);
    });

    it('a public client (none) presenting only its client_id', async () => {
      const response = await tokenRequest(t.server, { client_id: publicClient.client_id }).expect(
        200,
      );
      expect(response.body).toEqual({
        client_id: publicClient.client_id,
        token_endpoint_auth_method: 'none',
      });
      expect(await lastAuthenticatedAt(publicClient.client_id)).toBeInstanceOf(Date);
    });
  });

  describe('refuses with 401 invalid_client', () => {
    it('a wrong secret over Basic, with the Basic challenge', async () => {
      const client = await register(t.server, confidentialClient('client_secret_basic'));
      const response = await tokenRequest(
        t.server,
        {},
        basicAuthorization(client.client_id, `${client.client_secret!}x`),
      );
      await expectRefused(response, client.client_id, true);
      expect(await lastAuthenticatedAt(client.client_id)).toBeNull();
    });

    it('a wrong secret in the body', async () => {
      const client = await register(t.server, confidentialClient('client_secret_post'));
      const response = await tokenRequest(t.server, {
        client_id: client.client_id,
        client_secret: 'not-the-secret',
      });
      await expectRefused(response, client.client_id, false);
      expect(await lastAuthenticatedAt(client.client_id)).toBeNull();
    });

    it('an unknown client, over Basic and in the body', async () => {
      const unknown = 'no-such-client-id';
      await expectRefused(
        await tokenRequest(t.server, {}, basicAuthorization(unknown, 'whatever')),
        unknown,
        true,
      );
      await expectRefused(
        await tokenRequest(t.server, { client_id: unknown, client_secret: 'whatever' }),
        unknown,
        false,
      );
      await expectRefused(await tokenRequest(t.server, { client_id: unknown }), unknown, false);
    });

    it('a deleted client, with the secret that worked before', async () => {
      const client = await register(t.server, confidentialClient('client_secret_basic'));
      const authorization = basicAuthorization(client.client_id, client.client_secret!);
      await tokenRequest(t.server, {}, authorization).expect(200);
      await request(t.server)
        .delete(pathOf(client.registration_client_uri))
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(204);
      const response = await tokenRequest(t.server, {}, authorization);
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toMatch(BASIC_CHALLENGE);
    });

    it('client_secret_post from a client registered for client_secret_basic', async () => {
      const client = await register(t.server, confidentialClient('client_secret_basic'));
      const response = await tokenRequest(t.server, {
        client_id: client.client_id,
        client_secret: client.client_secret!,
      });
      await expectRefused(response, client.client_id, false);
    });

    it('client_secret_basic from a client registered for client_secret_post', async () => {
      const client = await register(t.server, confidentialClient('client_secret_post'));
      const response = await tokenRequest(
        t.server,
        {},
        basicAuthorization(client.client_id, client.client_secret!),
      );
      await expectRefused(response, client.client_id, true);
    });

    it('a public client presenting a secret, in the body or over Basic', async () => {
      const client = await register(t.server, PUBLIC_CLIENT);
      expect(client.client_secret).toBeUndefined();
      await expectRefused(
        await tokenRequest(t.server, { client_id: client.client_id, client_secret: 'anything' }),
        client.client_id,
        false,
      );
      await expectRefused(
        await tokenRequest(t.server, {}, basicAuthorization(client.client_id, '')),
        client.client_id,
        true,
      );
    });

    it('Basic and a body secret at once is invalid_request, 400 (RFC 6749 §2.3, §5.2)', async () => {
      const client = await register(t.server, confidentialClient('client_secret_basic'));
      const response = await tokenRequest(
        t.server,
        { client_id: client.client_id, client_secret: client.client_secret! },
        basicAuthorization(client.client_id, client.client_secret!),
      );
      expectOAuthError(response, 400, 'invalid_request');
      expect(await auditEntries(client.client_id)).toEqual([]);
    });

    it('no credentials at all', async () => {
      const response = await tokenRequest(t.server, {});
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toBeUndefined();
    });

    it('a repeated client_id is invalid_request, 400 (RFC 6749 §3.2, §5.2)', async () => {
      const client = await register(t.server, PUBLIC_CLIENT);
      const response = await tokenRequest(t.server, {
        client_id: [client.client_id, client.client_id],
      });
      expectOAuthError(response, 400, 'invalid_request');
      expect(await auditEntries(client.client_id)).toEqual([]);
    });

    it('an Authorization header that is not Basic, with the Basic challenge', async () => {
      const response = await tokenRequest(
        t.server,
        { client_id: publicClient.client_id },
        'Bearer abc',
      );
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toMatch(BASIC_CHALLENGE);
    });
  });

  // Body-parser errors happen before routing. The module's global DcrBodyErrorFilter reshapes
  // them only on the module's own routes: at the app's token endpoint they stay the app's errors
  // (Nest's shape here), never registration errors.
  describe("leaves body-parser errors at the app's token endpoint to the app", () => {
    it('a form body in a charset other than UTF-8 (RFC 6749 Appendix B)', async () => {
      const response = await request(t.server)
        .post('/api/oauth/token')
        .set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1')
        .send(`client_id=${publicClient.client_id}`);
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415 });
      expect(response.body.error).not.toBe('invalid_client_metadata');
    });

    it('a form body larger than the limit', async () => {
      const response = await request(t.server)
        .post('/api/oauth/token')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`client_id=${publicClient.client_id}&padding=${'x'.repeat(BODY_LIMIT_BYTES)}`);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ statusCode: 413 });
      expect(response.body.error).not.toBe('invalid_client_metadata');
    });
  });

  it('refuses a body that is not form-encoded with invalid_request (RFC 6749 §3.2)', async () => {
    const response = await request(t.server)
      .post('/api/oauth/token')
      .set('Content-Type', 'application/json')
      .send({ client_id: publicClient.client_id });
    expectOAuthError(response, 400, 'invalid_request');
  });
});
