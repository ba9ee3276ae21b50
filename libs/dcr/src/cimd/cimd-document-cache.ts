import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { DcrCimdDocumentEntity } from '../persistence/dcr-cimd-document.entity.js';
import { DcrCimdDocumentRepository } from '../persistence/dcr-cimd-document.repository.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { unusableClient } from './cimd-client-error.js';

/** A document just fetched and validated, and how long it may be kept (0: not at all). */
export interface FetchedCimdDocument {
  readonly metadata: ClientMetadata;
  readonly lifetimeSeconds: number;
}

/** Validated metadata of a document, from the cache or a fetch. */
export interface CachedCimdDocument {
  readonly metadata: ClientMetadata;
  readonly fetchedAt: Date;
  /** Until when it is fresh; equal to `fetchedAt` for a document that may not be kept. */
  readonly expiresAt: Date;
}

// The lease outlives the longest fetch (the fetcher's total timeout) by this much, for the
// validation and the write that follow it.
const LEASE_MARGIN_SECONDS = 5;
// How often an instance waiting for another one's fetch looks again: soon, then less often.
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;
// Expired rows deleted after each stored document: a handful, so a write never costs much.
const CLEANUP_BATCH = 10;

/**
 * The cache of Client ID Metadata Documents shared by every instance through PostgreSQL, which
 * lets one fetch serve them all (draft §5.2 allows caching; the bounds come from the caller):
 *
 * - a fresh row answers at once (one primary-key read);
 * - otherwise the instance claims a lease on the URL in one statement (`INSERT ... ON CONFLICT DO
 *   UPDATE ... WHERE` the row is stale and no lease is live): exactly one claimer wins, on any
 *   instance, fetches, and stores the validated metadata with its freshness lifetime;
 * - the others poll the row until it is fresh (then use it) or the lease ends without a document
 *   (then claim in turn): no connection or transaction is held while a client's server answers,
 *   which matters behind PgBouncer and on the embedded database's single connection. A claimer
 *   that dies leaves a lease that expires after the fetch timeout and a margin.
 *
 * Errors and invalid documents are never stored (draft §5.2: "MUST NOT cache error responses"):
 * the row is deleted, so the next request fetches again. A document that may not be kept
 * (`no-store`, `no-cache`) is not stored either: each request fetches it, and instances that
 * waited for it fetch it after the claimer. Concurrent requests of one instance are merged before
 * they get here (`CimdClientSource`).
 */
@Injectable()
export class CimdDocumentCache {
  private readonly logger = new Logger('CimdDocumentCache');
  private readonly leaseSeconds: number;

  constructor(
    private readonly documents: DcrCimdDocumentRepository,
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
  ) {
    this.leaseSeconds = Math.ceil(options.outbound.timeoutMs / 1000) + LEASE_MARGIN_SECONDS;
  }

  /**
   * The metadata for `clientId` validated under `policyDigest`: from the cache while fresh, or
   * from `fetch` (run by at most one instance at a time), stored when it may be kept. Rejects with
   * what `fetch` rejects with, or a `CimdClientError` (`busy`) when another instance's fetch
   * neither ended nor expired in time.
   */
  async load(
    clientId: string,
    policyDigest: string,
    fetch: () => Promise<FetchedCimdDocument>,
  ): Promise<CachedCimdDocument> {
    // Past two leases something is wrong with the database's clock or this loop: give up.
    const deadline = Date.now() + 2 * this.leaseSeconds * 1000;
    let pause = FIRST_POLL_MS;
    while (Date.now() < deadline) {
      const state = await this.documents.peek(clientId, policyDigest);
      if (state.fresh) return cached(state.fresh);
      if (!state.fetching) {
        const leaseId = randomUUID();
        if (await this.documents.claim(clientId, policyDigest, leaseId, this.leaseSeconds)) {
          return this.fetchUnderLease(clientId, policyDigest, leaseId, fetch);
        }
        continue; // another instance claimed or stored meanwhile: look again at once
      }
      await sleep(pause);
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
    throw unusableClient(
      'busy',
      "the client's metadata document is being fetched by another instance, which did not finish in time",
    );
  }

  private async fetchUnderLease(
    clientId: string,
    policyDigest: string,
    leaseId: string,
    fetch: () => Promise<FetchedCimdDocument>,
  ): Promise<CachedCimdDocument> {
    let fetched: FetchedCimdDocument;
    try {
      fetched = await fetch();
    } catch (error) {
      // Nothing is kept of a failure. Should the delete fail too, the lease expires on its own:
      // the fetch's own error is the one to report.
      await this.documents.release(clientId, leaseId).catch(() => undefined);
      throw error;
    }
    const now = new Date();
    if (fetched.lifetimeSeconds <= 0) {
      await this.documents.release(clientId, leaseId);
      return { metadata: fetched.metadata, fetchedAt: now, expiresAt: now };
    }
    const stored = await this.documents.store(
      clientId,
      leaseId,
      fetched.metadata,
      policyDigest,
      fetched.lifetimeSeconds,
    );
    await this.cleanUp();
    // A lease lost to another instance (this fetch outlived it): the document is still valid.
    return stored
      ? cached(stored)
      : {
          metadata: fetched.metadata,
          fetchedAt: now,
          expiresAt: new Date(now.getTime() + fetched.lifetimeSeconds * 1000),
        };
  }

  private async cleanUp(): Promise<void> {
    try {
      await this.documents.deleteExpired(CLEANUP_BATCH);
    } catch (error) {
      // The document is stored; old rows wait for the next store.
      this.logger.warn(`Expired Client ID Metadata Documents were not deleted: ${String(error)}`);
    }
  }
}

function cached(row: DcrCimdDocumentEntity): CachedCimdDocument {
  // A fresh row has metadata and a fetch time (a table constraint).
  return {
    metadata: row.metadata as ClientMetadata,
    fetchedAt: row.fetchedAt as Date,
    expiresAt: row.expiresAt,
  };
}
