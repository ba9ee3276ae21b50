import { Inject, Injectable } from '@nestjs/common';
import { digest } from '../credentials/digest.js';
import { CREDENTIAL_BYTES, randomToken } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { invalidToken } from '../errors/oauth-error.js';
import { DcrEvents } from '../events/dcr-events.js';
import { parseClientMetadata } from '../metadata/parse-client-metadata.js';
import { requireJsonObject } from '../metadata/request-body.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import {
  toRegistrationResponse,
  type RegisteredClientResponse,
} from '../registration/registration-response.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { checkSoftwareStatement } from '../software-statement/software-statement.js';
import { secretChangeFor, secretExpiry } from './client-secret-lifecycle.js';
import { matchRegistrationToken } from './registration-token.js';
import { checkUpdateRequest } from './update-request.js';

/**
 * The client configuration endpoint (RFC 7592 §2): a client reads, replaces and deletes its own
 * registration with its registration access token. Any failure to authenticate is the same
 * `invalid_token` 401, whether the client exists or not (RFC 7592 §2.1).
 */
@Injectable()
export class ClientConfigurationService {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly clients: DcrClientRepository,
    private readonly events: DcrEvents,
  ) {}

  /** RFC 7592 §2.1: the current registration, with the token that is valid now. */
  async read(clientId: string, token: string | undefined): Promise<RegisteredClientResponse> {
    const now = currentSecond();
    const caller = authenticate(await this.clients.findById(clientId), token, now);
    if (caller.match === 'previous') {
      // A client presenting the token a rotation replaced lost the response that carried the new
      // one: it gets a fresh token (RFC 7592 §2.1 lets a read issue one).
      const response = await this.clients.transaction(async (clients) => {
        const locked = authenticate(await clients.findByIdForUpdate(clientId), token, now);
        const { next, registrationAccessToken } = this.rotated(locked.client, locked.token, now);
        await clients.update(next);
        return this.response(next, { registrationAccessToken });
      });
      this.events.publish('client.updated', clientId);
      return response;
    }
    return this.response(caller.client, { registrationAccessToken: caller.token });
  }

  /**
   * RFC 7592 §2.2: replaces the registration with the metadata in `body`; omitted fields are
   * removed or reset to their defaults. Updates of one client are serialized by a row lock, so the
   * result is always exactly one of the submitted documents, and an update racing a deletion
   * finds no row rather than bringing the client back.
   */
  async update(
    clientId: string,
    token: string | undefined,
    body: unknown,
  ): Promise<RegisteredClientResponse> {
    const response = await this.clients.transaction(async (clients) => {
      const now = currentSecond();
      const caller = authenticate(await clients.findByIdForUpdate(clientId), token, now);
      const current = caller.client;
      const request = requireJsonObject(body);
      checkUpdateRequest(request, clientId, current.clientSecretDigest);
      checkSoftwareStatement(request.software_statement);
      const metadata = parseClientMetadata(request, this.options.policy);

      const secretChange = secretChangeFor(
        metadata.token_endpoint_auth_method,
        { digest: current.clientSecretDigest, expiresAt: current.clientSecretExpiresAt },
        now,
      );
      const newSecret = secretChange === 'issue' ? randomToken(CREDENTIAL_BYTES) : undefined;
      const rotation = this.options.tokenRotation.enabled
        ? this.rotated(current, caller.token, now)
        : { next: current, registrationAccessToken: caller.token };

      const next: DcrClientEntity = {
        ...rotation.next,
        metadata,
        clientSecretDigest:
          secretChange === 'keep'
            ? current.clientSecretDigest
            : newSecret
              ? digest(newSecret)
              : null,
        clientSecretExpiresAt:
          secretChange === 'keep'
            ? current.clientSecretExpiresAt
            : newSecret
              ? secretExpiry(now, this.options.clientSecretLifetimeSeconds)
              : null,
        updatedAt: now,
        version: current.version + 1,
      };
      await clients.update(next);
      // A secret the client sent (and that matched) may be echoed: the client holds it anyway.
      const presentedSecret =
        secretChange === 'keep' && typeof request.client_secret === 'string'
          ? request.client_secret
          : undefined;
      return this.response(next, {
        clientSecret: newSecret ?? presentedSecret,
        registrationAccessToken: rotation.registrationAccessToken,
      });
    });
    this.events.publish('client.updated', clientId);
    return response;
  }

  /**
   * RFC 7592 §2.3: deletes the registration. Afterwards the client id, its secret and its tokens
   * are all invalid; deleting again is answered like any unknown client.
   */
  async delete(clientId: string, token: string | undefined): Promise<void> {
    authenticate(await this.clients.findById(clientId), token, currentSecond());
    if (!(await this.clients.delete(clientId))) throw invalidToken();
    this.events.publish('client.deleted', clientId);
  }

  /** Replaces the registration access token; the presented one stays valid for the grace period. */
  private rotated(
    client: DcrClientEntity,
    presented: string,
    now: Date,
  ): { next: DcrClientEntity; registrationAccessToken: string } {
    const registrationAccessToken = randomToken(CREDENTIAL_BYTES);
    const presentedIsCurrent = matchRegistrationToken(client, presented, now) === 'current';
    return {
      registrationAccessToken,
      next: {
        ...client,
        registrationTokenDigest: digest(registrationAccessToken),
        // A retried request (with the token an earlier rotation replaced) keeps that token's
        // original deadline: retries cannot extend a replaced token's life.
        previousRegistrationTokenDigest: presentedIsCurrent
          ? digest(presented)
          : client.previousRegistrationTokenDigest,
        previousRegistrationTokenExpiresAt: presentedIsCurrent
          ? new Date(now.getTime() + this.options.tokenRotation.gracePeriodSeconds * 1000)
          : client.previousRegistrationTokenExpiresAt,
      },
    };
  }

  private response(
    client: DcrClientEntity,
    credentials: { clientSecret?: string; registrationAccessToken: string },
  ): RegisteredClientResponse {
    return toRegistrationResponse(client, credentials, this.options.registrationEndpoint);
  }
}

interface Caller {
  client: DcrClientEntity;
  token: string;
  match: 'current' | 'previous';
}

/**
 * Checks the bearer token against the client; throws `invalid_token` unless the client exists and
 * the token is its current one or its previous one within the grace period.
 */
function authenticate(
  client: DcrClientEntity | null,
  token: string | undefined,
  now: Date,
): Caller {
  const match =
    client && token !== undefined ? matchRegistrationToken(client, token, now) : undefined;
  if (!client || token === undefined || !match) throw invalidToken();
  return { client, token, match };
}
