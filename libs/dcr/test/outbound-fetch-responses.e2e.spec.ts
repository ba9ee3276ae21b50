import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboundFetcher } from '../src/index.js';
import { fetchFailure, startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';

// Answers the fetcher refuses, served by a real http fixture on 127.0.0.1 (test switch on).
describe('OutboundFetcher refusing answers', () => {
  const fetcher = new OutboundFetcher({ allowLoopbackHttp: true });
  let fixture: FixtureServer;
  const url = (path: string) => `http://127.0.0.1:${fixture.port}${path}`;

  beforeAll(async () => {
    fixture = await startHttpFixture((request, response) => {
      const status = /^\/status\/(\d{3})$/.exec(request.url ?? '')?.[1];
      if (status) {
        response.statusCode = Number(status);
        if (response.statusCode >= 300 && response.statusCode < 400) {
          response.setHeader('location', url('/target'));
        }
        response.setHeader('content-type', 'application/json');
        response.end('{"error":"nope"}');
        return;
      }
      switch (request.url) {
        case '/target':
          response.end('{"followed":true}');
          return;
        case '/not-json':
          response.setHeader('content-type', 'application/json');
          response.end('{"client_id": "https://a.example/c.json",');
          return;
        case '/html':
          response.setHeader('content-type', 'text/html');
          response.end('<html>{}</html>');
          return;
        case '/empty':
          response.end();
          return;
        case '/latin1':
          response.end(Buffer.from([0x22, 0xe9, 0x22])); // "é" in ISO-8859-1: not UTF-8
          return;
        case '/gzip':
          response.setHeader('content-encoding', 'gzip');
          response.end('{"a":1}');
          return;
        case '/scalar':
          response.end('42');
          return;
        default:
          response.statusCode = 500;
          response.end();
      }
    });
  });

  afterAll(async () => {
    await fixture.close();
  });

  it.each([301, 302, 303, 307, 308])(
    'does not follow a %i redirect, and names the status',
    async (status) => {
      const before = fixture.requests.length;
      const error = await fetchFailure(fetcher.fetchJson(url(`/status/${status}`)));
      expect(error.reason).toBe('redirect');
      expect(error.status).toBe(status);
      expect(error.message).toBe(
        `127.0.0.1:${fixture.port}: answered ${status}, a redirect, which is not followed`,
      );
      expect(fixture.requests.slice(before).map((request) => request.url)).toEqual([
        `/status/${status}`,
      ]);
    },
  );

  it.each([404, 500, 401, 429])('refuses a %i answer as http_status', async (status) => {
    const error = await fetchFailure(fetcher.fetchJson(url(`/status/${status}`)));
    expect(error.reason).toBe('http_status');
    expect(error.status).toBe(status);
    expect(error.message).toBe(`127.0.0.1:${fixture.port}: answered ${status}`);
  });

  it.each(['/not-json', '/html', '/empty', '/latin1', '/status/204'])(
    'refuses %s as not_json',
    async (path) => {
      const error = await fetchFailure(fetcher.fetchJson(url(path)));
      expect(error.reason).toBe('not_json');
      expect(error.message).toMatch(/^127\.0\.0\.1:\d+: /);
    },
  );

  it('refuses a content coding: nothing is decompressed', async () => {
    const error = await fetchFailure(fetcher.fetchJson(url('/gzip')));
    expect(error.reason).toBe('not_json');
    expect(error.message).toMatch(/content coding/);
  });

  it('returns any JSON value: validating its shape is the caller’s job', async () => {
    await expect(fetcher.fetchJson(url('/scalar'))).resolves.toMatchObject({ body: 42 });
  });

  it('never names the path or query of the URL in an error', async () => {
    const error = await fetchFailure(fetcher.fetchJson(url('/status/404?token=s3cret')));
    expect(error.message).not.toMatch(/s3cret|status/);
  });
});
