import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { PolicyErrorCode } from './policy-refusal.js';

/**
 * Injection token of the host app's {@link RegistrationPolicy}. Optional: provide it from a
 * `@Global()` module, or from a module listed in `DcrModule.forRootAsync({ imports })`.
 */
export const DCR_REGISTRATION_POLICY = Symbol('DCR_REGISTRATION_POLICY');

/** Who is registering, and how: what a {@link RegistrationPolicy} may base its decision on. */
export interface RegistrationContext {
  /** `register` (RFC 7591 §3) or `update` (RFC 7592 §2.2). */
  readonly operation: 'register' | 'update';
  /** `initial_access_token` when the request carried a valid one (RFC 7591 §3). */
  readonly caller: 'anonymous' | 'initial_access_token';
  /** The id (never the value) of the initial access token that registered the client. */
  readonly initialAccessTokenId?: string;
  /** The `iss` of the verified software statement, when there was one. */
  readonly softwareStatementIssuer?: string;
  /** The client's IP address as the HTTP adapter reports it (`request.ip`). */
  readonly clientIp?: string;
  /** The client being updated (`update` only). */
  readonly clientId?: string;
  /** Whether this is a dry run (`?dry_run=true`): nothing will be stored. */
  readonly dryRun: boolean;
}

/**
 * A host policy's refusal: an RFC 7591 error code (or `access_denied`), the description, and
 * what makes it explainable: the rule's name (default `registration_policy`) and the request
 * member as a JSON pointer (e.g. `/client_name`; `""` for the whole request).
 */
export interface RegistrationPolicyRejection {
  readonly reject: {
    readonly error: PolicyErrorCode;
    readonly description: string;
    readonly policy?: string;
    readonly field?: string;
  };
}

/** A host policy's acceptance, optionally with adjusted metadata (validated again). */
export interface RegistrationPolicyAcceptance {
  readonly accept: true;
  readonly metadata?: ClientMetadata;
}

/** What a {@link RegistrationPolicy} decides; `undefined` accepts the metadata as it is. */
export type RegistrationPolicyDecision =
  RegistrationPolicyAcceptance | RegistrationPolicyRejection | undefined;

/**
 * A registration policy of the host app, provided under {@link DCR_REGISTRATION_POLICY}. It runs
 * after the metadata was validated and the built-in rules passed, on registrations, updates and
 * dry runs alike, and may refuse the request or adjust the metadata (RFC 7591 §3.2.1 lets the
 * server replace requested values); adjusted metadata is validated again.
 *
 * ```ts
 * @Injectable()
 * class TenantPolicy implements RegistrationPolicy {
 *   async evaluate(metadata: ClientMetadata, context: RegistrationContext) {
 *     if (context.caller === 'anonymous' && metadata.grant_types.includes('client_credentials')) {
 *       return { reject: { error: 'invalid_client_metadata', policy: 'tenant_policy',
 *         field: '/grant_types', description: 'anonymous clients cannot use client_credentials' } };
 *     }
 *     return { accept: true, metadata: { ...metadata, client_name: metadata.client_name ?? 'Agent' } };
 *   }
 * }
 * ```
 */
export interface RegistrationPolicy {
  evaluate(
    metadata: ClientMetadata,
    context: RegistrationContext,
  ): Promise<RegistrationPolicyDecision> | RegistrationPolicyDecision;
}
