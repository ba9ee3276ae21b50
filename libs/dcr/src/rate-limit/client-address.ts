import ipaddr from 'ipaddr.js';

/** An IPv4 or IPv6 address, as ipaddr.js parses it. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A range of addresses (a CIDR block); a single address is a block of its full length. */
export type AddressRange = readonly [IpAddress, number];

/** Raised for a `trustedProxies` entry that is neither an IP address nor a CIDR block. */
export class TrustedProxyError extends Error {
  override readonly name = 'TrustedProxyError';

  constructor(readonly entry: string) {
    super(`"${entry}" is not an IP address or a CIDR block (e.g. 10.0.0.0/8, ::1)`);
  }
}

// A request passes a handful of proxies; a longer X-Forwarded-For is not read past this many hops.
const MAX_FORWARDED_HOPS = 32;

/**
 * Parses the addresses and CIDR blocks of proxies whose `X-Forwarded-For` is trusted (`10.0.0.0/8`,
 * `192.0.2.7`, `2001:db8::/32`, `::1`). IPv4 blocks written in IPv4-mapped IPv6 form
 * (`::ffff:10.0.0.0/104`) are read as the IPv4 block. Throws {@link TrustedProxyError}.
 */
export function parseTrustedProxies(entries: readonly string[]): readonly AddressRange[] {
  return entries.map((entry) => {
    const range = parseRange(entry.trim());
    if (!range) throw new TrustedProxyError(entry);
    return range;
  });
}

/**
 * The address of the client a request comes from. It is the socket's peer, unless that peer is a
 * trusted proxy: then `X-Forwarded-For` (each proxy appends the address it received the request
 * from) is read from the right, and the client is the rightmost address that is not a trusted
 * proxy. Addresses to the left of it were written by the client itself and are ignored, so a
 * client cannot choose the address it is counted under. An entry that is not an IP address ends
 * the walk at the trusted proxy that forwarded it. `undefined` when the peer is unknown.
 *
 * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, as a dual-stack socket reports IPv4 peers) are
 * the IPv4 address.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: readonly AddressRange[],
): IpAddress | undefined {
  const peerAddress = peer === undefined ? undefined : parseAddress(peer);
  if (!peerAddress || !isTrusted(peerAddress, trustedProxies)) return peerAddress;
  const hops = forwardedHops(forwardedFor);
  let client = peerAddress;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseAddress(hops[index] ?? '');
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trustedProxies)) break;
  }
  return client;
}

/** Whether `address` lies in one of `ranges`. */
export function isTrusted(address: IpAddress, ranges: readonly AddressRange[]): boolean {
  return ranges.some(
    ([network, bits]) =>
      network.kind() === address.kind() && (address as ipaddr.IPv4).match(network, bits),
  );
}

/**
 * Parses one address as a socket or an `X-Forwarded-For` entry writes it: IPv4 in dotted-decimal
 * (never `127.1` or hexadecimal forms), IPv6 (with a zone, or in brackets), either with a port
 * (`192.0.2.1:443`, `[2001:db8::1]:443`). IPv4-mapped IPv6 becomes IPv4.
 */
export function parseAddress(text: string): IpAddress | undefined {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) {
    value = bracketed[1] ?? '';
  } else if (/^[\d.]+:\d{1,5}$/.test(value)) {
    value = value.slice(0, value.indexOf(':'));
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!value.includes(':') || !ipaddr.IPv6.isValid(value)) return undefined;
  return ipaddr.process(value);
}

function parseRange(text: string): AddressRange | undefined {
  const [addressText = '', bitsText, ...rest] = text.split('/');
  if (rest.length > 0 || (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText))) return undefined;
  const address = ipaddr.IPv4.isValidFourPartDecimal(addressText)
    ? ipaddr.IPv4.parse(addressText)
    : addressText.includes(':') && ipaddr.IPv6.isValid(addressText)
      ? ipaddr.IPv6.parse(addressText)
      : undefined;
  if (!address) return undefined;
  const width = address.kind() === 'ipv4' ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (bits > width) return undefined;
  // Peers in IPv4-mapped form are compared as IPv4 (parseAddress), so such a block is one too.
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) {
    return bits >= 96 ? [address.toIPv4Address(), bits - 96] : undefined;
  }
  return [address, bits];
}

/** The hops of every `X-Forwarded-For` header, in order, at most the last 32. */
function forwardedHops(header: string | readonly string[] | undefined): string[] {
  if (header === undefined) return [];
  const values = typeof header === 'string' ? [header] : header;
  return values.flatMap((value) => value.split(',')).slice(-MAX_FORWARDED_HOPS);
}
