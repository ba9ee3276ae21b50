import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OUTBOUND_USER_AGENT, OutboundFetcher } from '../src/index.js';
import {
  fetchFailure,
  selfSignedCertificate,
  startHttpFixture,
  startHttpsFixture,
  type FixtureServer,
  type TestCertificate,
} from './support/outbound-fixtures.js';

// Real sockets on 127.0.0.1: the loopback switch lets the fetcher reach the fixtures.
const DOCUMENT = { client_id: 'https://app.example/client.json', redirect_uris: ['x'], n: 1.5 };

describe('OutboundFetcher over http to a loopback fixture (test switch on)', () => {
  const fetcher = new OutboundFetcher({ allowLoopbackHttp: true });
  let fixture: FixtureServer;

  beforeAll(async () => {
    fixture = await startHttpFixture((request, response) => {
      if (request.url === '/no-type') {
        response.end(JSON.stringify(DOCUMENT));
        return;
      }
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.setHeader('cache-control', 'max-age=300');
      response.setHeader('etag', '"v1"');
      response.setHeader('set-cookie', 'session=abc');
      response.end(`\ufeff${JSON.stringify(DOCUMENT)}`);
    });
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('fetches a JSON document with its status and caching headers', async () => {
    const result = await fetcher.fetchJson(`http://127.0.0.1:${fixture.port}/client.json?v=1#x`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual(DOCUMENT);
    expect(result.headers).toMatchObject({ cacheControl: 'max-age=300', etag: '"v1"' });
    expect(typeof result.headers.date).toBe('string');
  });

  it('sends only Host, Accept, Accept-Encoding, User-Agent and Connection: close', async () => {
    const before = fixture.requests.length;
    await fetcher.fetchJson(`http://127.0.0.1:${fixture.port}/client.json?v=1#frag`);
    const [request] = fixture.requests.slice(before);
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/client.json?v=1'); // never the fragment
    expect(request?.headers).toEqual({
      host: `127.0.0.1:${fixture.port}`,
      accept: 'application/json',
      'accept-encoding': 'identity',
      'user-agent': OUTBOUND_USER_AGENT,
      connection: 'close',
    });
  });

  it('reaches the fixture through the host name localhost', async () => {
    const result = await fetcher.fetchJson(`http://localhost:${fixture.port}/client.json`);
    expect(result.body).toEqual(DOCUMENT);
  });

  it('closes the connection after each fetch: nothing is pooled', async () => {
    await fetcher.fetchJson(`http://127.0.0.1:${fixture.port}/client.json`);
    await fixture.allClosed();
    expect(fixture.connections).toBe(fixture.requests.length);
  });

  it('accepts a body without a JSON content type unless the call requires one', async () => {
    const url = `http://127.0.0.1:${fixture.port}/no-type`;
    expect((await fetcher.fetchJson(url)).body).toEqual(DOCUMENT);
    const error = await fetchFailure(fetcher.fetchJson(url, { requireJsonContentType: true }));
    expect(error.reason).toBe('not_json');
    const labelled = `http://127.0.0.1:${fixture.port}/client.json`;
    await expect(
      fetcher.fetchJson(labelled, { requireJsonContentType: true }),
    ).resolves.toMatchObject({ body: DOCUMENT });
  });
});

describe('OutboundFetcher over https', () => {
  let certificate: TestCertificate;
  let fixture: FixtureServer;

  beforeAll(async () => {
    certificate = await selfSignedCertificate();
    fixture = await startHttpsFixture(certificate, (_request, response) => {
      response.setHeader('content-type', 'application/jwk-set+json');
      response.end('{"keys":[]}');
    });
  }, 30_000);

  afterAll(async () => {
    await fixture.close();
  });

  it('fetches over TLS, checking the certificate against the host name', async () => {
    const fetcher = new OutboundFetcher({ allowLoopbackHttp: true, ca: certificate.cert });
    const byName = await fetcher.fetchJson(`https://localhost:${fixture.port}/jwks`, {
      requireJsonContentType: true,
    });
    expect(byName.body).toEqual({ keys: [] });
    const byAddress = await fetcher.fetchJson(`https://127.0.0.1:${fixture.port}/jwks`);
    expect(byAddress.body).toEqual({ keys: [] });
  });

  it('refuses a certificate it does not trust, before sending the request', async () => {
    const fetcher = new OutboundFetcher({ allowLoopbackHttp: true });
    const before = fixture.requests.length;
    const error = await fetchFailure(fetcher.fetchJson(`https://localhost:${fixture.port}/jwks`));
    expect(error.reason).toBe('network');
    expect(error.message).toMatch(
      /^localhost:\d+: could not connect \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
    );
    expect(fixture.requests.length).toBe(before);
  });
});
