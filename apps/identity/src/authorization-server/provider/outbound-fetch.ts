import type { OutboundFetcher } from '@agent-runtimes/dcr';

/** The `fetch` node-oidc-provider calls to reach a URL a client supplied. */
export type ProviderFetch = (url: URL | string, init?: RequestInit) => Promise<Response>;

/**
 * node-oidc-provider's `fetch` option on top of `libs/dcr`'s `OutboundFetcher`, the one way the
 * server opens a connection on a client's behalf (a `private_key_jwt` client's `jwks_uri`): https
 * only, no private or loopback address (checked again on the connected socket), no redirect, time
 * and size limits. The answer is handed to oidc-provider as a `Response` with the caching headers
 * it reads. Anything but a `GET` is refused: the features that would send one (back-channel
 * logout, CIBA pings) are off.
 */
export function outboundFetch(fetcher: OutboundFetcher): ProviderFetch {
  return async (url, init) => {
    if (init?.method !== undefined && init.method.toUpperCase() !== 'GET') {
      throw new TypeError(`outbound ${init.method} requests are not supported`);
    }
    const result = await fetcher.fetchJson(String(url));
    const headers = new Headers({ 'content-type': 'application/json' });
    if (result.headers.cacheControl) headers.set('cache-control', result.headers.cacheControl);
    if (result.headers.expires) headers.set('expires', result.headers.expires);
    return new Response(JSON.stringify(result.body), { status: result.status, headers });
  };
}
