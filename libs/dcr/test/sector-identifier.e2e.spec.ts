import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';

// OpenID Connect Registration 1.0 §5: a `sector_identifier_uri` is fetched (through the hardened
// outbound fetcher; plain http to loopback with the test switch) and must list every redirect URI.
const REDIRECTS = ['https://a.example/cb', 'https://b.example/cb'];

describe('sector_identifier_uri', () => {
  let t: DcrTestApp;
  let fixture: FixtureServer;
  let answer: { status: number; body: string; headers?: Record<string, string> } = {
    status: 200,
    body: '[]',
  };

  beforeAll(async () => {
    fixture = await startHttpFixture((_request, response) => {
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    t = await createDcrTestApp({ dcr: { outbound: { allowLoopbackHttp: true } } });
  });

  afterAll(async () => {
    await t?.close();
    await fixture?.close();
  });

  const register = () =>
    request(t.server)
      .post('/register')
      .send({
        redirect_uris: REDIRECTS,
        token_endpoint_auth_method: 'none',
        subject_type: 'pairwise',
        sector_identifier_uri: `http://127.0.0.1:${fixture.port}/sector.json`,
      });

  it('registers the client when the document lists every redirect URI, and echoes the URI', async () => {
    answer = { status: 200, body: JSON.stringify([...REDIRECTS, 'https://c.example/cb']) };
    const before = fixture.requests.length;
    const response = await register().expect(201);
    expect(response.body.sector_identifier_uri).toBe(
      `http://127.0.0.1:${fixture.port}/sector.json`,
    );
    expect(fixture.requests.length).toBe(before + 1);
  });

  it.each([
    ['a document that misses a redirect URI', { status: 200, body: '["https://a.example/cb"]' }],
    ['a document that is not an array of URIs', { status: 200, body: '{"uris": []}' }],
    ['a 404', { status: 404, body: '{}' }],
    [
      'a redirect (never followed)',
      { status: 302, body: '', headers: { Location: 'https://elsewhere.example/x' } },
    ],
    ['a body that is not JSON', { status: 200, body: 'not json' }],
  ])('refuses %s as invalid_client_metadata naming the field, storing nothing', async (_l, a) => {
    answer = a;
    const before = await t.countClients();
    const response = await register();
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(/^sector_identifier_uri: /),
      field: '/sector_identifier_uri',
    });
    expect(await t.countClients()).toBe(before);
  });

  it('refuses a plain http URI that is not on a loopback host, without fetching', async () => {
    const before = fixture.requests.length;
    const response = await request(t.server).post('/register').send({
      redirect_uris: REDIRECTS,
      token_endpoint_auth_method: 'none',
      sector_identifier_uri: 'http://sector.example/sector.json',
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('/sector_identifier_uri');
    expect(fixture.requests.length).toBe(before);
  });
});
