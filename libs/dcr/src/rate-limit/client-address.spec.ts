import { describe, expect, it } from '@jest/globals';
import {
  TrustedProxyError,
  clientAddress,
  parseAddress,
  parseTrustedProxies,
} from './client-address.js';

const proxies = parseTrustedProxies(['10.0.0.0/8', '192.0.2.7', '2001:db8:ffff::/48']);
const client = (peer: string | undefined, forwardedFor?: string | string[]) =>
  clientAddress(peer, forwardedFor, proxies)?.toString();

describe('clientAddress: X-Forwarded-For only from trusted proxies', () => {
  it('is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(client('198.51.100.1', '203.0.113.9')).toBe('198.51.100.1');
    expect(client('198.51.100.1')).toBe('198.51.100.1');
  });

  it('is the peer when no proxy is trusted', () => {
    expect(clientAddress('10.1.2.3', '203.0.113.9', [])?.toString()).toBe('10.1.2.3');
  });

  it('is the address a trusted proxy forwarded for', () => {
    expect(client('10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(client('192.0.2.7', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the rightmost address that is not a trusted proxy: what a client writes is ignored', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the edge proxy appended the real address, the
    // inner proxy the edge proxy's.
    expect(client('10.0.0.1', '1.1.1.1, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(client('10.0.0.1', ['1.1.1.1', '203.0.113.9, 10.0.0.2'])).toBe('203.0.113.9');
  });

  it('is the leftmost address when every hop is a trusted proxy', () => {
    expect(client('10.0.0.1', '10.9.9.9, 10.0.0.2')).toBe('10.9.9.9');
  });

  it('is the trusted proxy itself when it sent no X-Forwarded-For', () => {
    expect(client('10.0.0.1')).toBe('10.0.0.1');
    expect(client('10.0.0.1', '')).toBe('10.0.0.1');
  });

  it('stops at an entry that is not an address: the proxy that forwarded it is the client', () => {
    expect(client('10.0.0.1', '203.0.113.9, unknown, 10.0.0.2')).toBe('10.0.0.2');
    expect(client('10.0.0.1', 'garbage')).toBe('10.0.0.1');
    expect(client('10.0.0.1', '127.1')).toBe('10.0.0.1');
    expect(client('10.0.0.1', '0x7f000001')).toBe('10.0.0.1');
  });

  it('reads ports, brackets and IPv4-mapped IPv6', () => {
    expect(client('::ffff:10.0.0.1', '203.0.113.9:4711')).toBe('203.0.113.9');
    expect(client('10.0.0.1', '[2001:db8::7]:443')).toBe('2001:db8::7');
    expect(client('2001:db8:ffff::1', '::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(client('::ffff:198.51.100.1', '203.0.113.9')).toBe('198.51.100.1');
  });

  it('is undefined without a peer address', () => {
    expect(client(undefined, '203.0.113.9')).toBeUndefined();
    expect(client('not an address')).toBeUndefined();
  });

  it('reads only the last 32 hops of a long header', () => {
    const hops = [...Array(100).keys()].map(() => '10.0.0.9').join(', ');
    expect(client('10.0.0.1', `203.0.113.9, ${hops}`)).toBe('10.0.0.9');
  });
});

describe('parseTrustedProxies', () => {
  it('reads addresses and CIDR blocks, IPv4 and IPv6', () => {
    const ranges = parseTrustedProxies([' 10.0.0.0/8 ', '::1', '2001:db8::/32', '0.0.0.0/0']);
    expect(ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      '10.0.0.0/8',
      '::1/128',
      '2001:db8::/32',
      '0.0.0.0/0',
    ]);
  });

  it('reads an IPv4-mapped block as the IPv4 block', () => {
    const [range] = parseTrustedProxies(['::ffff:10.0.0.0/104']);
    expect(range && `${range[0].toString()}/${range[1]}`).toBe('10.0.0.0/8');
    expect(clientAddress('10.2.3.4', '203.0.113.9', [range])?.toString()).toBe('203.0.113.9');
  });

  it.each(['', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/x', '127.1'])(
    'refuses %j, naming it',
    (entry) => {
      expect(() => parseTrustedProxies([entry])).toThrow(TrustedProxyError);
      expect(() => parseTrustedProxies([entry])).toThrow(`"${entry}"`);
    },
  );
});

describe('parseAddress', () => {
  it('reads what sockets and proxies write, and nothing looser', () => {
    expect(parseAddress('192.0.2.1')?.toString()).toBe('192.0.2.1');
    expect(parseAddress('fe80::1%eth0')?.kind()).toBe('ipv6');
    expect(parseAddress('[::1]')?.toString()).toBe('::1');
    for (const loose of ['192.0.2', '0300.0.2.1', '1.2.3.4.5', '[1.2.3.4]:x', 'example.com', ':']) {
      expect(parseAddress(loose)).toBeUndefined();
    }
  });
});
