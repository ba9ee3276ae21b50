import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, resolveFailure, type CimdTestApp } from './support/cimd-test-app.js';

// Every rule of a document (draft section 4), against documents served over a real socket: each
// refused client is an RFC 6749 invalid_client naming its rule, and nothing of it is cached.
describe('Client ID Metadata Document rules, end to end', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  const document = (path: string, members: Record<string, unknown> = {}) => ({
    client_id: fixture.url(path),
    client_name: 'Agent',
    redirect_uris: ['http://127.0.0.1/callback'],
    ...members,
  });

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await createCimdTestApp();
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  describe('a client_id that differs from its URL', () => {
    it('by the spelling of its port is another client, whose document does not match', async () => {
      // As https://host:443/x is not https://host/x: the fixture cannot listen on 443, so the
      // port is spelled with a leading zero, which reaches the same server and document.
      fixture.publish('/port/client.json', document('/port/client.json'));
      const canonical = fixture.url('/port/client.json');
      const respelled = canonical.replace(`:${fixture.server.port}/`, `:0${fixture.server.port}/`);
      expect(new URL(respelled).href).toBe(canonical);

      const error = await resolveFailure(app.cimd.resolve(respelled));
      expect([error.error, error.rule]).toEqual(['invalid_client', 'client_id_mismatch']);
      expect(fixture.fetches('/port/client.json')).toBe(1);
      await expect(app.cimd.resolve(canonical)).resolves.toMatchObject({ clientId: canonical });
    });

    it('by a trailing slash is another client, whose document does not match', async () => {
      fixture.publish('/slash/client/', document('/slash/client'));
      const error = await resolveFailure(app.cimd.resolve(fixture.url('/slash/client/')));
      expect([error.error, error.rule]).toEqual(['invalid_client', 'client_id_mismatch']);
      expect(error.toBody().error_description).toMatch(/exactly the URL/);
    });

    it('resolves under the exact URL the document names', async () => {
      fixture.publish('/slash/client', document('/slash/client'));
      await expect(app.cimd.resolve(fixture.url('/slash/client'))).resolves.toMatchObject({
        clientId: fixture.url('/slash/client'),
      });
    });
  });

  describe('credentials (draft section 4.1)', () => {
    it.each(['client_secret_basic', 'client_secret_post', 'client_secret_jwt'])(
      'refuses the shared-secret method %s',
      async (method) => {
        const path = `/method/${method}`;
        fixture.publish(path, document(path, { token_endpoint_auth_method: method }));
        const error = await resolveFailure(app.cimd.resolve(fixture.url(path)));
        expect([error.error, error.rule]).toEqual(['invalid_client', 'auth_method']);
      },
    );

    it.each(['client_secret', 'client_secret_expires_at'])(
      'refuses %s in the document',
      async (member) => {
        const path = `/secret/${member}`;
        fixture.publish(path, document(path, { [member]: member === 'client_secret' ? 'shh' : 0 }));
        const error = await resolveFailure(app.cimd.resolve(fixture.url(path)));
        expect([error.error, error.rule]).toEqual(['invalid_client', 'client_secret']);
        expect(JSON.stringify(error.toBody())).not.toContain('shh');
      },
    );

    it('refuses private_key_jwt without keys, and accepts it with a jwks_uri', async () => {
      fixture.publish(
        '/pkjwt/none',
        document('/pkjwt/none', { token_endpoint_auth_method: 'private_key_jwt' }),
      );
      const error = await resolveFailure(app.cimd.resolve(fixture.url('/pkjwt/none')));
      expect([error.error, error.rule]).toEqual(['invalid_client', 'metadata']);
      expect(error.description).toMatch(/private_key_jwt needs the client's public keys/);

      fixture.publish(
        '/pkjwt/uri',
        document('/pkjwt/uri', {
          token_endpoint_auth_method: 'private_key_jwt',
          jwks_uri: 'https://client.example/jwks.json',
        }),
      );
      const resolved = await app.cimd.resolve(fixture.url('/pkjwt/uri'));
      expect(resolved.metadata).toMatchObject({
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: 'https://client.example/jwks.json',
      });
    });
  });

  describe('grants and redirect URIs', () => {
    it('refuses a document with no grant this server offers', async () => {
      const path = '/grants/none-usable';
      fixture.publish(
        path,
        document(path, { grant_types: ['urn:ietf:params:oauth:grant-type:device_code'] }),
      );
      const error = await resolveFailure(app.cimd.resolve(fixture.url(path)));
      expect([error.error, error.rule]).toEqual(['invalid_client', 'no_usable_grant']);
    });

    it('refuses a redirect URI DCR refuses', async () => {
      const path = '/redirect/http';
      fixture.publish(path, document(path, { redirect_uris: ['http://client.example/callback'] }));
      const error = await resolveFailure(app.cimd.resolve(fixture.url(path)));
      expect([error.error, error.rule]).toEqual(['invalid_client', 'metadata']);
      expect(error.description).toMatch(/loopback/);
    });
  });

  it('refuses a body that is not a JSON object', async () => {
    fixture.publish('/array', [document('/array')]);
    expect((await resolveFailure(app.cimd.resolve(fixture.url('/array')))).rule).toBe('not_object');
    fixture.route('/text', {
      body: 'client_name=Agent',
      headers: { 'content-type': 'text/plain' },
    });
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/text')));
    expect([error.rule, error.description]).toEqual([
      'fetch',
      expect.stringMatching(/could not be fetched/),
    ]);
  });

  it('keeps nothing of a refused document', async () => {
    const cached = (await app.documentRows()).map((row) => row.client_id);
    expect(cached).toEqual(
      [
        fixture.url('/port/client.json'),
        fixture.url('/pkjwt/uri'),
        fixture.url('/slash/client'),
      ].sort(),
    );
  });
});
