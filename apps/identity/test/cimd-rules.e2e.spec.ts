import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CryptoKey } from 'jose';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { clientKeyPair } from './support/client-keys.js';
import { startCimdSetting } from './support/cimd-authorization-server.js';
import type { CimdFixture } from './support/cimd-fixture.js';
import {
  expectAuthorizationRefused,
  expectAuthorizationStarted,
  expectTokenRefused,
  publicDocument,
} from './support/cimd-requests.js';
import { codeFlow, discover } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// The outbound fetcher's total timeout (DEFAULT_OUTBOUND_TIMEOUT_MS), and room for the rest.
const FETCH_TIMEOUT_MS = 5000;
const MARGIN_MS = 2500;

// Every refusal of a Client ID Metadata Document client at the authorization server: an RFC 6749
// error naming the rule, a 400 page at the authorization endpoint (never a redirect: the
// document's redirect URIs are the tests' own callback, so a redirect would show), JSON at the
// token endpoint.
describe('Client ID Metadata Document rules at the authorization server', () => {
  let fixture: CimdFixture;
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    ({ fixture, app, as } = await startCimdSetting(server));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Publishes `document` at `path` and expects the authorization to be refused for `rule`. */
  async function refused(path: string, document: Record<string, unknown>, rule: string) {
    fixture.publish(path, document);
    return expectAuthorizationRefused(as, fixture.url(path), 'invalid_client', rule);
  }

  it('refuses a document whose client_id has a trailing slash its URL has not', async () => {
    const page = await refused(
      '/slash',
      publicDocument(`${fixture.url('/slash')}/`),
      'client_id_mismatch',
    );
    expect(page).toContain('trailing slash');
  });

  it('refuses a document whose client_id spells its host otherwise', async () => {
    // Compared as strings (draft section 4): localhost is not 127.0.0.1, as :443 is not the
    // default port left out (that https form is in libs/dcr's unit tests: the fixture cannot
    // listen on 443).
    const url = new URL(fixture.url('/host'));
    await refused(
      '/host',
      publicDocument(`http://localhost:${url.port}/host`),
      'client_id_mismatch',
    );
  });

  it.each(['client_secret_basic', 'client_secret_post', 'client_secret_jwt'])(
    'refuses the shared-secret method %s',
    async (method) => {
      const path = `/method-${method}`;
      await refused(
        path,
        publicDocument(fixture.url(path), { token_endpoint_auth_method: method }),
        'auth_method',
      );
    },
  );

  it('refuses a document carrying a client_secret', async () => {
    await refused(
      '/secret',
      publicDocument(fixture.url('/secret'), { client_secret: 'shared' }),
      'client_secret',
    );
  });

  it('refuses private_key_jwt without keys', async () => {
    await refused(
      '/no-keys',
      publicDocument(fixture.url('/no-keys'), { token_endpoint_auth_method: 'private_key_jwt' }),
      'metadata',
    );
  });

  it('refuses a 302 without following it', async () => {
    fixture.publish('/target', publicDocument(fixture.url('/target')));
    fixture.route('/moved', { status: 302, headers: { location: '/target' } });
    const page = await expectAuthorizationRefused(
      as,
      fixture.url('/moved'),
      'invalid_client',
      'fetch',
    );
    expect(page).toContain('302');
    expect(fixture.fetches('/target')).toBe(0);
  });

  it('refuses a 404 without caching it: the fixed document works at once', async () => {
    const clientId = fixture.url('/late');
    const page = await expectAuthorizationRefused(as, clientId, 'invalid_client', 'fetch');
    expect(page).toContain('404');
    fixture.publish('/late', publicDocument(clientId), { 'cache-control': 'max-age=3600' });
    await expectAuthorizationStarted(as, clientId);
    expect(fixture.fetches('/late')).toBe(2);
  });

  it('refuses a document over 5 KiB', async () => {
    await refused(
      '/large',
      publicDocument(fixture.url('/large'), { padding: 'x'.repeat(6 * 1024) }),
      'fetch',
    );
  });

  it('refuses a stalled server within the fetch timeout', async () => {
    fixture.route('/stalled', { stall: true });
    const started = Date.now();
    await expectAuthorizationRefused(as, fixture.url('/stalled'), 'invalid_client', 'fetch');
    expect(Date.now() - started).toBeLessThan(FETCH_TIMEOUT_MS + MARGIN_MS);
  });

  it('refuses a malformed client_id URL with invalid_request', async () => {
    await expectAuthorizationRefused(
      as,
      `${fixture.url('/query')}?tenant=1`,
      'invalid_request',
      'query',
    );
    expect(fixture.fetches('/query?tenant=1')).toBe(0);
  });

  it('answers a refused client at the token endpoint with invalid_client as JSON', async () => {
    fixture.publish(
      '/token-secret',
      publicDocument(fixture.url('/token-secret'), { client_secret: 'shared' }),
    );
    await expectTokenRefused(as, fixture.url('/token-secret'), 'client_secret');
  });

  it.each([
    ['a private address', 'https://10.0.0.1/oauth/client.json'],
    ['the link-local metadata address', 'https://169.254.169.254/latest/meta-data/client.json'],
    ['the loopback address', 'https://127.0.0.1/oauth/client.json'],
  ])('refuses %s without the loopback switch', async (_name, clientId) => {
    const strict = await server.start();
    const strictAs = await discover(strict.issuer);
    const page = await expectAuthorizationRefused(strictAs, clientId, 'invalid_client', 'fetch');
    expect(page).toContain('special-use address');
  });

  it.each([
    [{ CIMD_DENIED_HOSTS: '127.0.0.1' }, 'denied_host'],
    [{ CIMD_ALLOWED_HOSTS: '*.client.example' }, 'host_not_allowed'],
  ])('refuses a host the operator refuses (%p)', async (env, rule) => {
    const guarded = await server.start({ CIMD_ALLOW_LOOPBACK_HTTP: 'true', ...env });
    const path = `/host-${rule}`;
    fixture.publish(path, publicDocument(fixture.url(path)));
    await expectAuthorizationRefused(
      await discover(guarded.issuer),
      fixture.url(path),
      'invalid_client',
      rule,
    );
    expect(fixture.fetches(path)).toBe(0);
  });

  it('refuses every URL client_id with CIMD=off', async () => {
    const off = await server.start({ CIMD_ALLOW_LOOPBACK_HTTP: 'true', CIMD: 'off' });
    fixture.publish('/off', publicDocument(fixture.url('/off')));
    await expectAuthorizationRefused(
      await discover(off.issuer),
      fixture.url('/off'),
      'invalid_client',
      'disabled',
    );
    expect(fixture.fetches('/off')).toBe(0);
  });

  it('authenticates a private_key_jwt client with the keys of its document at the token endpoint', async () => {
    const key = await clientKeyPair('ES256');
    const clientId = fixture.url('/keys');
    fixture.publish(
      '/keys',
      publicDocument(clientId, {
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [key.publicJwk] },
      }),
    );
    const assertion = (privateKey: CryptoKey, kid: string) =>
      oauth.PrivateKeyJwt(privateKey, {
        [oauth.modifyAssertion]: (header) => void (header.kid = kid),
      });
    const tokens = await codeFlow(as, app.origin, { clientId }, assertion(key.privateKey, key.kid));
    expect(tokens.access_token).toEqual(expect.any(String));

    // A key the document does not list fails client authentication.
    const other = await clientKeyPair('ES256');
    await expect(
      codeFlow(as, app.origin, { clientId }, assertion(other.privateKey, key.kid)),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
