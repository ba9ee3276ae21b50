import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { OutboundFetchError } from '../src/index.js';
import { openGuardedConnection } from '../src/outbound/guarded-connection.js';
import type { OutboundTarget } from '../src/outbound/outbound-target.js';
import { systemLookup } from '../src/outbound/outbound-fetcher-options.js';
import { startSilentTcpFixture, type FixtureServer } from './support/outbound-fixtures.js';

// The second line of defence: whatever led to a socket (a resolver, an IP literal for which Node
// resolves nothing), the address it is actually connected to is checked before TLS or HTTP write
// a byte. The URL rules refuse a loopback literal long before this point, so these targets are
// built by hand, as if that first check had been bypassed.
describe('openGuardedConnection: the connected address', () => {
  let fixture: FixtureServer;

  beforeEach(async () => {
    fixture = await startSilentTcpFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  const target = (secure: boolean, allowLoopback: boolean): OutboundTarget => ({
    host: `127.0.0.1:${fixture.port}`,
    hostname: '127.0.0.1',
    literalAddress: true,
    port: fixture.port,
    path: '/',
    secure,
    allowLoopback,
  });

  const connect = (secure: boolean, allowLoopback: boolean) =>
    openGuardedConnection(target(secure, allowLoopback), {
      lookup: systemLookup,
      ca: undefined,
      connectTimeoutMs: 2000,
      signal: new AbortController().signal,
    });

  it.each<[string, boolean]>([
    ['http', false],
    ['https', true],
  ])(
    'refuses a %s socket connected to loopback, before a byte is written, and closes it',
    async (_scheme, secure) => {
      const error = await connect(secure, false).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OutboundFetchError);
      expect((error as OutboundFetchError).reason).toBe('forbidden_address');
      await fixture.allClosed();
      // The TCP handshake happened (that is how the peer is known), then nothing: not even a
      // TLS ClientHello.
      expect({ connections: fixture.connections, bytes: fixture.bytesReceived }).toEqual({
        connections: 1,
        bytes: 0,
      });
    },
  );

  it('hands over the socket when the peer is allowed (the control case)', async () => {
    const socket = await connect(false, true);
    try {
      expect(socket.remoteAddress).toBe('127.0.0.1');
      expect(fixture.connections).toBe(1);
    } finally {
      socket.destroy();
    }
  });
});
