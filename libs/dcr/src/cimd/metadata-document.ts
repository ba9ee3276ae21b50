import { OAuthError } from '../errors/oauth-error.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import type { MetadataPolicy } from '../metadata/metadata-policy.js';
import { parseClientMetadata } from '../metadata/parse-client-metadata.js';
import { requireJsonObject } from '../metadata/request-body.js';
import { CIMD_DRAFT, unusableClient } from './cimd-client-error.js';

/** Draft §4.1: the methods a document may name; the others rest on a shared secret. */
const DOCUMENT_AUTH_METHODS: readonly string[] = ['none', 'private_key_jwt'];

/**
 * Draft §4.1 names no default, and RFC 7591's (`client_secret_basic`) needs a secret no document
 * can establish. A document that names no method describes a client without credentials: public.
 */
const DEFAULT_DOCUMENT_AUTH_METHOD = 'none';

/**
 * Turns a fetched Client ID Metadata Document into the metadata of the client it describes, the
 * same shape a registered client has, or throws a `CimdClientError` (`invalid_client`) naming the
 * rule. Pure.
 *
 * - Draft §4: a JSON object whose `client_id` is `url`, compared as strings (no normalization).
 * - Draft §4.1: no `client_secret` or `client_secret_expires_at`; `token_endpoint_auth_method`
 *   only `none` (the default here) or `private_key_jwt`.
 * - RFC 7591 §3.2.1 (the server may replace requested values): grant and response types this
 *   server does not offer are dropped, since one document serves every server a client talks to
 *   (Claude's lists `jwt-bearer`, VS Code's `device_code`); a document left with no grant is
 *   refused.
 * - Everything else is the registration rules of DCR, applied by `parseClientMetadata` with the
 *   server's policy: redirect URIs (draft §4.2), `jwks`/`jwks_uri` with public keys only (and
 *   required by `private_key_jwt`), URIs, scope; unknown members are ignored (RFC 7591 §2).
 */
export function parseCimdDocument(
  url: string,
  body: unknown,
  policy: MetadataPolicy,
): ClientMetadata {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unusableClient(
      'not_object',
      `the client's metadata document is not a JSON object (${CIMD_DRAFT} §4)`,
    );
  }
  const document = body as Readonly<Record<string, unknown>>;
  if (document.client_id !== url) {
    throw unusableClient(
      'client_id_mismatch',
      `the client_id in the client's metadata document must be exactly the URL it is served at ` +
        `(${CIMD_DRAFT} §4: compared as strings, so a default port or a trailing slash makes another URL)`,
    );
  }
  const secretMember = ['client_secret', 'client_secret_expires_at'].find((member) =>
    Object.hasOwn(document, member),
  );
  if (secretMember !== undefined) {
    throw unusableClient(
      'client_secret',
      `the client's metadata document must not contain ${secretMember} (${CIMD_DRAFT} §4.1)`,
    );
  }
  const method = document.token_endpoint_auth_method ?? DEFAULT_DOCUMENT_AUTH_METHOD;
  if (typeof method !== 'string' || !DOCUMENT_AUTH_METHODS.includes(method)) {
    throw unusableClient(
      'auth_method',
      `the client's metadata document may only use token_endpoint_auth_method "none" or ` +
        `"private_key_jwt": no shared secret can be established with a document (${CIMD_DRAFT} §4.1)`,
    );
  }
  return clientMetadataOf(
    { ...withOfferedTypes(document, policy), token_endpoint_auth_method: method },
    policy,
  );
}

/**
 * The document with the grant and response types this server does not offer dropped. Values of
 * the wrong JSON type are left for the registration rules to refuse.
 */
function withOfferedTypes(
  document: Readonly<Record<string, unknown>>,
  policy: MetadataPolicy,
): Record<string, unknown> {
  const narrowed: Record<string, unknown> = { ...document };
  const grants = offered(document.grant_types, policy.grantTypes);
  if (grants !== undefined) {
    if (grants.length === 0) {
      throw unusableClient(
        'no_usable_grant',
        `the client's metadata document lists no grant type this server offers ` +
          `(offered: ${policy.grantTypes.join(', ')})`,
      );
    }
    narrowed.grant_types = grants;
  }
  const responses = offered(document.response_types, policy.responseTypes);
  if (responses !== undefined) {
    // None left: derive them from the grant types (RFC 7591 §2.1), as when none are sent.
    if (responses.length === 0) delete narrowed.response_types;
    else narrowed.response_types = responses;
  }
  return narrowed;
}

/** The offered values of a list of strings, or `undefined` when `value` is not one. */
function offered(value: unknown, supported: readonly string[]): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((item): item is string => typeof item === 'string')) return undefined;
  return value.filter((item) => supported.includes(item));
}

/** The registration rules DCR applies, with their refusals turned into `invalid_client`. */
function clientMetadataOf(
  document: Readonly<Record<string, unknown>>,
  policy: MetadataPolicy,
): ClientMetadata {
  try {
    return parseClientMetadata(requireJsonObject(document), policy);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    // Named like the registration rule, prefixed so the reader knows whose metadata it is.
    throw unusableClient(
      'metadata',
      `the client's metadata document: ${error.description}`,
      error.extensions,
    );
  }
}
