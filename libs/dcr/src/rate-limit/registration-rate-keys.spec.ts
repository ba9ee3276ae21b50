import { describe, expect, it } from '@jest/globals';
import { parseAddress } from './client-address.js';
import {
  GLOBAL_TRACKER,
  clientIpTracker,
  rateLimitKindOf,
  secondKeyTracker,
} from './registration-rate-keys.js';

describe('clientIpTracker', () => {
  it('counts an IPv4 client by its address', () => {
    expect(clientIpTracker(parseAddress('203.0.113.9'))).toBe('client_ip:203.0.113.9');
  });

  it('counts an IPv6 client by its /64 network', () => {
    const first = clientIpTracker(parseAddress('2001:db8:1:2::1'));
    expect(first).toBe('client_ip:2001:db8:1:2::/64');
    expect(clientIpTracker(parseAddress('2001:db8:1:2:ffff:ffff:ffff:ffff'))).toBe(first);
    expect(clientIpTracker(parseAddress('2001:db8:1:3::1'))).not.toBe(first);
  });

  it('counts every client of unknown address as one', () => {
    expect(clientIpTracker(undefined)).toBe('client_ip:unknown');
  });
});

describe('secondKeyTracker', () => {
  it('is the software_id when there is one', () => {
    expect(
      secondKeyTracker({ software_id: 'agent-x', redirect_uris: ['https://a.example/cb'] }),
    ).toBe('software_id:agent-x');
  });

  it('is the sorted set of redirect hosts otherwise', () => {
    expect(
      secondKeyTracker({
        redirect_uris: [
          'https://b.example/cb',
          'https://A.example/one',
          'https://a.example/two',
          'com.example.app:/callback',
        ],
      }),
    ).toBe('redirect_host:a.example b.example');
  });

  it('leaves out loopback hosts, which every native app shares', () => {
    expect(
      secondKeyTracker({
        redirect_uris: ['http://127.0.0.1:3000/cb', 'http://localhost/cb', 'http://[::1]:9/cb'],
      }),
    ).toBeUndefined();
    expect(
      secondKeyTracker({ redirect_uris: ['http://127.0.0.1/cb', 'https://app.example/cb'] }),
    ).toBe('redirect_host:app.example');
  });

  it('uses a private-use scheme with an authority as a host', () => {
    expect(secondKeyTracker({ redirect_uris: ['cursor://anysphere.cursor-mcp/oauth'] })).toBe(
      'redirect_host:anysphere.cursor-mcp',
    );
  });

  it('gives no key for a body that is not an object, or names neither', () => {
    for (const body of [undefined, null, 'text', 42, true, [], [{ software_id: 'x' }], {}]) {
      expect(secondKeyTracker(body)).toBeUndefined();
    }
    expect(secondKeyTracker({ software_id: '', redirect_uris: 'https://a.example/cb' })).toBe(
      undefined,
    );
  });

  it('reads hostile bodies defensively', () => {
    expect(secondKeyTracker({ software_id: 'x'.repeat(256) })).toBeUndefined();
    expect(secondKeyTracker({ software_id: { toString: () => 'x' } })).toBeUndefined();
    expect(
      secondKeyTracker({ redirect_uris: [42, null, {}, ['https://a.example/cb'], 'not a uri'] }),
    ).toBeUndefined();
    expect(secondKeyTracker({ redirect_uris: [`https://${'a'.repeat(3000)}.example/cb`] })).toBe(
      undefined,
    );
    // Only the first 20 redirect URIs are read.
    const many = [...Array(1000).keys()].map((index) => `https://h${index}.example/cb`);
    expect(secondKeyTracker({ redirect_uris: many })?.split(' ')).toHaveLength(20);
    // Inherited members are not the body's.
    expect(secondKeyTracker(Object.create({ software_id: 'inherited' }) as object)).toBe(undefined);
    const throwing = Object.defineProperty({}, 'software_id', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(secondKeyTracker(throwing)).toBeUndefined();
  });
});

describe('rateLimitKindOf', () => {
  it('names the limit a tracker counts under', () => {
    expect(rateLimitKindOf('client_ip:203.0.113.9')).toBe('client_ip');
    expect(rateLimitKindOf('redirect_host:a.example')).toBe('redirect_host');
    expect(rateLimitKindOf('software_id:agent:x')).toBe('software_id');
    expect(rateLimitKindOf(GLOBAL_TRACKER)).toBe('global');
  });
});
