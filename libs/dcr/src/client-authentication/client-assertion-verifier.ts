import { Inject, Injectable, Logger } from '@nestjs/common';
import { jwtVerify } from 'jose';
import { digest } from '../credentials/digest.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientAssertionJtiRepository } from '../persistence/dcr-client-assertion-jti.repository.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import {
  assertionVerifyOptions,
  checkAssertionClaims,
  ClientAssertionRefused,
  type AssertionReplayKey,
} from './client-assertion-claims.js';
import type { ResolvedClientAssertionOptions } from './client-assertion-options.js';
import { ClientKeySets } from './client-key-sets.js';
import { assertionAlgorithmsFor } from './supported-methods.js';

// Expired jti rows are deleted at most this often per app instance: one cheap statement (an index
// range scan) a minute, whatever the request rate.
const CLEANUP_INTERVAL_MS = 60_000;

/**
 * The steps of `private_key_jwt` client authentication (RFC 7523 §2.2, §3) for a client already
 * read from the database: {@link verify} checks the assertion, with no side effect, and
 * {@link claimOnce} then records its `jti`, so that each assertion is accepted once on any
 * instance (RFC 7523 §3 item 7).
 */
@Injectable()
export class ClientAssertionVerifier {
  private readonly logger = new Logger('ClientAssertionVerifier');
  private readonly options: ResolvedClientAssertionOptions;
  private nextCleanupAt = 0;

  constructor(
    private readonly keySets: ClientKeySets,
    private readonly jtis: DcrClientAssertionJtiRepository,
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
  ) {
    this.options = options.clientAssertions;
  }

  /**
   * Checks `assertion` as the client's authentication: the client registered `private_key_jwt`
   * (a client of another method never has its keys looked at), the JWT is signed by one of its
   * keys with an accepted algorithm, and its claims pass RFC 7523 §3. Returns what
   * {@link claimOnce} needs; throws {@link ClientAssertionRefused}.
   */
  async verify(client: DcrClientEntity, assertion: string): Promise<AssertionReplayKey> {
    const { metadata } = client;
    if (metadata.token_endpoint_auth_method !== 'private_key_jwt') {
      throw new ClientAssertionRefused('the client is not registered for private_key_jwt');
    }
    const options = assertionVerifyOptions(
      client.clientId,
      assertionAlgorithmsFor(metadata.token_endpoint_auth_signing_alg),
      this.options,
    );
    let payload;
    try {
      ({ payload } = await this.keySets.verifyWith(client.clientId, metadata, (keys) =>
        jwtVerify(assertion, keys, options),
      ));
    } catch (error) {
      if (error instanceof ClientAssertionRefused) throw error;
      // Anything jose (or WebCrypto, for a key it cannot import) throws is a refusal of this
      // assertion: its inputs are the client's.
      throw new ClientAssertionRefused(joseReason(error), { cause: error });
    }
    return checkAssertionClaims(payload, Math.floor(Date.now() / 1000), this.options);
  }

  /**
   * Records the assertion's `jti` for the client, in one statement on the primary. Returns `false`
   * for a replay: the same client and `jti` were accepted before, on this instance or another.
   * Only verified assertions get here, so nobody can spend a client's `jti` values but the client.
   */
  async claimOnce(clientId: string, key: AssertionReplayKey): Promise<boolean> {
    const claimed = await this.jtis.claim({
      clientId,
      jtiDigest: digest(key.jti),
      expiresAt: new Date(key.rememberUntil * 1000),
    });
    if (claimed) await this.deleteExpiredNowAndThen();
    return claimed;
  }

  private async deleteExpiredNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now < this.nextCleanupAt) return;
    this.nextCleanupAt = now + CLEANUP_INTERVAL_MS;
    try {
      await this.jtis.deleteExpired(new Date(now));
    } catch (error) {
      // The client authenticated; a row left behind is deleted by the next cleanup.
      this.logger.warn(`Could not delete expired client assertion ids: ${String(error)}`);
    }
  }
}

/** jose's error code, and the claim it is about: enough to debug, nothing from the token. */
function joseReason(error: unknown): string {
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
  return typeof claim === 'string' ? `${name} (${claim})` : name;
}
