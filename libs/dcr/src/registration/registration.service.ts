import { Inject, Injectable } from '@nestjs/common';
import { secretExpiry } from '../configuration/client-secret-lifecycle.js';
import { digest } from '../credentials/digest.js';
import { CLIENT_ID_BYTES, CREDENTIAL_BYTES, randomTokens } from '../credentials/random-token.js';
import { parseClientMetadata } from '../metadata/parse-client-metadata.js';
import { requireJsonObject } from '../metadata/request-body.js';
import { usesClientSecret } from '../metadata/token-endpoint-auth-method.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrEvents } from '../events/dcr-events.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { currentSecond } from '../current-second.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { checkSoftwareStatement } from '../software-statement/software-statement.js';
import { toRegistrationResponse, type RegisteredClientResponse } from './registration-response.js';

/**
 * Client registration (RFC 7591 §3), as a pipeline of small steps: read the body, check the
 * software statement, validate the metadata, issue credentials, store, answer.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
  ) {}

  /**
   * Registers a client from a request body (RFC 7591 §3.1). Throws `OAuthError` for invalid input,
   * before anything is written.
   */
  async register(body: unknown): Promise<RegisteredClientResponse> {
    const request = requireJsonObject(body);
    // RFC 7591 §3.1.1: a statement's claims take precedence over the plain metadata.
    checkSoftwareStatement(request.software_statement);
    const metadata = parseClientMetadata(request, this.options.policy);

    const [clientId, registrationAccessToken, secret] = randomTokens(
      CLIENT_ID_BYTES,
      CREDENTIAL_BYTES,
      CREDENTIAL_BYTES,
    ) as [string, string, string];
    const clientSecret = usesClientSecret(metadata.token_endpoint_auth_method) ? secret : undefined;
    const client = this.newClient(clientId, metadata, clientSecret, registrationAccessToken);

    await this.clients.insert(client);
    this.events.publish('client.registered', client.clientId);
    return toRegistrationResponse(
      client,
      { clientSecret, registrationAccessToken },
      this.options.registrationEndpoint,
    );
  }

  private newClient(
    clientId: string,
    metadata: ClientMetadata,
    clientSecret: string | undefined,
    registrationAccessToken: string,
  ): DcrClientEntity {
    const now = currentSecond();
    return {
      clientId,
      metadata,
      clientSecretDigest: clientSecret ? digest(clientSecret) : null,
      clientSecretExpiresAt: clientSecret
        ? secretExpiry(now, this.options.clientSecretLifetimeSeconds)
        : null,
      registrationTokenDigest: digest(registrationAccessToken),
      registrationTokenUsedAt: null,
      previousRegistrationTokenDigest: null,
      previousRegistrationTokenExpiresAt: null,
      issuedAt: now,
      updatedAt: now,
      version: 1,
      lastAuthenticatedAt: null,
      firstAuthenticatedAt: null,
    };
  }
}
