import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DcrClientResolver } from '../src/index.js';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, resolveFailure, type CimdTestApp } from './support/cimd-test-app.js';

// DcrClientResolver is the one look-up an authorization server makes: it answers for registered
// clients from the table and for Client ID Metadata Document clients through CimdClientSource.
describe('DcrClientResolver with Client ID Metadata Documents', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  let resolver: DcrClientResolver;

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await createCimdTestApp();
    resolver = app.app.get(DcrClientResolver);
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it('resolves a document client: its metadata, no secret, source cimd', async () => {
    const clientId = fixture.url('/agent.json');
    fixture.publish('/agent.json', {
      client_id: clientId,
      client_name: 'Agent',
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'],
    });
    const client = await resolver.resolve(clientId);
    expect(client).toMatchObject({
      source: 'cimd',
      clientId,
      hasSecret: false,
      clientSecretExpiresAt: null,
      metadata: {
        client_name: 'Agent',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
      },
    });
    expect(await resolver.verifyClientSecret(clientId, 'anything')).toBe(false);
  });

  it('throws the document rule a client breaks, naming it', async () => {
    const clientId = fixture.url('/secret.json');
    fixture.publish('/secret.json', {
      client_id: clientId,
      redirect_uris: ['http://127.0.0.1/callback'],
      client_secret: 'shared',
    });
    const error = await resolveFailure(resolver.resolve(clientId));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'client_secret']);
  });

  it('still resolves registered clients from the table, source registration', async () => {
    const { body } = await request(app.server)
      .post('/register')
      .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'none' })
      .expect(201);
    const registered = body as { client_id: string };
    await expect(resolver.resolve(registered.client_id)).resolves.toMatchObject({
      source: 'registration',
      clientId: registered.client_id,
    });
  });
});
