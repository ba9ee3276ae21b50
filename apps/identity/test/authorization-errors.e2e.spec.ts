import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import { TestBrowser, expectRedirect } from './support/browser.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import {
  REDIRECT_URI,
  authorize,
  authorizationUrl,
  authorizeCode,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

describe('authorization request errors', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let clientId: string;

  beforeAll(async () => {
    app = await server.start();
    as = await discover(app.issuer);
    clientId = (await register(as, { token_endpoint_auth_method: 'none' })).client_id;
  });

  /** The error redirect of an authorization request: error, state and iss (RFC 9207). */
  async function errorRedirect(extra: Record<string, string | null>, resource?: string) {
    const { end } = await authorize(as, app.origin, { clientId, extra, state: 'st-9', resource });
    const callback = expectRedirect(end);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe('st-9');
    expect(callback.searchParams.get('iss')).toBe(app.issuer);
    expect(callback.searchParams.has('code')).toBe(false);
    return callback.searchParams;
  }

  describe('PKCE (RFC 7636, required for every client)', () => {
    it('refuses a request without a code challenge', async () => {
      const params = await errorRedirect({ code_challenge: null, code_challenge_method: null });
      expect(params.get('error')).toBe('invalid_request');
    });

    it('refuses the plain method', async () => {
      const params = await errorRedirect({ code_challenge_method: 'plain' });
      expect(params.get('error')).toBe('invalid_request');
    });

    it('refuses a confidential client without a code challenge too', async () => {
      const confidential = await register(as, {
        token_endpoint_auth_method: 'client_secret_basic',
      });
      const { end } = await authorize(as, app.origin, {
        clientId: confidential.client_id,
        extra: { code_challenge: null, code_challenge_method: null },
      });
      expect(expectRedirect(end).searchParams.get('error')).toBe('invalid_request');
    });

    it('refuses a wrong verifier at the token endpoint', async () => {
      const { params } = await authorizeCode(as, app.origin, { clientId });
      const answer = await tokenRequest(as, {
        grant_type: 'authorization_code',
        code: params.get('code') as string,
        code_verifier: oauth.generateRandomCodeVerifier(),
        redirect_uri: REDIRECT_URI,
        client_id: clientId,
      });
      expect(answer).toEqual({
        status: 400,
        body: expect.objectContaining({ error: 'invalid_grant' }),
      });
    });

    it('refuses a redemption without a verifier', async () => {
      const { params } = await authorizeCode(as, app.origin, { clientId });
      const answer = await tokenRequest(as, {
        grant_type: 'authorization_code',
        code: params.get('code') as string,
        redirect_uri: REDIRECT_URI,
        client_id: clientId,
      });
      expect(answer.body.error).toBe('invalid_grant');
    });
  });

  describe('redirect URIs', () => {
    it.each([
      'https://evil.example/callback',
      'http://127.0.0.1:33418/other',
      'http://localhost:33418/callback',
      'http://127.0.0.1.evil.example:33418/callback',
    ])('answers %s with a 400 page and never redirects to it', async (redirectUri) => {
      const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
      const url = authorizationUrl(as, { clientId, redirectUri }, challenge);
      const response = await new TestBrowser().request(url.href);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('redirect_uri');
      expect(page).not.toContain(redirectUri);
    });

    it('answers an unknown client with a 400 page, without redirecting', async () => {
      const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
      const url = authorizationUrl(as, { clientId: 'AAAAAAAAAAAAAAAAAAAAAA' }, challenge);
      const response = await new TestBrowser().request(url.href);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('invalid_client');
    });
  });

  describe('after a valid redirect URI, errors go back to the client (RFC 6749 §4.1.2.1)', () => {
    it.each([
      ['prompt=none without a session (OIDC Core §3.1.2.6)', { prompt: 'none' }, 'login_required'],
      ['a scope with invalid characters', { scope: 'a"b' }, 'invalid_scope'],
      ['an unsupported response mode', { response_mode: 'jwt' }, 'unsupported_response_mode'],
    ])('%s', async (_label, extra, error) => {
      expect((await errorRedirect(extra)).get('error')).toBe(error);
    });

    it('an unknown resource (RFC 8707 §2: invalid_target)', async () => {
      const params = await errorRedirect({}, 'https://unknown.example/mcp');
      expect(params.get('error')).toBe('invalid_target');
    });
  });
});
