import type { ClientRegistrationResponse } from '../client-registration-response.js';
import {
  METADATA_FIELD_ORDER,
  type ClientMetadata,
  type LanguageTaggedMetadata,
} from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/**
 * A registration response: the seed fields, the other registered metadata (the OpenID Connect
 * Registration 1.0 members, echoed when registered) and any language-tagged variants (RFC 7591
 * §2.2).
 */
export type RegisteredClientResponse = ClientRegistrationResponse &
  Partial<Omit<ClientMetadata, keyof ClientRegistrationResponse>> &
  LanguageTaggedMetadata;

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
  const metadata = client.metadata as unknown as Readonly<Record<string, unknown>>;
  for (const field of METADATA_FIELD_ORDER) {
    if (metadata[field] !== undefined) response[field] = metadata[field];
  }
  for (const key of Object.keys(metadata)) {
    if (key.includes('#') && metadata[key] !== undefined) response[key] = metadata[key];
  }
  return response as unknown as RegisteredClientResponse;
}

function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
