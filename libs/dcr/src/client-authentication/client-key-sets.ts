import { Inject, Injectable, Logger } from '@nestjs/common';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { freshnessLifetimeSeconds } from '../outbound/caching-headers.js';
import { OutboundFetchError } from '../outbound/outbound-fetch-error.js';
import { OutboundFetcher } from '../outbound/outbound-fetcher.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { ClientAssertionRefused } from './client-assertion-claims.js';

/** A client's key set as read from its `jwks_uri`. */
interface FetchedKeySet {
  /** The `jwks_uri` it was read from: a client that registers another one gets a fresh fetch. */
  readonly uri: string;
  /** The keys; `undefined` when the fetch failed. */
  readonly keys: JWTVerifyGetKey | undefined;
  /** When the fetch started (ms). */
  readonly fetchedAt: number;
  /** Until when (ms) it is used without fetching again. */
  readonly freshUntil: number;
}

// The longest a fetched key set is used, whatever its caching headers say: a key the client
// removed from its set (a compromised one) stops working within this time. jose's remote key
// sets use the same bound.
const MAX_KEY_SET_LIFETIME_SECONDS = 600;

// Key sets of at most this many clients are kept (the least recently used go first), so memory
// stays bounded however many clients register a jwks_uri: a fetched set may be up to the
// fetcher's 64 KiB body cap.
const MAX_CACHED_KEY_SETS = 1000;

/**
 * The public keys of `private_key_jwt` clients (RFC 7523 §3 item 9: the signature is checked with
 * the client's registered keys): the `jwks` it registered, or the key set at its `jwks_uri`,
 * fetched only through the module's {@link OutboundFetcher} and only for a registered client of
 * this method (callers check that first).
 *
 * Fetched key sets are cached per client, for as long as their caching headers allow (RFC 9111),
 * at least `jwksRefetchIntervalSeconds` and at most 10 minutes. An assertion signed with a key the
 * cached set lacks (a client that rotated its keys) makes one more fetch, unless the last fetch is
 * younger than the refetch interval; a failed fetch is not retried sooner either. One client thus
 * costs at most one fetch per interval, whatever is sent in its name, and concurrent requests
 * share one fetch.
 */
@Injectable()
export class ClientKeySets {
  private readonly logger = new Logger('ClientKeySets');
  private readonly fetched = new Map<string, FetchedKeySet>();
  private readonly pending = new Map<string, Promise<FetchedKeySet>>();
  private readonly refetchIntervalSeconds: number;

  constructor(
    private readonly fetcher: OutboundFetcher,
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
  ) {
    this.refetchIntervalSeconds = options.clientAssertions.jwksRefetchIntervalSeconds;
  }

  /**
   * Runs `verify` (a jose verification) with the client's keys, and once more with a fresh fetch
   * of its `jwks_uri` when no cached key matched and the refetch interval allows it. Throws
   * {@link ClientAssertionRefused} when the client has no usable keys (its `jwks_uri` failed);
   * `verify`'s own errors pass through.
   */
  async verifyWith<T>(
    clientId: string,
    metadata: ClientMetadata,
    verify: (keys: JWTVerifyGetKey) => Promise<T>,
  ): Promise<T> {
    if (metadata.jwks !== undefined) return verify(registeredKeys(metadata.jwks));
    const uri = metadata.jwks_uri;
    if (uri === undefined) throw new ClientAssertionRefused('the client has no keys');
    let keySet = this.fetched.get(clientId);
    if (keySet === undefined || keySet.uri !== uri || Date.now() >= keySet.freshUntil) {
      keySet = await this.fetch(clientId, uri);
    }
    try {
      return await verify(usableKeys(keySet));
    } catch (error) {
      const rotated = error instanceof errors.JWKSNoMatchingKey;
      if (!rotated || Date.now() - keySet.fetchedAt < this.refetchIntervalSeconds * 1000) {
        throw error;
      }
      return verify(usableKeys(await this.fetch(clientId, uri)));
    }
  }

  /** Fetches the client's key set, sharing a fetch already under way, and caches the outcome. */
  private async fetch(clientId: string, uri: string): Promise<FetchedKeySet> {
    const key = `${clientId} ${uri}`;
    let fetching = this.pending.get(key);
    if (fetching === undefined) {
      fetching = this.load(clientId, uri).finally(() => this.pending.delete(key));
      this.pending.set(key, fetching);
    }
    const keySet = await fetching;
    // Most recently used last, so the first entry is the one to evict.
    this.fetched.delete(clientId);
    if (this.fetched.size >= MAX_CACHED_KEY_SETS) {
      const oldest = this.fetched.keys().next().value;
      if (oldest !== undefined) this.fetched.delete(oldest);
    }
    this.fetched.set(clientId, keySet);
    return keySet;
  }

  private async load(clientId: string, uri: string): Promise<FetchedKeySet> {
    const fetchedAt = Date.now();
    const interval = this.refetchIntervalSeconds;
    try {
      const { body, headers } = await this.fetcher.fetchJson(uri);
      const keys = createLocalJWKSet(body as JSONWebKeySet);
      // no-store and no-cache give 0, which is raised to the interval too: a client's key set is
      // fetched at most once per interval.
      const lifetime = Math.max(
        interval,
        freshnessLifetimeSeconds(
          headers,
          { minSeconds: interval, maxSeconds: MAX_KEY_SET_LIFETIME_SECONDS },
          fetchedAt,
        ),
      );
      return { uri, keys, fetchedAt, freshUntil: fetchedAt + lifetime * 1000 };
    } catch (error) {
      if (!(error instanceof OutboundFetchError) && !(error instanceof errors.JOSEError)) {
        throw error;
      }
      // The message names the host only, never the path or a resolved address.
      this.logger.warn(`The jwks_uri of client ${clientId} is unusable: ${error.message}`);
      return { uri, keys: undefined, fetchedAt, freshUntil: fetchedAt + interval * 1000 };
    }
  }
}

function usableKeys(keySet: FetchedKeySet): JWTVerifyGetKey {
  if (keySet.keys === undefined) {
    throw new ClientAssertionRefused('the jwks_uri could not be fetched recently');
  }
  return keySet.keys;
}

// Registered keys are in the row just read: parsing them is cheaper than keeping them in sync.
function registeredKeys(jwks: ClientMetadata['jwks']): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(jwks as JSONWebKeySet);
  } catch (error) {
    throw new ClientAssertionRefused(`the registered jwks is unusable: ${String(error)}`);
  }
}
