import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { PolicyRefusal } from './policy-refusal.js';
import type { RegistrationPolicyDecision } from './registration-policy.js';

/** The `policy` member of a host policy's refusal that names no rule of its own. */
export const HOST_POLICY = 'registration_policy';

const ERRORS = new Set([
  'invalid_redirect_uri',
  'invalid_client_metadata',
  'invalid_software_statement',
  'unapproved_software_statement',
  'access_denied',
]);

/**
 * What a host policy's decision means: the metadata to go on with (`adjusted` when the policy
 * returned its own, which must then be validated again), or a refusal. A decision of another
 * shape is the host's programming error, thrown as such (a 500), never taken as an acceptance.
 * Pure.
 */
export function interpretDecision(
  decision: RegistrationPolicyDecision,
  metadata: ClientMetadata,
):
  | { readonly metadata: ClientMetadata; readonly adjusted: boolean }
  | { readonly refusal: PolicyRefusal } {
  if (decision === undefined) return { metadata, adjusted: false };
  if ('reject' in decision && typeof decision.reject === 'object' && decision.reject !== null) {
    const { error, description, policy, field } = decision.reject;
    if (!ERRORS.has(error) || typeof description !== 'string' || description === '') {
      throw new TypeError(
        'RegistrationPolicy: a rejection needs an RFC 7591 error code (or access_denied) and a description',
      );
    }
    return {
      refusal: {
        error,
        reason: description,
        policy: typeof policy === 'string' && policy !== '' ? policy : HOST_POLICY,
        // RFC 6901: "" or "/..."; anything else is not a pointer, so the whole request is named.
        field: typeof field === 'string' && (field === '' || field.startsWith('/')) ? field : '',
      },
    };
  }
  if ('accept' in decision && decision.accept === true) {
    if (decision.metadata === undefined) return { metadata, adjusted: false };
    if (typeof decision.metadata !== 'object' || decision.metadata === null) {
      throw new TypeError('RegistrationPolicy: accepted metadata must be an object');
    }
    return { metadata: decision.metadata, adjusted: true };
  }
  throw new TypeError(
    'RegistrationPolicy: evaluate() must return undefined, { accept: true, metadata? } or { reject: {...} }',
  );
}
