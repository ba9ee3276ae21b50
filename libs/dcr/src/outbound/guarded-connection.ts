import { isIP, connect, type LookupFunction, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { errorCode, OutboundFetchError } from './outbound-fetch-error.js';
import type { OutboundLookup } from './outbound-fetcher-options.js';
import { forbiddenAddress, type OutboundTarget } from './outbound-target.js';
import { forbiddenAddressRange } from './special-use-address.js';

/** How to open one connection. */
export interface ConnectionSettings {
  readonly lookup: OutboundLookup;
  readonly ca: readonly string[] | undefined;
  readonly connectTimeoutMs: number;
  /** Aborts the attempt (the fetch's total timeout); its reason is the rejection. */
  readonly signal: AbortSignal;
}

/**
 * Opens a TCP (and, for https, TLS) connection to the target, refusing special-use addresses at
 * the two points where an address is chosen:
 *
 * 1. the resolver's answer: every address it returns must be allowed, or none is used;
 * 2. the socket actually connected: its `remoteAddress` is checked on `connect`, before TLS or
 *    HTTP writes a byte, and the socket is destroyed when it is refused.
 *
 * The addresses checked in (1) are the ones Node connects to (the guarded lookup is the socket's
 * own), so a DNS answer that changes between a check and the connection (rebinding) cannot get
 * through; (2) also covers IP literals, for which Node resolves nothing. The socket is opened
 * here, never taken from an agent's pool or a proxy: nothing else decides where it goes.
 */
export function openGuardedConnection(
  target: OutboundTarget,
  settings: ConnectionSettings,
): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let socket: Socket | undefined;
    let settled = false;
    const settle = (error: unknown, connected?: Socket): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settings.signal.removeEventListener('abort', onAbort);
      if (connected) resolve(connected);
      else {
        socket?.destroy();
        reject(asConnectionError(error, target));
      }
    };
    const onAbort = (): void => settle(settings.signal.reason);
    const timer = setTimeout(
      () =>
        settle(
          new OutboundFetchError(
            'timeout',
            `${target.host}: no connection within ${settings.connectTimeoutMs} ms`,
          ),
        ),
      settings.connectTimeoutMs,
    );
    if (settings.signal.aborted) return onAbort();
    settings.signal.addEventListener('abort', onAbort, { once: true });

    let tcp: Socket;
    try {
      tcp = connect({
        host: target.hostname,
        port: target.port,
        lookup: guardedLookup(settings.lookup, target),
        // Try each resolved address in turn (all of them were checked), as browsers do.
        autoSelectFamily: true,
        noDelay: true,
      });
    } catch (error) {
      return settle(error); // e.g. port 0
    }
    socket = tcp;
    // Kept after the handover too (settle ignores late calls): an 'error' with no listener
    // would crash the process.
    tcp.on('error', settle);
    tcp.once('connect', () => {
      const range = forbiddenAddressRange(tcp.remoteAddress ?? '', target.allowLoopback);
      if (range !== undefined) return settle(forbiddenAddress(target.host, range));
      if (!target.secure) return settle(undefined, tcp);
      const tls = connectTls({
        socket: tcp,
        // RFC 6066 §3: no server name for an IP literal; the certificate is then matched against
        // the address (Node's checkServerIdentity uses `host`).
        servername: target.literalAddress ? undefined : target.hostname,
        host: target.hostname,
        ca: settings.ca ? [...settings.ca] : undefined,
        ALPNProtocols: ['http/1.1'],
        minVersion: 'TLSv1.2',
      });
      socket = tls;
      tls.on('error', settle);
      tls.once('secureConnect', () => settle(undefined, tls));
    });
  });
}

/** A `net` lookup that answers only when every address the resolver gives is allowed. */
function guardedLookup(resolve: OutboundLookup, target: OutboundTarget): LookupFunction {
  return (hostname, options, callback) => {
    // Always asynchronous, and whatever the resolver throws or returns ends in the callback.
    Promise.resolve()
      .then(() => resolve(hostname))
      .then((answer) => allowedAddresses(answer, target))
      .then(
        (addresses) => {
          if (options.all) return callback(null, addresses);
          const [first] = addresses;
          callback(null, first.address, first.family);
        },
        (error: unknown) => callback(asNodeError(error), ''),
      );
  };
}

/** The resolver's answer, when it has addresses and every one is allowed; throws otherwise. */
function allowedAddresses(
  answer: readonly { address: string }[],
  target: OutboundTarget,
): { address: string; family: number }[] {
  const addresses = [...answer].map(({ address }) => ({ address, family: isIP(address) }));
  if (addresses.length === 0) {
    throw new OutboundFetchError('network', `${target.host}: the host name has no address`);
  }
  for (const { address } of addresses) {
    const range = forbiddenAddressRange(address, target.allowLoopback);
    // One refused address refuses the name: a public host never publishes a private one.
    if (range !== undefined) throw forbiddenAddress(target.host, range);
  }
  return addresses;
}

/** The `OutboundFetchError` for whatever ended a connection attempt. */
export function asConnectionError(error: unknown, target: OutboundTarget): OutboundFetchError {
  if (error instanceof OutboundFetchError) return error;
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return new OutboundFetchError(
      'network',
      `${target.host}: the host name does not resolve`,
      undefined,
      { cause: error },
    );
  }
  return new OutboundFetchError(
    'network',
    `${target.host}: could not connect${code ? ` (${code})` : ''}`,
    undefined,
    { cause: error },
  );
}

function asNodeError(error: unknown): NodeJS.ErrnoException {
  return error instanceof Error ? error : new Error('the resolver failed');
}
