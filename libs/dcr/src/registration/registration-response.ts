import type { ClientRegistrationResponse } from '../client-registration-response.js';
import {
  METADATA_FIELD_ORDER,
  type ClientMetadata,
  type LanguageTaggedMetadata,
} from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/**
 * Members a registration response carries beyond the seed fields: the software statement the
 * client registered with, returned unmodified (RFC 7591 §3.2.1), and, as an extension member,
 * `approval_status: "pending"` while the client waits for an operator's approval (it cannot
 * authenticate until then).
 */
export interface RegistrationExtensionMembers {
  software_statement?: string;
  approval_status?: 'pending';
}

/**
 * A registration response: the seed fields, the other registered metadata (the OpenID Connect
 * Registration 1.0 members, echoed when registered), any language-tagged variants (RFC 7591
 * §2.2), and the extension members.
 */
export type RegisteredClientResponse = ClientRegistrationResponse &
  Partial<Omit<ClientMetadata, keyof ClientRegistrationResponse>> &
  LanguageTaggedMetadata &
  RegistrationExtensionMembers;

/** Credentials shown to the client; each is returned only in the response that issued it. */
export interface ShownCredentials {
  clientSecret?: string;
  registrationAccessToken?: string;
}

/**
 * Builds the client information response (RFC 7591 §3.2.1, RFC 7592 §3) from a stored client, in a
 * stable field order: server-issued values first, then the metadata, then tagged variants.
 */
export function toRegistrationResponse(
  client: DcrClientEntity,
  credentials: ShownCredentials,
  registrationEndpoint: string,
): RegisteredClientResponse {
  // Built by adding only the fields that have a value: deleting properties would turn the object
  // into a slow dictionary before it is serialized.
  const response: Record<string, unknown> = { client_id: client.clientId };
  if (credentials.clientSecret !== undefined) response.client_secret = credentials.clientSecret;
  response.client_id_issued_at = toUnixSeconds(client.issuedAt);
  if (client.clientSecretDigest) {
    // RFC 7591 §3.2.1: REQUIRED if a secret was issued; 0 means it does not expire.
    response.client_secret_expires_at = client.clientSecretExpiresAt
      ? toUnixSeconds(client.clientSecretExpiresAt)
      : 0;
  }
  if (credentials.registrationAccessToken !== undefined) {
    response.registration_access_token = credentials.registrationAccessToken;
  }
  response.registration_client_uri = `${registrationEndpoint}/${client.clientId}`;
  appendMetadata(response, client.metadata);
  if (client.approvalStatus === 'pending') response.approval_status = 'pending';
  return response as unknown as RegisteredClientResponse;
}

/**
 * Adds the metadata to a response in the stable order, then the language-tagged variants, leaving
 * out fields that are undefined and anything that is not client metadata.
 */
export function appendMetadata(response: Record<string, unknown>, stored: ClientMetadata): void {
  const metadata = stored as unknown as Readonly<Record<string, unknown>>;
  for (const field of METADATA_FIELD_ORDER) {
    if (metadata[field] !== undefined) response[field] = metadata[field];
  }
  for (const key of Object.keys(metadata)) {
    if (key.includes('#') && metadata[key] !== undefined) response[key] = metadata[key];
  }
}

function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
