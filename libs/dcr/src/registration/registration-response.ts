import type { ClientRegistrationResponse } from '../client-registration-response.js';
import { METADATA_FIELD_ORDER, type LanguageTaggedMetadata } from '../metadata/client-metadata.js';
import type { DcrClientEntity } from '../persistence/dcr-client.entity.js';

/** A registration response: the seed fields plus any language-tagged variants (RFC 7591 §2.2). */
export type RegisteredClientResponse = ClientRegistrationResponse & LanguageTaggedMetadata;

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
  const response: RegisteredClientResponse = {
    client_id: client.clientId,
    client_secret: credentials.clientSecret,
    client_id_issued_at: toUnixSeconds(client.issuedAt),
    // RFC 7591 §3.2.1: REQUIRED if a secret was issued; 0 means it does not expire.
    client_secret_expires_at: client.clientSecretDigest
      ? client.clientSecretExpiresAt
        ? toUnixSeconds(client.clientSecretExpiresAt)
        : 0
      : undefined,
    registration_access_token: credentials.registrationAccessToken,
    registration_client_uri: `${registrationEndpoint}/${client.clientId}`,
    redirect_uris: client.metadata.redirect_uris,
  };
  const target = response as unknown as Record<string, unknown>;
  const source = client.metadata as unknown as Readonly<Record<string, unknown>>;
  for (const field of METADATA_FIELD_ORDER) {
    if (source[field] !== undefined) target[field] = source[field];
  }
  for (const key of Object.keys(source)) {
    if (key.includes('#')) target[key] = source[key];
  }
  return dropUndefined(response);
}

function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
