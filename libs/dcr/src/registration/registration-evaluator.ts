import { Inject, Injectable, Optional } from '@nestjs/common';
import { OAuthError } from '../errors/oauth-error.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { parseClientMetadata } from '../metadata/parse-client-metadata.js';
import { UNDERSTOOD_FIELDS } from '../metadata/request-body.js';
import { approvalRule, checkRuleSets, secretLifetimeSeconds } from '../policy/apply-rule-sets.js';
import { interpretDecision } from '../policy/host-policy-decision.js';
import { policyError } from '../policy/policy-refusal.js';
import {
  DCR_REGISTRATION_POLICY,
  type RegistrationContext,
  type RegistrationPolicy,
} from '../policy/registration-policy.js';
import type { ApprovalRule, ResolvedRuleSet } from '../policy/registration-rules.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import {
  checkIssuerFields,
  effectiveRequest,
  statementMetadata,
} from '../software-statement/effective-request.js';
import { readSoftwareStatement } from '../software-statement/software-statement.js';
import {
  SoftwareStatementVerifier,
  type VerifiedSoftwareStatement,
} from '../software-statement/software-statement-verifier.js';
import { SectorIdentifierCheck } from './sector-identifier-check.js';

/** A request's outcome once every check and policy passed: what would be stored, and how. */
export interface EvaluatedRegistration {
  /** The effective metadata (RFC 7591 §3.1.1), validated, with the statement as sent. */
  readonly metadata: ClientMetadata;
  /** The `iss` of the verified software statement, if one came with the request. */
  readonly softwareStatementIssuer?: string;
  /** Lifetime of a secret issued now, from the module's default and the rule sets. */
  readonly clientSecretLifetimeSeconds: number;
  /** Whether the client waits for an operator's approval. */
  readonly approval: ApprovalRule;
}

/** The context of a host policy, but for what the evaluation itself finds out. */
export type EvaluationContext = Omit<RegistrationContext, 'softwareStatementIssuer'>;

/**
 * The checks a registration (RFC 7591 §3) and an update (RFC 7592 §2.2) share, as named steps,
 * in order, each throwing the RFC 7591 §3.2.2 error of the first problem it finds:
 *
 * 1. `verifySoftwareStatement`: a statement must be a JWT signed by a trusted issuer;
 * 2. `effectiveRequest`: its claims take precedence over the body (§3.1.1), within what its
 *    issuer may set;
 * 3. `validateMetadata`: the metadata rules (RFC 7591 §2, RFC 8252, ...), then, for a
 *    `sector_identifier_uri`, its document (OpenID Connect Registration 1.0 §5);
 * 4. `applyRuleSets`: the operator's rules (trusted hosts, allow-lists, required statement);
 * 5. `applyHostPolicy`: the host app's `RegistrationPolicy`, which may refuse or adjust.
 *
 * Nothing here writes; quotas and storage are the caller's, in its transaction.
 */
@Injectable()
export class RegistrationEvaluator {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly statements: SoftwareStatementVerifier,
    private readonly sectorIdentifiers: SectorIdentifierCheck,
    @Optional()
    @Inject(DCR_REGISTRATION_POLICY)
    private readonly hostPolicy: RegistrationPolicy | null = null,
  ) {}

  async evaluate(
    body: Readonly<Record<string, unknown>>,
    ruleSets: readonly ResolvedRuleSet[],
    context: EvaluationContext,
  ): Promise<EvaluatedRegistration> {
    const verified = await this.verifySoftwareStatement(body);
    const request = this.effectiveRequest(body, verified);
    const validated = this.validateMetadata(request, verified);
    await this.sectorIdentifiers.check(validated);
    this.applyRuleSets(validated, verified !== undefined, ruleSets);
    const metadata = await this.applyHostPolicy(validated, verified, {
      ...context,
      ...(verified ? { softwareStatementIssuer: verified.issuer.issuer } : {}),
    });
    return {
      metadata,
      softwareStatementIssuer: verified?.issuer.issuer,
      clientSecretLifetimeSeconds: secretLifetimeSeconds(
        this.options.clientSecretLifetimeSeconds,
        ruleSets,
      ),
      approval: approvalRule(ruleSets),
    };
  }

  /** Step 1 (RFC 7591 §2.3): the statement, verified, or `undefined` without one. */
  private async verifySoftwareStatement(
    body: Readonly<Record<string, unknown>>,
  ): Promise<VerifiedSoftwareStatement | undefined> {
    const statement = readSoftwareStatement(body.software_statement);
    return statement === undefined ? undefined : this.statements.verify(statement);
  }

  /** Step 2 (RFC 7591 §3.1.1): the body with the statement's metadata over it. */
  private effectiveRequest(
    body: Readonly<Record<string, unknown>>,
    verified: VerifiedSoftwareStatement | undefined,
  ): Readonly<Record<string, unknown>> {
    if (!verified) return body;
    const asserted = statementMetadata(verified.claims);
    const { allowedFields, issuer } = verified.issuer;
    if (allowedFields) {
      const refusal = checkIssuerFields(asserted, allowedFields, UNDERSTOOD_FIELDS, issuer);
      if (refusal) throw policyError(refusal);
    }
    return effectiveRequest(body, asserted);
  }

  /** Step 3: the metadata rules; the statement is kept as it was sent (RFC 7591 §3.2.1). */
  private validateMetadata(
    request: Readonly<Record<string, unknown>>,
    verified: VerifiedSoftwareStatement | undefined,
  ): ClientMetadata {
    const metadata = parseClientMetadata(request, this.options.policy);
    return verified ? { ...metadata, software_statement: verified.statement } : metadata;
  }

  /** Step 4: every rule of every set that applies. */
  private applyRuleSets(
    metadata: ClientMetadata,
    statementPresented: boolean,
    ruleSets: readonly ResolvedRuleSet[],
  ): void {
    const refusal = checkRuleSets(metadata, statementPresented, ruleSets);
    if (refusal) throw policyError(refusal);
  }

  /** Step 5: the host's policy; metadata it adjusts goes through the metadata rules again. */
  private async applyHostPolicy(
    metadata: ClientMetadata,
    verified: VerifiedSoftwareStatement | undefined,
    context: RegistrationContext,
  ): Promise<ClientMetadata> {
    if (!this.hostPolicy) return metadata;
    const outcome = interpretDecision(
      await this.hostPolicy.evaluate(structuredClone(metadata), context),
      metadata,
    );
    if ('refusal' in outcome) throw policyError(outcome.refusal);
    if (!outcome.adjusted) return metadata;
    try {
      return this.validateMetadata(
        outcome.metadata as unknown as Record<string, unknown>,
        verified,
      );
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      // Metadata the host's policy made is the policy's doing: say so.
      throw new OAuthError(
        error.error,
        `${error.description} (in the metadata adjusted by the host's registration policy)`,
        error.status,
        error.headers,
        { policy: 'registration_policy', ...error.extensions },
      );
    }
  }
}
