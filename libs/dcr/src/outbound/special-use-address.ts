import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// The address classification behind every outbound connection: the fetcher connects only to
// globally routable unicast addresses, so that a URL a client gives cannot make the server reach
// its own network (SSRF). It is an allow-list: whatever ipaddr.js does not call plain `unicast`
// (its tables follow the IANA special-purpose registries of RFC 6890) is refused, and in IPv6 only
// the global unicast block 2000::/3 is allowed at all, so a range missing from a table fails closed.

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
// RFC 6052 §2.1: the well-known NAT64 prefix. §3.1 forbids it for non-global IPv4 addresses, and
// DNS64 networks put every public IPv4 host behind it, so the embedded address decides.
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
// RFC 3056 §2: 2002:V4ADDR::/48.
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
// RFC 4380 §4: 2001:0:SERVER:FLAGS:PORT:CLIENT, the client address and port obfuscated (inverted).
const TEREDO = ipaddr.parseCIDR('2001::/32');
// RFC 4291 §2.5.5.1: IPv4-compatible addresses ::a.b.c.d, deprecated: nothing legitimate uses them.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * The special-use range (RFC 6890 and the IANA special-purpose address registries) that an IP
 * address belongs to, e.g. `loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`,
 * `reserved`, or `undefined` for a globally routable unicast address: the only kind the server
 * connects to on a client's behalf.
 *
 * IPv6 forms that carry an IPv4 address are judged by it: IPv4-mapped `::ffff:a.b.c.d` is that
 * IPv4 address (a dual-stack socket reports IPv4 peers that way), and NAT64 `64:ff9b::/96`, 6to4
 * and Teredo addresses are refused when the embedded address is special (`nat64:private`,
 * `6to4:loopback`, `teredo:private`...). Anything that is not an IP address in the form Node
 * reports (`127.1`, `0x7f000001`, a host name) is `not_an_ip_address`: refused too.
 */
export function specialUseRange(address: string): string | undefined {
  try {
    const kind = isIP(address);
    if (kind === 4) return ipv4Range(ipaddr.IPv4.parse(address));
    if (kind === 6) return ipv6Range(canonicalIpv6(address));
  } catch {
    // Fail closed: something Node calls an address but the parsers do not read.
  }
  return 'not_an_ip_address';
}

/**
 * Why the server must not connect to `address`, or `undefined` when it may. With
 * `allowLoopback` (the test-only switch, for a URL whose host is a loopback host), loopback
 * addresses are allowed too; every other special-use range stays refused.
 */
export function forbiddenAddressRange(address: string, allowLoopback: boolean): string | undefined {
  const range = specialUseRange(address);
  return allowLoopback && range === 'loopback' ? undefined : range;
}

function ipv4Range(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  return range === 'unicast' ? undefined : range;
}

// ipaddr.js reads the mixed notation `::a.b.c.d` as `::ffff:a.b.c.d` (mapped instead of
// compatible), so IPv6 text is first put in the canonical hexadecimal form of the WHATWG URL
// parser, the one the fetcher itself connects with. A zone index (`fe80::1%eth0`) does not change
// the address's range and is not valid in a URL, so it is dropped first.
function canonicalIpv6(address: string): ipaddr.IPv6 {
  const withoutZone = address.replace(/%.*$/, '');
  const hostname = new URL(`http://[${withoutZone}]/`).hostname;
  return ipaddr.IPv6.parse(hostname.slice(1, -1));
}

function ipv6Range(address: ipaddr.IPv6): string | undefined {
  if (address.isIPv4MappedAddress()) return ipv4Range(address.toIPv4Address());
  const parts = address.parts;
  if (address.match(NAT64_WELL_KNOWN)) return embedded('nat64', [ipv4(parts[6], parts[7])]);
  if (address.match(SIX_TO_FOUR)) return embedded('6to4', [ipv4(parts[1], parts[2])]);
  if (address.match(TEREDO)) {
    const server = ipv4(parts[2], parts[3]);
    const client = ipv4(parts[6] ^ 0xffff, parts[7] ^ 0xffff);
    return embedded('teredo', [server, client]);
  }
  if (address.match(IPV4_COMPATIBLE)) {
    // ::/128 and ::1/128 sit inside ::/96 but have their own names.
    const range = address.range();
    return range === 'unicast' ? 'ipv4Compatible' : range;
  }
  const range = address.range();
  if (range !== 'unicast') return range;
  return address.match(GLOBAL_UNICAST) ? undefined : 'notGlobalUnicast';
}

function ipv4(high: number | undefined, low: number | undefined): ipaddr.IPv4 {
  const h = high ?? 0;
  const l = low ?? 0;
  return new ipaddr.IPv4([h >> 8, h & 0xff, l >> 8, l & 0xff]);
}

function embedded(form: string, addresses: ipaddr.IPv4[]): string | undefined {
  for (const address of addresses) {
    const range = ipv4Range(address);
    if (range !== undefined) return `${form}:${range}`;
  }
  return undefined;
}
