import type { LanguageTaggedMetadata } from '../metadata/client-metadata.js';
import type { ClientRegistrationResponse } from '../client-registration-response.js';
import { appendMetadata, type RegistrationExtensionMembers } from './registration-response.js';
import type { EvaluatedRegistration } from './registration-evaluator.js';

/**
 * The answer to a dry run (`POST /register?dry_run=true`): the metadata a registration would
 * store, after every check and policy, and whether the client would wait for approval; no
 * `client_id` nor any credential, since nothing was issued.
 */
export type DryRunResponse = Omit<
  ClientRegistrationResponse,
  | 'client_id'
  | 'client_secret'
  | 'client_id_issued_at'
  | 'client_secret_expires_at'
  | 'registration_access_token'
  | 'registration_client_uri'
> &
  LanguageTaggedMetadata &
  RegistrationExtensionMembers;

/** Builds the dry run's answer from the evaluation, in the registration response's field order. */
export function toDryRunResponse(evaluated: EvaluatedRegistration): DryRunResponse {
  const response: Record<string, unknown> = {};
  appendMetadata(response, evaluated.metadata);
  if (evaluated.approval === 'pending') response.approval_status = 'pending';
  return response as unknown as DryRunResponse;
}
