import { Inject, Injectable } from '@nestjs/common';
import { VERIFIED_JWS_ALGORITHMS } from '@agent-runtimes/dcr';
import { jwtVerify, type JWTPayload } from 'jose';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { MCP_SERVER_CONFIG } from '../config/mcp-server-config.module.js';
import {
  MalformedClaimsError,
  readAccessTokenClaims,
  REQUIRED_ACCESS_TOKEN_CLAIMS,
  type VerifiedAccessToken,
} from './access-token-claims.js';
import { AuthorizationServerKeys } from './authorization-server-keys.js';
import { describeTokenRejection } from './token-rejection.js';

/**
 * RFC 9068 §4: access tokens are signed with the authorization server's asymmetric keys. `none`
 * and the HMAC algorithms are never accepted: an HMAC key would have to be shared with every
 * resource server, any of which could then mint tokens.
 */
export const ACCEPTED_ALGORITHMS: readonly string[] = VERIFIED_JWS_ALGORITHMS;

/** Clock skew tolerated between this server and the authorization server, for `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** RFC 9068 §4: the JOSE `typ` of a JWT access token (jose also accepts `application/at+jwt`). */
const ACCESS_TOKEN_TYPE = 'at+jwt';

/** A presented token this resource refuses; the message is the `error_description`. */
export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
}

/**
 * Validates JWT access tokens as RFC 9068 §4 tells a resource server to: `typ` is `at+jwt`, the
 * signature is by a key of the trusted authorization server (its `jwks_uri`) with an accepted
 * algorithm, `iss` is that server's issuer identifier, `aud` contains this resource's identifier
 * (RFC 8707: a token for another resource is refused), `exp` has not passed, and the claims RFC
 * 9068 §2.2 requires are present.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    @Inject(MCP_SERVER_CONFIG) private readonly config: McpServerConfig,
    private readonly keys: AuthorizationServerKeys,
  ) {}

  /**
   * The verified token. Throws {@link InvalidAccessTokenError} for a token that is refused, and
   * `AuthorizationServerUnavailableError` when the keys to decide cannot be had.
   */
  async verify(token: string): Promise<VerifiedAccessToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.getKey, {
        typ: ACCESS_TOKEN_TYPE,
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: this.config.issuer,
        audience: this.config.resource,
        requiredClaims: [...REQUIRED_ACCESS_TOKEN_CLAIMS],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      const description = describeTokenRejection(error);
      if (description === undefined) throw error;
      throw new InvalidAccessTokenError(description);
    }
    try {
      return readAccessTokenClaims(payload);
    } catch (error) {
      if (error instanceof MalformedClaimsError) throw new InvalidAccessTokenError(error.message);
      throw error;
    }
  }
}
