import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { readBearerCredentials } from '@agent-runtimes/dcr';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { MCP_SERVER_CONFIG } from '../config/mcp-server-config.module.js';
import { toAuthInfo, type AuthenticatedRequest } from '../mcp/mcp-auth-info.js';
import { missingScopes, type VerifiedAccessToken } from './access-token-claims.js';
import { AccessTokenVerifier, InvalidAccessTokenError } from './access-token-verifier.js';
import { AuthorizationServerUnavailableError } from './authorization-server-keys.js';
import type { ChallengeContext } from './bearer-challenge.js';
import {
  authorizationServerUnavailable,
  insufficientScope,
  invalidAccessToken,
  missingAccessToken,
} from './resource-server-errors.js';

/**
 * Lets a request through only with a valid access token for this resource, presented in the
 * `Authorization` header (RFC 6750 §2.1, the only method this resource supports), that holds every
 * required scope. The token is handed to the MCP transport as `request.auth`, from which the SDK
 * gives it to tool handlers as `extra.authInfo`.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly challenge: ChallengeContext;

  constructor(
    @Inject(MCP_SERVER_CONFIG) private readonly config: McpServerConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    this.challenge = {
      resourceMetadataUrl: config.resourceMetadataUrl,
      requiredScopes: config.requiredScopes,
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credentials = readBearerCredentials(request.headers.authorization);
    if (credentials === 'none') throw missingAccessToken(this.challenge);
    if (credentials === 'malformed') {
      throw invalidAccessToken(
        this.challenge,
        'the Authorization header must be "Bearer" and a token (RFC 6750 section 2.1)',
      );
    }
    const token = await this.verified(credentials.token);
    const missing = missingScopes(token.scopes, this.config.requiredScopes);
    if (missing.length > 0) throw insufficientScope(this.challenge, missing);
    request.auth = toAuthInfo(credentials.token, token, this.config.resource);
    return true;
  }

  private async verified(token: string): Promise<VerifiedAccessToken> {
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) {
        throw invalidAccessToken(this.challenge, error.message);
      }
      if (error instanceof AuthorizationServerUnavailableError) {
        throw authorizationServerUnavailable();
      }
      throw error;
    }
  }
}
