import { Inject, Injectable } from '@nestjs/common';
import { digest } from '../credentials/digest.js';
import { CREDENTIAL_BYTES, randomToken } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { invalidToken } from '../errors/oauth-error.js';
import { DcrEvents } from '../events/dcr-events.js';
import { registrantOfClient } from '../initial-access/initial-access-tokens.service.js';
import { InitialAccessTokenRepository } from '../initial-access/initial-access-token.repository.js';
import { requireJsonObject } from '../metadata/request-body.js';
import { ruleSetsFor } from '../policy/rule-sets-for.js';
import {
  RegistrationEvaluator,
  type EvaluatedRegistration,
} from '../registration/registration-evaluator.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import {
  toRegistrationResponse,
  type RegisteredClientResponse,
} from '../registration/registration-response.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { secretChangeFor, secretExpiry } from './client-secret-lifecycle.js';
import {
  RegistrationTokenAuthenticator,
  type RegistrationCaller,
} from './registration-token-authenticator.js';
import { firstUseEndsRecovery, rotatedTokenState } from './registration-token.js';
import { checkUpdateRequest } from './update-request.js';

/**
 * The client configuration endpoint (RFC 7592 §2): a client reads, replaces and deletes its own
 * registration. The caller was authenticated by `RegistrationAccessTokenGuard` before any of this
 * runs; changes authenticate again on the locked row, since the token may have changed meanwhile.
 */
@Injectable()
export class ClientConfigurationService {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly clients: DcrClientRepository,
    private readonly tokens: RegistrationTokenAuthenticator,
    private readonly events: DcrEvents,
    private readonly evaluator: RegistrationEvaluator,
    private readonly initialAccessTokens: InitialAccessTokenRepository,
  ) {}

  /** RFC 7592 §2.1: the current registration, with the token that is valid now. */
  async read(caller: RegistrationCaller): Promise<RegisteredClientResponse> {
    if (caller.match === 'current') {
      return this.response(caller.client, { registrationAccessToken: caller.token });
    }
    // A client presenting the token a rotation replaced, before ever using the new one, lost the
    // response that carried it: it gets a fresh token (RFC 7592 §2.1 lets a read issue one).
    const response = await this.clients.transaction(async (clients) => {
      const now = currentSecond();
      const locked = this.tokens.authenticateLocked(
        await clients.findByIdForUpdate(caller.client.clientId),
        caller.token,
        now,
      );
      const rotation = this.rotated(locked, now);
      const next = { ...rotation.next, updatedAt: now, version: locked.client.version + 1 };
      await clients.update(next);
      return this.response(next, { registrationAccessToken: rotation.registrationAccessToken });
    });
    this.events.publish('client.updated', caller.client.clientId);
    return response;
  }

  /**
   * RFC 7592 §2.2: replaces the registration with the metadata in `body`; omitted fields are
   * removed or reset to their defaults. Updates of one client are serialized by a row lock, so the
   * result is always exactly one of the submitted documents, and an update racing a deletion
   * finds no row rather than bringing the client back.
   *
   * The request is evaluated like a registration (software statement, metadata, the rules the
   * client was registered under, the host's policy) before the row is locked: a statement
   * issuer's keys may have to be fetched, and no lock is held while waiting for them.
   */
  async update(caller: RegistrationCaller, body: unknown): Promise<RegisteredClientResponse> {
    const clientId = caller.client.clientId;
    const request = requireJsonObject(body);
    checkUpdateRequest(request, clientId, caller.client.clientSecretDigest);
    const evaluated = await this.evaluate(caller, request);
    const response = await this.clients.transaction(async (clients) => {
      const now = currentSecond();
      const locked = this.tokens.authenticateLocked(
        await clients.findByIdForUpdate(clientId),
        caller.token,
        now,
      );
      const current = locked.client;
      // Again on the locked row: the secret may have changed since the guard read it.
      checkUpdateRequest(request, clientId, current.clientSecretDigest);
      const { metadata } = evaluated;

      const secretChange = secretChangeFor(
        metadata.token_endpoint_auth_method,
        { digest: current.clientSecretDigest, expiresAt: current.clientSecretExpiresAt },
        now,
      );
      const newSecret = secretChange === 'issue' ? randomToken(CREDENTIAL_BYTES) : undefined;
      const tokens = this.options.tokenRotation.enabled
        ? this.rotated(locked, now)
        : this.unrotated(locked, now);

      const next: DcrClientEntity = {
        ...tokens.next,
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
              ? secretExpiry(now, evaluated.clientSecretLifetimeSeconds)
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
        registrationAccessToken: tokens.registrationAccessToken,
      });
    });
    this.events.publish('client.updated', clientId);
    return response;
  }

  /**
   * RFC 7592 §2.3: deletes the registration. Afterwards the client id, its secret and its tokens
   * are all invalid; deleting again is answered like any unknown client. The token is checked on
   * the locked row that is deleted, so a token an operator revoked meanwhile cannot delete it.
   */
  async delete(caller: RegistrationCaller): Promise<void> {
    const clientId = caller.client.clientId;
    await this.clients.transaction(async (clients) => {
      const client = await clients.findByIdForUpdate(clientId);
      this.tokens.authenticateLocked(client, caller.token, currentSecond());
      if (!(await clients.delete(clientId))) throw invalidToken();
    });
    this.events.publish('client.deleted', clientId);
  }

  /** The registration steps, under the rules the client was registered with. */
  private async evaluate(
    caller: RegistrationCaller,
    request: Readonly<Record<string, unknown>>,
  ): Promise<EvaluatedRegistration> {
    const registrant = await registrantOfClient(
      this.initialAccessTokens,
      caller.client.initialAccessTokenId,
    );
    return this.evaluator.evaluate(request, ruleSetsFor(registrant, this.options.registration), {
      operation: 'update',
      caller: registrant.kind,
      ...(registrant.kind === 'initial_access_token'
        ? { initialAccessTokenId: registrant.tokenId }
        : {}),
      clientId: caller.client.clientId,
      dryRun: false,
    });
  }

  /** Replaces the presented token with a new one; see `rotatedTokenState` for the old one's fate. */
  private rotated(
    caller: RegistrationCaller,
    now: Date,
  ): { next: DcrClientEntity; registrationAccessToken: string } {
    const registrationAccessToken = randomToken(CREDENTIAL_BYTES);
    const graceExpiresAt = new Date(
      now.getTime() + this.options.tokenRotation.gracePeriodSeconds * 1000,
    );
    return {
      registrationAccessToken,
      next: {
        ...caller.client,
        ...rotatedTokenState(
          caller.client,
          caller.match,
          digest(caller.token),
          digest(registrationAccessToken),
          graceExpiresAt,
        ),
      },
    };
  }

  /** Keeps the presented token, recording its first use where that ends a recovery window. */
  private unrotated(
    caller: RegistrationCaller,
    now: Date,
  ): { next: DcrClientEntity; registrationAccessToken: string } {
    const { client } = caller;
    return {
      registrationAccessToken: caller.token,
      next: firstUseEndsRecovery(client) ? { ...client, registrationTokenUsedAt: now } : client,
    };
  }

  private response(
    client: DcrClientEntity,
    credentials: { clientSecret?: string; registrationAccessToken: string },
  ): RegisteredClientResponse {
    return toRegistrationResponse(client, credentials, this.options.registrationEndpoint);
  }
}
