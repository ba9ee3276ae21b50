import { createHash } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';
import type { ClientMetadataSource } from '../persistence/oidc-adapter.js';

/** How many built clients {@link keepBuiltClients} keeps (about 10 MB at most). */
export const BUILT_CLIENTS_KEPT = 1000;

/** The static side of oidc-provider's `Client` class that {@link keepBuiltClients} wraps. */
export interface ClientFinder {
  find(id: string): Promise<unknown>;
}

/**
 * oidc-provider builds a `Client` object from the adapter's metadata (its metadata schema,
 * defaults and key stores: more CPU than the rest of a `client_credentials` token request) and
 * keeps the objects it built in an LRU of 100 entries in two generations, keyed by a digest of
 * the metadata. With more active clients than that, every look-up builds again. This keeps up to
 * {@link BUILT_CLIENTS_KEPT} built clients under the same key, the client id and a digest of its
 * metadata, read from the database at every look-up as before: a client is reused only while its
 * metadata is unchanged, so an RFC 7592 update or a deletion is seen by the next request, on every
 * instance.
 *
 * `source` must answer a second look-up of the same client within one request without another
 * read (`providerClientSource` remembers it): on a miss, oidc-provider's own `find` reads it again.
 */
export function keepBuiltClients(
  Client: ClientFinder,
  source: ClientMetadataSource,
  capacity = BUILT_CLIENTS_KEPT,
): void {
  const build = Client.find.bind(Client);
  const kept = new Map<string, unknown>();
  Client.find = async (id: string): Promise<unknown> => {
    if (typeof id !== 'string' || id.length === 0) return build(id);
    const metadata = await source.find(id);
    if (!metadata) return build(id);
    const key = keyOf(id, metadata);
    const client = kept.get(key);
    if (client !== undefined) {
      // Most recently used last: the first key is the one to evict.
      kept.delete(key);
      kept.set(key, client);
      return client;
    }
    const built = await build(id);
    if (built !== undefined) {
      kept.set(key, built);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
    }
    return built;
  };
}

function keyOf(id: string, metadata: AdapterPayload): string {
  return `${id} ${createHash('sha256').update(JSON.stringify(metadata)).digest('base64url')}`;
}
