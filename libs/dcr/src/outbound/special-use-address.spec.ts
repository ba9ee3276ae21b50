import { describe, expect, it } from '@jest/globals';
import { forbiddenAddressRange, specialUseRange } from './special-use-address.js';

describe('specialUseRange', () => {
  // [address, expected range]: the first and last address of each range, and a neighbour outside.
  const IPV4: [string, string | undefined][] = [
    ['0.0.0.0', 'unspecified'], // RFC 791 "this network" (Linux connects it to localhost)
    ['0.255.255.255', 'unspecified'],
    ['10.0.0.0', 'private'], // RFC 1918
    ['10.255.255.255', 'private'],
    ['11.0.0.0', undefined],
    ['100.64.0.0', 'carrierGradeNat'], // RFC 6598
    ['100.127.255.255', 'carrierGradeNat'],
    ['100.63.255.255', undefined],
    ['100.128.0.0', undefined],
    ['127.0.0.1', 'loopback'], // RFC 1122
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'linkLocal'], // RFC 3927: the cloud metadata service
    ['169.254.0.0', 'linkLocal'],
    ['169.255.0.0', undefined],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['172.15.255.255', undefined],
    ['172.32.0.0', undefined],
    ['192.0.0.8', 'reserved'], // RFC 6890 IETF protocol assignments
    ['192.0.2.1', 'reserved'], // RFC 5737 TEST-NET-1
    ['192.31.196.1', 'as112'], // RFC 7535
    ['192.52.193.1', 'amt'], // RFC 7450
    ['192.88.99.1', 'reserved'], // RFC 7526 6to4 relay anycast
    ['192.168.0.1', 'private'],
    ['192.168.255.255', 'private'],
    ['192.169.0.0', undefined],
    ['192.175.48.1', 'as112'], // RFC 7534
    ['198.18.0.0', 'reserved'], // RFC 2544 benchmarking
    ['198.19.255.255', 'reserved'],
    ['198.20.0.0', undefined],
    ['198.51.100.7', 'reserved'], // RFC 5737 TEST-NET-2
    ['203.0.113.9', 'reserved'], // RFC 5737 TEST-NET-3
    ['224.0.0.1', 'multicast'], // RFC 5771
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'], // RFC 1112 class E
    ['255.255.255.255', 'broadcast'], // RFC 919
    ['1.1.1.1', undefined],
    ['8.8.8.8', undefined],
    ['93.184.215.14', undefined],
  ];

  const IPV6: [string, string | undefined][] = [
    ['::', 'unspecified'], // RFC 4291
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    // IPv4-mapped (RFC 4291 §2.5.5.2): the embedded IPv4 address, in both notations
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    ['::ffff:8.8.8.8', undefined],
    // IPv4-compatible (deprecated, RFC 4291 §2.5.5.1), whatever they embed
    ['::127.0.0.1', 'ipv4Compatible'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::8.8.8.8', 'ipv4Compatible'],
    ['::ffff:0:7f00:1', 'rfc6145'], // RFC 6145 IPv4-translated
    // NAT64 (RFC 6052): judged by the embedded address
    ['64:ff9b::a00:1', 'nat64:private'],
    ['64:ff9b::10.0.0.1', 'nat64:private'],
    ['64:ff9b::7f00:1', 'nat64:loopback'],
    ['64:ff9b::a9fe:a9fe', 'nat64:linkLocal'],
    ['64:ff9b::808:808', undefined],
    ['64:ff9b:1::808:808', 'rfc6052'], // RFC 8215 local-use prefix: never global
    // 6to4 (RFC 3056) and Teredo (RFC 4380): judged by the embedded addresses
    ['2002:7f00:1::', '6to4:loopback'],
    ['2002:a00:1::1', '6to4:private'],
    ['2002:808:808::1', undefined],
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'teredo:private'], // server 10.0.0.1
    ['2001:0:808:808:8000:63bf:80ff:fffe', 'teredo:loopback'], // client 127.0.0.1, inverted
    ['2001:0:808:808:8000:63bf:f7f7:f7f7', undefined], // server and client 8.8.8.8
    ['fc00::1', 'uniqueLocal'], // RFC 4193
    ['fdff:ffff::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'], // RFC 4291
    ['fe80::1%eth0', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['fec0::1', 'deprecatedSiteLocal'], // RFC 3879
    ['ff02::1', 'multicast'],
    ['100::1', 'discard'], // RFC 6666
    ['2001:db8::1', 'reserved'], // RFC 3849 documentation
    ['3fff::1', 'reserved'], // RFC 9637 documentation
    ['2001:2::1', 'benchmarking'], // RFC 5180
    ['2001:10::1', 'deprecatedOrchid'], // RFC 4843
    ['5f00::1', 'segmentRouting'], // RFC 9602
    ['1000::1', 'notGlobalUnicast'], // outside 2000::/3, in no table
    ['4000::1', 'notGlobalUnicast'], // unassigned
    ['2606:4700:4700::1111', undefined],
    ['2a00:1450:4001:80b::200e', undefined],
  ];

  it.each(IPV4)('IPv4 %s → %p', (address, range) => {
    expect(specialUseRange(address)).toBe(range);
  });

  it.each(IPV6)('IPv6 %s → %p', (address, range) => {
    expect(specialUseRange(address)).toBe(range);
  });

  it.each([
    '127.1',
    '0x7f000001',
    '017700000001',
    '2130706433',
    'localhost',
    '[::1]',
    '',
    ' 8.8.8.8',
  ])('refuses %p, which is not an address in the form Node reports', (text) => {
    expect(specialUseRange(text)).toBe('not_an_ip_address');
  });
});

describe('forbiddenAddressRange', () => {
  it('refuses loopback unless the switch allows it', () => {
    expect(forbiddenAddressRange('127.0.0.1', false)).toBe('loopback');
    expect(forbiddenAddressRange('127.0.0.1', true)).toBeUndefined();
    expect(forbiddenAddressRange('::1', true)).toBeUndefined();
    expect(forbiddenAddressRange('::ffff:127.0.0.1', true)).toBeUndefined();
  });

  it.each(['10.0.0.1', '169.254.169.254', '100.64.0.1', 'fd00::1', '64:ff9b::7f00:1', '0.0.0.0'])(
    'keeps refusing %s with the loopback switch on',
    (address) => {
      expect(forbiddenAddressRange(address, true)).toBeDefined();
    },
  );

  it('allows a public address either way', () => {
    expect(forbiddenAddressRange('8.8.8.8', false)).toBeUndefined();
    expect(forbiddenAddressRange('2606:4700:4700::1111', true)).toBeUndefined();
  });
});
