import type { IncomingMessage } from 'node:http';
import { cachingHeaders, type OutboundCachingHeaders } from './caching-headers.js';
import { asExchangeError } from './http-request.js';
import { OutboundFetchError } from './outbound-fetch-error.js';
import type { OutboundTarget } from './outbound-target.js';

/** A response accepted by the fetcher: a 2xx whose body is JSON within the cap. */
export interface JsonResponse {
  readonly status: number;
  /** The parsed body: any JSON value, for the caller to validate. */
  readonly body: unknown;
  readonly headers: OutboundCachingHeaders;
}

/** What the body must meet. */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly requireJsonContentType: boolean;
}

// RFC 6838 §4.2.8: `+json` types are JSON too (application/jwk-set+json, ...).
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Checks the status and headers, then reads the body up to `maxBytes` and parses it:
 *
 * - 3xx is `redirect` (never followed) and any other non-2xx `http_status`; the body of either
 *   is not read;
 * - a `Content-Length` over the cap is `too_large` before reading; without one (chunked), or when
 *   it understates, the bytes actually received are counted, and the socket is destroyed as soon
 *   as they exceed the cap;
 * - a `Content-Encoding` other than `identity` is `not_json` (nothing is decompressed, so the cap
 *   bounds memory);
 * - the body must be UTF-8 JSON (a leading BOM is ignored), else `not_json`.
 */
export function readJsonResponse(
  response: IncomingMessage,
  target: OutboundTarget,
  limits: BodyLimits,
  signal: AbortSignal,
): Promise<JsonResponse> {
  const { host } = target;
  const status = response.statusCode ?? 0;
  const refusal = headerRefusal(response, status, host, limits);
  if (refusal) {
    response.destroy();
    return Promise.reject(refusal);
  }

  return new Promise<JsonResponse>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error: unknown, body?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) {
        resolve({ status, body, headers: cachingHeaders(response.headers) });
      } else {
        response.destroy();
        reject(asExchangeError(error, target));
      }
    };
    const onAbort = (): void => settle(signal.reason);

    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) {
        // Stop reading now: destroying the response closes the socket.
        return settle(
          new OutboundFetchError(
            'too_large',
            `${host}: the response exceeds the ${limits.maxBytes}-byte limit`,
          ),
        );
      }
      chunks.push(chunk);
    });
    response.once('end', () => {
      const body = parseJson(Buffer.concat(chunks));
      if (body === NOT_JSON) {
        settle(new OutboundFetchError('not_json', `${host}: the response is not valid JSON`));
      } else settle(undefined, body);
    });
    response.on('error', (error) => settle(error));
    response.once('close', () => {
      if (!response.complete) settle(new Error('closed early'));
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function headerRefusal(
  response: IncomingMessage,
  status: number,
  host: string,
  limits: BodyLimits,
): OutboundFetchError | undefined {
  if (status >= 300 && status < 400) {
    return new OutboundFetchError(
      'redirect',
      `${host}: answered ${status}, a redirect, which is not followed`,
      status,
    );
  }
  if (status < 200 || status >= 300) {
    return new OutboundFetchError('http_status', `${host}: answered ${status}`, status);
  }
  const declared = response.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limits.maxBytes) {
    return new OutboundFetchError(
      'too_large',
      `${host}: the response declares ${declared} bytes, over the ${limits.maxBytes}-byte limit`,
    );
  }
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return new OutboundFetchError(
      'not_json',
      `${host}: the response has a content coding, and none is accepted`,
    );
  }
  const type = response.headers['content-type'];
  if (limits.requireJsonContentType && (type === undefined || !JSON_MEDIA_TYPE.test(type))) {
    return new OutboundFetchError('not_json', `${host}: the response is not labelled as JSON`);
  }
  return undefined;
}

const NOT_JSON = Symbol('not JSON');
const UTF8 = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM (RFC 8259 §8.1)

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(UTF8.decode(bytes)) as unknown;
  } catch {
    return NOT_JSON;
  }
}
