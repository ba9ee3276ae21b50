import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { OutboundFetcher } from '../src/index.js';
import {
  fetchFailure,
  startHttpFixture,
  startSilentTcpFixture,
  type FixtureServer,
} from './support/outbound-fixtures.js';

// Hang guard only (timing targets belong in the benchmark): a refused fetch must answer long
// before Jest's own timeout, so a fetcher that waits forever fails here rather than hanging.
const HANG_GUARD_MS = 3000;

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}

/** Writes 4 KiB of JSON-ish text every few ms until the client goes away. */
function streamForever(response: ServerResponse): void {
  response.write('[');
  const chunk = `"${'x'.repeat(4090)}",`;
  const timer = setInterval(() => response.write(chunk), 2);
  response.on('close', () => clearInterval(timer));
}

describe('OutboundFetcher limits', () => {
  const fetcher = new OutboundFetcher({ allowLoopbackHttp: true, timeoutMs: 2000 });
  let fixture: FixtureServer;
  const url = (path: string) => `http://127.0.0.1:${fixture.port}${path}`;
  const json = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) });

  beforeAll(async () => {
    fixture = await startHttpFixture((request, response) => {
      switch (request.url) {
        case '/exactly-1024':
          response.end(json(1024));
          return;
        case '/declared-large':
          response.setHeader('content-length', 4096);
          response.end(json(4096));
          return;
        case '/chunked-large':
          response.write(json(4096).slice(0, 2048)); // no Content-Length: chunked
          setTimeout(() => response.end(json(4096).slice(2048)), 20);
          return;
        case '/understated':
          // A lying Content-Length, written raw: the parser reads no further than it declares.
          response.socket?.end(
            `HTTP/1.1 200 OK\r\nContent-Length: 20\r\nConnection: close\r\n\r\n${json(64 * 1024)}`,
          );
          return;
        case '/forever':
          streamForever(response);
          return;
        case '/headers-then-stall':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"a":');
          return;
        case '/drip': {
          response.write('[');
          const timer = setInterval(() => response.write('1,'), 100);
          response.on('close', () => clearInterval(timer));
          return;
        }
        case '/stall':
          return; // accepts the request and never answers
        default:
          response.statusCode = 404;
          response.end();
      }
    });
  });

  afterAll(async () => {
    await fixture.close();
  });

  describe('size cap', () => {
    it('accepts a body of exactly maxBytes', async () => {
      const result = await fetcher.fetchJson(url('/exactly-1024'), { maxBytes: 1024 });
      expect(JSON.stringify(result.body)).toHaveLength(1024);
    });

    it('refuses a declared Content-Length over the cap without reading the body', async () => {
      const error = await fetchFailure(
        fetcher.fetchJson(url('/declared-large'), { maxBytes: 1024 }),
      );
      expect(error.reason).toBe('too_large');
      expect(error.message).toMatch(/declares 4096 bytes, over the 1024-byte limit$/);
    });

    it('counts the bytes of a chunked body, which declares no length', async () => {
      const error = await fetchFailure(
        fetcher.fetchJson(url('/chunked-large'), { maxBytes: 1024 }),
      );
      expect(error.reason).toBe('too_large');
      expect(error.message).toMatch(/exceeds the 1024-byte limit$/);
    });

    it('reads no further than an understated Content-Length', async () => {
      const error = await fetchFailure(fetcher.fetchJson(url('/understated'), { maxBytes: 1024 }));
      // The 20 declared bytes are a truncated document; the rest is never read as the body.
      expect(error.reason).toBe('not_json');
    });

    it('stops reading a body that never ends, and destroys the socket', async () => {
      const before = fixture.connections;
      const { value: error, ms } = await timed(
        fetchFailure(fetcher.fetchJson(url('/forever'), { maxBytes: 8 * 1024 })),
      );
      expect(error.reason).toBe('too_large');
      expect(ms).toBeLessThan(HANG_GUARD_MS);
      expect(fixture.connections).toBe(before + 1);
      // The server sees its socket closed: it is not left streaming to a reader that stopped.
      await fixture.allClosed();
    });

    it('uses a 64 KiB cap by default', async () => {
      const error = await fetchFailure(fetcher.fetchJson(url('/forever')));
      expect(error.message).toMatch(/exceeds the 65536-byte limit$/);
    });
  });

  describe('timeouts', () => {
    it('answers a server that accepts and never responds within the total timeout', async () => {
      const { value: error, ms } = await timed(
        fetchFailure(fetcher.fetchJson(url('/stall'), { timeoutMs: 300 })),
      );
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe(`127.0.0.1:${fixture.port}: no complete response within 300 ms`);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(HANG_GUARD_MS);
    });

    it('bounds the body as well as the headers', async () => {
      const error = await fetchFailure(
        fetcher.fetchJson(url('/headers-then-stall'), { timeoutMs: 300 }),
      );
      expect(error.reason).toBe('timeout');
    });

    it('bounds the whole fetch, not the idle time: a slow drip is cut off', async () => {
      const { value: error, ms } = await timed(
        fetchFailure(fetcher.fetchJson(url('/drip'), { timeoutMs: 500 })),
      );
      expect(error.reason).toBe('timeout');
      expect(ms).toBeLessThan(HANG_GUARD_MS);
      await fixture.allClosed();
    });

    it('uses the fetcher’s total timeout when the call sets none', async () => {
      const quick = new OutboundFetcher({ allowLoopbackHttp: true, timeoutMs: 200 });
      const error = await fetchFailure(quick.fetchJson(url('/stall')));
      expect(error.message).toMatch(/no complete response within 200 ms$/);
    });

    it('answers within the connect timeout when the name never resolves', async () => {
      const stalledDns = new OutboundFetcher({
        allowLoopbackHttp: true,
        connectTimeoutMs: 200,
        lookup: () => new Promise(() => undefined),
      });
      const { value: error, ms } = await timed(
        fetchFailure(stalledDns.fetchJson('https://metadata.example/client.json')),
      );
      expect(error.reason).toBe('timeout');
      expect(error.message).toBe('metadata.example: no connection within 200 ms');
      expect(ms).toBeLessThan(HANG_GUARD_MS);
    });

    it('counts the TLS handshake in the connect timeout', async () => {
      const silent = await startSilentTcpFixture();
      try {
        const error = await fetchFailure(
          fetcher.fetchJson(`https://127.0.0.1:${silent.port}/jwks`, { connectTimeoutMs: 200 }),
        );
        expect(error.reason).toBe('timeout');
        expect(error.message).toMatch(/no connection within 200 ms$/);
        expect(silent.connections).toBe(1);
        await silent.allClosed();
      } finally {
        await silent.close();
      }
    });
  });
});
