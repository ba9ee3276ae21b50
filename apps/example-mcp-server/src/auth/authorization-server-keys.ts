import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { MCP_SERVER_CONFIG } from '../config/mcp-server-config.module.js';
import { authorizationServerMetadataUrl, jwksUriOf } from './authorization-server-metadata.js';
import { fetchJsonDocument } from './fetch-json-document.js';

/** Time allowed for the metadata request, and for each key set request. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Largest metadata document read; apps/identity's is about 2 KiB. */
const MAX_METADATA_BYTES = 256 * 1024;
/**
 * jose's remote key set: keys are kept for 10 minutes, and a token naming an unknown `kid` makes
 * it fetch the set again (so rotated keys are picked up), at most once every 30 seconds.
 */
const KEY_SET_OPTIONS = {
  timeoutDuration: REQUEST_TIMEOUT_MS,
  cooldownDuration: 30_000,
  cacheMaxAge: 10 * 60_000,
};

/**
 * The authorization server's metadata or keys cannot be had: a token can be neither accepted nor
 * refused. The message (for the log) says what failed.
 */
export class AuthorizationServerUnavailableError extends Error {
  override readonly name = 'AuthorizationServerUnavailableError';
}

/**
 * The verification keys of the configured authorization server. Its RFC 8414 metadata is fetched
 * on first use (so this server may start before apps/identity), and its `jwks_uri` becomes a jose
 * remote key set, kept for the life of the process. A failed discovery is not kept: the next
 * request tries again. Concurrent requests share one discovery.
 *
 * The issuer is operator configuration, not a client's input, so these requests do not go through
 * `@agent-runtimes/dcr`'s `OutboundFetcher` (whose address rules would refuse an authorization
 * server on a private network).
 */
@Injectable()
export class AuthorizationServerKeys {
  private readonly logger = new Logger('AuthorizationServerKeys');
  private keySet: Promise<JWTVerifyGetKey> | undefined;

  constructor(@Inject(MCP_SERVER_CONFIG) private readonly config: McpServerConfig) {}

  /**
   * jose's key resolver for `jwtVerify`: the key a token's header names. Throws jose's errors for
   * tokens no key matches, and {@link AuthorizationServerUnavailableError} when the keys cannot be
   * fetched.
   */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const keySet = await this.discoveredKeySet();
    try {
      return await keySet(header, token);
    } catch (error) {
      if (isAboutTheToken(error)) throw error;
      throw this.unavailable('its keys cannot be fetched from jwks_uri', error);
    }
  };

  private discoveredKeySet(): Promise<JWTVerifyGetKey> {
    this.keySet ??= this.discover().catch((error: unknown) => {
      this.keySet = undefined;
      throw error;
    });
    return this.keySet;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const metadataUrl = authorizationServerMetadataUrl(this.config.issuer);
    let jwksUri: string;
    try {
      jwksUri = jwksUriOf(
        await fetchJsonDocument(metadataUrl, {
          timeoutMs: REQUEST_TIMEOUT_MS,
          maxBytes: MAX_METADATA_BYTES,
        }),
        this.config.issuer,
      );
    } catch (error) {
      throw this.unavailable(`its metadata at ${metadataUrl} cannot be used`, error);
    }
    this.logger.log(`Verifying access tokens with the keys at ${jwksUri}`);
    return createRemoteJWKSet(new URL(jwksUri), KEY_SET_OPTIONS);
  }

  private unavailable(what: string, cause: unknown): AuthorizationServerUnavailableError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const message = `authorization server ${this.config.issuer}: ${what}: ${reason}`;
    this.logger.warn(message);
    return new AuthorizationServerUnavailableError(message, { cause });
  }
}

/** Errors of the key set that are about the token's header, not about fetching the keys. */
function isAboutTheToken(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  );
}
