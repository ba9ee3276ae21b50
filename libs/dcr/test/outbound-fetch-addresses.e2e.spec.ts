import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { OutboundFetcher, type OutboundLookup } from '../src/index.js';
import { fetchFailure, startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';

/** A resolver that answers `addresses` for every name and records what it was asked. */
function fakeDns(...addresses: string[]): OutboundLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(lookup, { asked });
}

// Every refusal here must happen before anything reaches the fixture on 127.0.0.1, which would
// answer if it were reached: it counts connections and bytes.
describe('OutboundFetcher refusing special-use addresses', () => {
  let fixture: FixtureServer;

  beforeAll(async () => {
    fixture = await startHttpFixture((_request, response) => response.end('{"reached":true}'));
  });

  afterAll(async () => {
    await fixture.close();
  });

  const expectUntouched = (): void => {
    expect({ connections: fixture.connections, bytes: fixture.bytesReceived }).toEqual({
      connections: 0,
      bytes: 0,
    });
  };

  describe('with the loopback switch off (production)', () => {
    const fetcher = new OutboundFetcher();

    it('refuses loopback reached through the host name localhost', async () => {
      const error = await fetchFailure(fetcher.fetchJson(`https://localhost:${fixture.port}/`));
      expect(error.reason).toBe('forbidden_address');
      expect(error.message).toBe(
        `localhost:${fixture.port}: refused to connect to a special-use address (loopback, RFC 6890)`,
      );
      expectUntouched();
    });

    it.each(['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0.0.0.0'])(
      'refuses the literal address %s without resolving or connecting',
      async (host) => {
        const dns = fakeDns('8.8.8.8');
        const literal = new OutboundFetcher({ lookup: dns });
        const error = await fetchFailure(literal.fetchJson(`https://${host}:${fixture.port}/`));
        expect(error.reason).toBe('forbidden_address');
        expect(dns.asked).toEqual([]);
        expectUntouched();
      },
    );

    it('refuses plain http without resolving anything', async () => {
      const dns = fakeDns('8.8.8.8');
      const error = await fetchFailure(
        new OutboundFetcher({ lookup: dns }).fetchJson('http://example.com/jwks'),
      );
      expect(error.reason).toBe('not_https');
      expect(error.message).toBe('example.com: the URL must use https');
      expect(dns.asked).toEqual([]);
    });

    it.each([
      ['127.0.0.1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['10.1.2.3', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['64:ff9b::7f00:1', 'nat64:loopback'],
    ])(
      'refuses a public-looking name that resolves to %s (%s), before connecting',
      async (address, range) => {
        const dns = fakeDns(address);
        const error = await fetchFailure(
          new OutboundFetcher({ lookup: dns }).fetchJson(
            `https://metadata.example:${fixture.port}/c.json`,
          ),
        );
        expect(error.reason).toBe('forbidden_address');
        expect(error.message).toBe(
          `metadata.example:${fixture.port}: refused to connect to a special-use address (${range}, RFC 6890)`,
        );
        expect(error.message).not.toContain(address);
        expect(dns.asked).toEqual(['metadata.example']);
        expectUntouched();
      },
    );

    // DNS rebinding: the resolver's answer checked is the answer connected to (the guarded
    // lookup is the socket's own, asked once), and an answer mixing a public address with a
    // special-use one is refused whole, so no fallback can land on the special-use one.
    it.each([
      [['8.8.8.8', '127.0.0.1']],
      [['127.0.0.1', '8.8.8.8']],
      [['2606:4700:4700::1111', '::1']],
    ])('refuses a name whose answers include a special-use address: %j', async (addresses) => {
      const dns = fakeDns(...addresses);
      const error = await fetchFailure(
        new OutboundFetcher({ lookup: dns }).fetchJson(`https://rebind.example:${fixture.port}/`),
      );
      expect(error.reason).toBe('forbidden_address');
      expect(dns.asked).toEqual(['rebind.example']);
      expectUntouched();
    });

    it('reports a name that does not resolve, or has no address, as network', async () => {
      const notFound = new OutboundFetcher({
        lookup: () =>
          Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
      });
      const missing = await fetchFailure(notFound.fetchJson('https://nowhere.example/'));
      expect([missing.reason, missing.message]).toEqual([
        'network',
        'nowhere.example: the host name does not resolve',
      ]);
      const empty = await fetchFailure(
        new OutboundFetcher({ lookup: fakeDns() }).fetchJson('https://empty.example/'),
      );
      expect([empty.reason, empty.message]).toEqual([
        'network',
        'empty.example: the host name has no address',
      ]);
    });
  });

  it('fails closed on a resolver that throws or answers something that is not an address', async () => {
    const throwing = new OutboundFetcher({
      lookup: () => {
        throw new Error('resolver bug');
      },
    });
    const thrown = await fetchFailure(throwing.fetchJson(`https://a.example:${fixture.port}/`));
    expect(thrown.reason).toBe('network');
    const names = new OutboundFetcher({ lookup: fakeDns('localhost') });
    const named = await fetchFailure(names.fetchJson(`https://b.example:${fixture.port}/`));
    expect(named.reason).toBe('forbidden_address');
    expect(named.message).toMatch(/\(not_an_ip_address, RFC 6890\)$/);
    expectUntouched();
  });

  describe('with the loopback switch on (tests)', () => {
    it('allows loopback only for a loopback host: a public name resolving to it is refused', async () => {
      const dns = fakeDns('127.0.0.1');
      const fetcher = new OutboundFetcher({ allowLoopbackHttp: true, lookup: dns });
      const https = await fetchFailure(
        fetcher.fetchJson(`https://rebind.example:${fixture.port}/`),
      );
      expect(https.reason).toBe('forbidden_address');
      const http = await fetchFailure(fetcher.fetchJson(`http://rebind.example:${fixture.port}/`));
      expect(http.reason).toBe('not_https');
      expectUntouched();
    });

    it('still refuses the other special-use ranges for a loopback host', async () => {
      const dns = fakeDns('10.0.0.1');
      const fetcher = new OutboundFetcher({ allowLoopbackHttp: true, lookup: dns });
      const error = await fetchFailure(fetcher.fetchJson(`http://localhost:${fixture.port}/`));
      expect(error.reason).toBe('forbidden_address');
      expect(error.message).toMatch(/\(private, RFC 6890\)$/);
    });

    it('reports a refused connection as network', async () => {
      const closed = await startHttpFixture(() => undefined);
      const port = closed.port;
      await closed.close();
      const fetcher = new OutboundFetcher({ allowLoopbackHttp: true });
      const error = await fetchFailure(fetcher.fetchJson(`http://127.0.0.1:${port}/`));
      expect([error.reason, error.message]).toEqual([
        'network',
        `127.0.0.1:${port}: could not connect (ECONNREFUSED)`,
      ]);
    });
  });
});
