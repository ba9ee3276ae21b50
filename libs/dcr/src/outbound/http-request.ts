import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { errorCode, OutboundFetchError } from './outbound-fetch-error.js';
import type { OutboundTarget } from './outbound-target.js';

/** The `User-Agent` of every outbound request, so document hosts can tell what fetched them. */
export const OUTBOUND_USER_AGENT = 'agent-runtimes-dcr (outbound fetcher)';

// Response headers are held in memory before any body limit applies: 16 KiB, whatever Node's
// --max-http-header-size says.
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Sends `GET` over the already-connected, already-checked socket, and resolves with the response
 * once its headers are in. The request carries only `Host`, `Accept: application/json`,
 * `Accept-Encoding: identity` (no decompression, so the size cap is the size read),
 * `User-Agent` and `Connection: close`: no cookie, no credential, nothing of the client's.
 */
export function sendRequest(
  socket: Socket,
  target: OutboundTarget,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, response?: IncomingMessage): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else {
        outgoing.destroy();
        reject(asExchangeError(error, target));
      }
    };
    const onAbort = (): void => settle(signal.reason);

    const outgoing = request({
      method: 'GET',
      host: target.hostname,
      port: target.port,
      path: target.path,
      setHost: false,
      headers: {
        host: target.host,
        accept: 'application/json',
        'accept-encoding': 'identity',
        'user-agent': OUTBOUND_USER_AGENT,
      },
      // The socket opened and checked by openGuardedConnection: no agent, no pool, no proxy.
      createConnection: () => socket,
      maxHeaderSize: MAX_HEADER_BYTES,
      insecureHTTPParser: false,
    });
    // Kept for the whole exchange: an error after the headers (while the body is read) is the
    // response's to report, and must not go unhandled here.
    outgoing.on('error', (error) => settle(error));
    outgoing.once('response', (response) => settle(undefined, response));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.end();
  });
}

/** The `OutboundFetchError` for whatever ended an exchange on an open connection. */
export function asExchangeError(error: unknown, target: OutboundTarget): OutboundFetchError {
  if (error instanceof OutboundFetchError) return error;
  const code = errorCode(error);
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new OutboundFetchError(
      'too_large',
      `${target.host}: the response headers exceed ${MAX_HEADER_BYTES} bytes`,
      undefined,
      { cause: error },
    );
  }
  return new OutboundFetchError(
    'network',
    code?.startsWith('HPE_')
      ? `${target.host}: the response is not valid HTTP/1.1 (${code})`
      : `${target.host}: the connection failed before a complete response${code ? ` (${code})` : ''}`,
    undefined,
    { cause: error },
  );
}
