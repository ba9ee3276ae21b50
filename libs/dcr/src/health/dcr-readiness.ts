import { Injectable } from '@nestjs/common';
import { CLIENT_ID_BYTES } from '../credentials/random-token.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';

// A well-formed client id that no client has: the probe reads "nothing" through the real query.
const PROBE_CLIENT_ID = 'r'.repeat(Math.ceil((CLIENT_ID_BYTES * 4) / 3));

/**
 * Readiness of the module for a host's health endpoint: runs the statement every request path
 * runs (a client read by id on the primary, with every column of the entity), so it fails whenever
 * requests would: the database is away, the pool is exhausted, the table or a column is missing
 * or not readable. A bare `SELECT 1` would pass in all those cases.
 *
 * ```ts
 * readiness() {
 *   return this.health.check([() => this.indicator.check('dcr').attempt(() => this.dcr.check())]);
 * }
 * ```
 */
@Injectable()
export class DcrReadiness {
  constructor(private readonly clients: DcrClientRepository) {}

  /** Resolves when the module's queries work; rejects with the database's error otherwise. */
  async check(): Promise<void> {
    await this.clients.findById(PROBE_CLIENT_ID);
  }
}
