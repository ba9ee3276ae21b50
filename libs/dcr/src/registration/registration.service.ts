import { Inject, Injectable } from '@nestjs/common';
import { secretExpiry } from '../configuration/client-secret-lifecycle.js';
import { digest } from '../credentials/digest.js';
import { CLIENT_ID_BYTES, CREDENTIAL_BYTES, randomTokens } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { invalidToken, type OAuthError } from '../errors/oauth-error.js';
import { DcrEvents } from '../events/dcr-events.js';
import { InitialAccessTokenRepository } from '../initial-access/initial-access-token.repository.js';
import type { Registrant } from '../initial-access/registrant.js';
import { TokenUseLeases } from '../initial-access/token-use-leases.js';
import { requireJsonObject } from '../metadata/request-body.js';
import { usesClientSecret } from '../metadata/token-endpoint-auth-method.js';
import { ClientQuotaRepository } from '../persistence/client-quota.repository.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { DcrClientRepository } from '../persistence/dcr-client.repository.js';
import { DcrDatabase } from '../persistence/dcr-database.js';
import { applicableQuotas, checkQuota, type ClientQuota } from '../policy/client-quotas.js';
import { policyError } from '../policy/policy-refusal.js';
import { ruleSetsFor } from '../policy/rule-sets-for.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { toDryRunResponse, type DryRunResponse } from './dry-run-response.js';
import { RegistrationEvaluator, type EvaluatedRegistration } from './registration-evaluator.js';
import { toRegistrationResponse, type RegisteredClientResponse } from './registration-response.js';

const ANONYMOUS: Registrant = { kind: 'anonymous' };

/**
 * Client registration (RFC 7591 §3), as a pipeline of named steps: `readBody`, `evaluate` (the
 * software statement, the metadata rules, the operator's rules and the host's policy; see
 * {@link RegistrationEvaluator}), `issueCredentials`, `store` (the initial access token's use, the
 * quotas and the INSERT, in one transaction), `publish`, `respond`. A dry run stops before
 * `issueCredentials`, after checking the quotas.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly database: DcrDatabase,
    private readonly clients: DcrClientRepository,
    private readonly tokens: InitialAccessTokenRepository,
    private readonly quotas: ClientQuotaRepository,
    private readonly uses: TokenUseLeases,
    private readonly evaluator: RegistrationEvaluator,
    private readonly events: DcrEvents,
  ) {}

  /**
   * Registers a client from a request body (RFC 7591 §3.1). Throws `OAuthError` for invalid input
   * or a refusal, before anything is written.
   */
  async register(
    body: unknown,
    registrant: Registrant = ANONYMOUS,
  ): Promise<RegisteredClientResponse> {
    const evaluated = await this.evaluate(body, registrant, false);
    const quotas = this.quotasFor(registrant, evaluated);
    const { client, clientSecret, registrationAccessToken } = this.issueCredentials(
      evaluated,
      registrant,
    );
    await this.store(client, registrant, quotas);
    this.publish(client, registrant, evaluated);
    return toRegistrationResponse(
      client,
      { clientSecret, registrationAccessToken },
      this.options.registrationEndpoint,
    );
  }

  /**
   * A dry run: every check and policy a registration would go through, quotas included, and the
   * metadata it would store, or the same error. Nothing is stored and no token use is counted.
   */
  async dryRun(body: unknown, registrant: Registrant = ANONYMOUS): Promise<DryRunResponse> {
    const evaluated = await this.evaluate(body, registrant, true);
    // Where a registration counts the token's use: the guard may have believed a token that was
    // revoked or used up in the last seconds (InitialAccessTokens.authenticate). A use this
    // instance holds is one a registration here would take.
    if (
      registrant.kind === 'initial_access_token' &&
      !(await this.tokens.isUsable(registrant.tokenId, this.uses.holds(registrant.tokenId)))
    ) {
      throw invalidToken('the initial access token is not valid');
    }
    for (const quota of this.quotasFor(registrant, evaluated)) {
      const refusal = checkQuota(quota, await this.quotas.count(quota));
      if (refusal) throw policyError(refusal);
    }
    return toDryRunResponse(evaluated);
  }

  /** `readBody` and `evaluate`. */
  private evaluate(
    body: unknown,
    registrant: Registrant,
    dryRun: boolean,
  ): Promise<EvaluatedRegistration> {
    const request = requireJsonObject(body);
    return this.evaluator.evaluate(request, ruleSetsFor(registrant, this.options.registration), {
      operation: 'register',
      caller: registrant.kind,
      ...(registrant.kind === 'initial_access_token'
        ? { initialAccessTokenId: registrant.tokenId }
        : {}),
      ...(registrant.clientIp === undefined ? {} : { clientIp: registrant.clientIp }),
      dryRun,
    });
  }

  private quotasFor(registrant: Registrant, evaluated: EvaluatedRegistration): ClientQuota[] {
    return applicableQuotas(
      this.options.registration.quotas,
      registrant.kind === 'initial_access_token' ? registrant.tokenId : undefined,
      evaluated.metadata.software_id,
    );
  }

  /** `issueCredentials`: the client id, the registration access token and a secret if it uses one. */
  private issueCredentials(
    evaluated: EvaluatedRegistration,
    registrant: Registrant,
  ): { client: DcrClientEntity; clientSecret?: string; registrationAccessToken: string } {
    const [clientId, registrationAccessToken, secret] = randomTokens(
      CLIENT_ID_BYTES,
      CREDENTIAL_BYTES,
      CREDENTIAL_BYTES,
    ) as [string, string, string];
    const { metadata } = evaluated;
    const clientSecret = usesClientSecret(metadata.token_endpoint_auth_method) ? secret : undefined;
    const now = currentSecond();
    const client: DcrClientEntity = {
      clientId,
      metadata,
      clientSecretDigest: clientSecret ? digest(clientSecret) : null,
      clientSecretExpiresAt: clientSecret
        ? secretExpiry(now, evaluated.clientSecretLifetimeSeconds)
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
      initialAccessTokenId: registrant.kind === 'initial_access_token' ? registrant.tokenId : null,
      approvalStatus: evaluated.approval === 'pending' ? 'pending' : 'approved',
    };
    return { client, clientSecret, registrationAccessToken };
  }

  /**
   * `store`: the client's INSERT, alone or, with quotas, in one transaction that counts each
   * quota's clients under its advisory lock first (a refusal inserts nothing). A registration with
   * an initial access token first takes one of its uses ({@link TokenUseLeases}), so that
   * concurrent registrations on any instance never use more than it has (RFC 7591 §3), stores the
   * client only while the token is still valid (the same INSERT checks it), and gives the use back
   * when the client is not stored.
   */
  private async store(
    client: DcrClientEntity,
    registrant: Registrant,
    quotas: readonly ClientQuota[],
  ): Promise<void> {
    const tokenId = registrant.kind === 'initial_access_token' ? registrant.tokenId : undefined;
    if (tokenId !== undefined && !(await this.uses.take(tokenId))) throw revokedOrUsedUp();
    try {
      if (quotas.length === 0) {
        await insert(this.clients, client);
        return;
      }
      await this.database.transaction(async (executor) => {
        const counter = this.quotas.on(executor);
        for (const quota of quotas) {
          await counter.lock(quota);
          const refusal = checkQuota(quota, await counter.count(quota));
          if (refusal) throw policyError(refusal);
        }
        await insert(this.clients.on(executor), client);
      });
    } catch (error) {
      // The registration's own error is what the caller must see.
      if (tokenId !== undefined) await this.uses.giveBack(tokenId);
      throw error;
    }
  }

  /** `publish`: after the commit, with ids and flags only (never the token's value). */
  private publish(
    client: DcrClientEntity,
    registrant: Registrant,
    evaluated: EvaluatedRegistration,
  ): void {
    const details: Record<string, string> = {};
    if (registrant.kind === 'initial_access_token') {
      details.initial_access_token_id = registrant.tokenId;
    }
    if (evaluated.softwareStatementIssuer !== undefined) {
      details.software_statement_issuer = evaluated.softwareStatementIssuer;
    }
    if (client.approvalStatus === 'pending') details.approval_status = 'pending';
    this.events.publish('client.registered', client.clientId, 'client', details);
  }
}

/** The client's INSERT; with an initial access token, only while the token is still valid. */
async function insert(clients: DcrClientRepository, client: DcrClientEntity): Promise<void> {
  if (client.initialAccessTokenId === null) return clients.insert(client);
  if (!(await clients.insertWhileTokenValid(client))) throw revokedOrUsedUp();
}

/** Used up, expired or revoked since the guard looked: RFC 6750 §3.1. */
function revokedOrUsedUp(): OAuthError {
  return invalidToken('the initial access token is not valid');
}
