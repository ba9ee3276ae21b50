import { invalidClientMetadata } from '../errors/oauth-error.js';
import { describeAlgorithmProblem, type JoseAlgorithmKind } from './jose-algorithms.js';
import { jsonPointer } from './json-pointer.js';
import { isFetchableUrl, isHttpsUrl, parseAbsoluteUri } from './uris.js';

/** The OpenID Connect Registration 1.0 §2 algorithm members this server stores. */
export const OIDC_ALGORITHM_FIELDS = [
  'id_token_signed_response_alg',
  'id_token_encrypted_response_alg',
  'id_token_encrypted_response_enc',
  'userinfo_signed_response_alg',
  'userinfo_encrypted_response_alg',
  'userinfo_encrypted_response_enc',
  'request_object_signing_alg',
  'request_object_encryption_alg',
  'request_object_encryption_enc',
  'token_endpoint_auth_signing_alg',
] as const;

export type OidcAlgorithmField = (typeof OIDC_ALGORITHM_FIELDS)[number];

interface AlgorithmRule {
  readonly kind: JoseAlgorithmKind;
  /** `none` is allowed (OIDC Registration §2 allows it for these, never for client authentication). */
  readonly allowNone?: boolean;
  /** The server uses the client's public keys for it, so `jwks` or `jwks_uri` is needed. */
  readonly needsClientKeys?: boolean;
  /** OIDC Registration §2: "If ..._enc is included, ..._alg MUST also be provided." */
  readonly requires?: OidcAlgorithmField;
}

const RULES: Readonly<Record<OidcAlgorithmField, AlgorithmRule>> = {
  id_token_signed_response_alg: { kind: 'jws', allowNone: true },
  // Encrypted to the client's public key, so the client must have registered one.
  id_token_encrypted_response_alg: { kind: 'jwe-alg', needsClientKeys: true },
  id_token_encrypted_response_enc: { kind: 'jwe-enc', requires: 'id_token_encrypted_response_alg' },
  userinfo_signed_response_alg: { kind: 'jws', allowNone: true },
  userinfo_encrypted_response_alg: { kind: 'jwe-alg', needsClientKeys: true },
  userinfo_encrypted_response_enc: { kind: 'jwe-enc', requires: 'userinfo_encrypted_response_alg' },
  // Signed by the client and verified with its public keys (unless unsigned, "none").
  request_object_signing_alg: { kind: 'jws', allowNone: true, needsClientKeys: true },
  // Encrypted by the client to the server's keys: nothing of the client's is needed.
  request_object_encryption_alg: { kind: 'jwe-alg' },
  request_object_encryption_enc: { kind: 'jwe-enc', requires: 'request_object_encryption_alg' },
  // OIDC Registration §2: "The value none MUST NOT be used."
  token_endpoint_auth_signing_alg: { kind: 'jws' },
};

/** The OpenID Connect Registration 1.0 §2 members checked here, after their JSON types. */
export interface OidcMetadataRequest extends Partial<Record<OidcAlgorithmField, string>> {
  readonly sector_identifier_uri?: string;
  readonly subject_type?: string;
  readonly initiate_login_uri?: string;
  readonly request_uris?: readonly string[];
}

/**
 * Checks the OpenID Connect Registration 1.0 §2 members beyond their JSON types (the request
 * DTO's): algorithm names and their dependencies, and the URIs the server fetches or sends users
 * to. `hasClientKeys` says whether `jwks` or `jwks_uri` was registered; `redirectUris` are the
 * checked redirection URIs.
 */
export function checkOidcMetadata(
  request: OidcMetadataRequest,
  hasClientKeys: boolean,
  redirectUris: readonly string[],
  loopbackHttpFetches = false,
): void {
  for (const field of Object.keys(RULES) as OidcAlgorithmField[]) {
    const value = request[field];
    if (value !== undefined) checkAlgorithm(field, value, request, hasClientKeys);
  }
  if (
    request.sector_identifier_uri !== undefined &&
    !isFetchableUrl(request.sector_identifier_uri, loopbackHttpFetches)
  ) {
    throw invalidClientMetadata(
      'sector_identifier_uri: must be an absolute https URL (OpenID Connect Registration 1.0 §2)',
      jsonPointer('sector_identifier_uri'),
    );
  }
  if (request.initiate_login_uri !== undefined && !isHttpsUrl(request.initiate_login_uri)) {
    throw invalidClientMetadata(
      'initiate_login_uri: must be an absolute https URL (OpenID Connect Registration 1.0 §2)',
      jsonPointer('initiate_login_uri'),
    );
  }
  request.request_uris?.forEach((uri, index) => {
    // A fragment is allowed here: it carries the hash of the request object (OIDC Registration §2).
    if (!isHttpsUrl(uri)) {
      throw invalidClientMetadata(
        `request_uris[${index}]: must be an absolute https URL`,
        jsonPointer('request_uris', index),
      );
    }
  });
  if (
    request.subject_type === 'pairwise' &&
    request.sector_identifier_uri === undefined &&
    redirectHosts(redirectUris).size > 1
  ) {
    // OpenID Connect Core 1.0 §8.1: the sector identifier is the redirect URIs' host, so with
    // several hosts there is none unless the client names it.
    throw invalidClientMetadata(
      'sector_identifier_uri: required for pairwise subject identifiers when redirect_uris have several hosts (OpenID Connect Core 1.0 §8.1)',
      jsonPointer('sector_identifier_uri'),
    );
  }
}

function checkAlgorithm(
  field: OidcAlgorithmField,
  value: string,
  request: OidcMetadataRequest,
  hasClientKeys: boolean,
): void {
  const rule = RULES[field];
  const problem = describeAlgorithmProblem(rule.kind, value, rule.allowNone ?? false);
  if (problem) throw invalidClientMetadata(`${field}: ${problem}`, jsonPointer(field));
  if (rule.requires && request[rule.requires] === undefined) {
    throw invalidClientMetadata(
      `${field}: needs ${rule.requires} as well (OpenID Connect Registration 1.0 §2)`,
      jsonPointer(field),
    );
  }
  if (rule.needsClientKeys && value !== 'none' && !hasClientKeys) {
    throw invalidClientMetadata(
      `${field}: "${value}" uses the client's public keys; register them in jwks or jwks_uri`,
      jsonPointer(field),
    );
  }
}

/** The hosts of the redirect URIs that have one (private-use URIs may not). */
function redirectHosts(uris: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const uri of uris) {
    const host = parseAbsoluteUri(uri)?.hostname;
    if (host) hosts.add(host);
  }
  return hosts;
}
