import { Injectable } from '@nestjs/common';
import { ClientAuthenticationService, type ClientAuthenticationRequest } from '@agent-runtimes/dcr';
import { AuditLog } from '../database/audit-log.js';
import type { TokenStubResponse } from './token-stub-response.js';

/** Audit event written for each successful client authentication. */
export const CLIENT_AUTHENTICATED = 'client_authenticated';

/**
 * The stub token endpoint's work: authenticate the client with the module's
 * `ClientAuthenticationService` (RFC 6749 §2.3; any failure is its `invalid_client` error) and
 * record the success in the app's own audit log.
 */
@Injectable()
export class TokenEndpointService {
  constructor(
    private readonly clientAuthentication: ClientAuthenticationService,
    private readonly audit: AuditLog,
  ) {}

  async authenticateClient(request: ClientAuthenticationRequest): Promise<TokenStubResponse> {
    const client = await this.clientAuthentication.authenticate(request);
    await this.audit.record(CLIENT_AUTHENTICATED, client.clientId, new Date());
    return {
      client_id: client.clientId,
      token_endpoint_auth_method: client.metadata.token_endpoint_auth_method,
    };
  }
}
