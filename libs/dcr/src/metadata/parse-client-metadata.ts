import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { ClientMetadata } from './client-metadata.js';
import { resolveGrantAndResponseTypes } from './grant-and-response-types.js';
import { jsonPointer } from './json-pointer.js';
import { checkJwks } from './jwks.js';
import { parseLanguageTaggedFields } from './language-tags.js';
import { DEFAULT_NARROWING, type MetadataPolicy } from './metadata-policy.js';
import { checkOidcMetadata } from './oidc-metadata.js';
import type { ApplicationType } from './redirect-uri.js';
import { checkPostLogoutRedirectUris, checkRedirectUris } from './redirect-uris.js';
import { readRequestDto } from './request-body.js';
import { resolveScope } from './scope.js';
import { checkStorableText } from './storable-text.js';
import { resolveTokenEndpointAuthMethod } from './token-endpoint-auth-method.js';
import { enforceUriHostPolicy } from './uri-host-mismatch.js';
import { isWebUrl } from './uris.js';

const WEB_URL_FIELDS = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'] as const;

/**
 * Turns a registration request body into the client metadata to store (RFC 7591 §2, OpenID
 * Connect Registration 1.0 §2), or throws the RFC 7591 §3.2.2 error for the first problem found,
 * with the JSON pointer of the refused value in its `field` member. Pure: no I/O, no clock, no
 * Nest.
 *
 * A JSON `null` is treated as an omitted field. Unsupported grant types, response types and
 * scopes are dropped rather than refused, as `policy.narrow` says (RFC 7591 §3.2.1): the result
 * holds the effective values.
 */
export function parseClientMetadata(
  body: Readonly<Record<string, unknown>>,
  policy: MetadataPolicy,
): ClientMetadata {
  const { scope: requestedScope, ...request } = withoutNulls(readRequestDto(body));
  const narrow = policy.narrow ?? DEFAULT_NARROWING;

  const { grant_types, response_types } = resolveGrantAndResponseTypes(
    request.grant_types,
    request.response_types,
    policy,
  );
  const redirectUriOptions = {
    policy: policy.redirectUriPolicy,
    applicationType: request.application_type as ApplicationType | undefined,
  };
  const redirect_uris = checkRedirectUris(request.redirect_uris, grant_types, redirectUriOptions);
  if (request.post_logout_redirect_uris !== undefined) {
    checkPostLogoutRedirectUris(request.post_logout_redirect_uris, grant_types, redirectUriOptions);
  }
  const hasKeys = request.jwks !== undefined || request.jwks_uri !== undefined;
  const token_endpoint_auth_method = resolveTokenEndpointAuthMethod(
    request.token_endpoint_auth_method,
    grant_types,
    hasKeys,
    policy,
  );
  for (const field of WEB_URL_FIELDS) {
    const value = request[field];
    if (value !== undefined && !isWebUrl(value)) {
      throw invalidClientMetadata(`${field}: must be an absolute http(s) URL`, jsonPointer(field));
    }
  }
  const scope =
    requestedScope === undefined
      ? undefined
      : resolveScope(requestedScope, policy.scopes, narrow.scopes);
  checkJwks(request.jwks, request.jwks_uri, policy.loopbackHttpFetches);
  checkOidcMetadata(request, hasKeys, redirect_uris, policy.loopbackHttpFetches);
  checkStorableText(request);

  const metadata = {
    ...request,
    redirect_uris,
    token_endpoint_auth_method,
    grant_types,
    response_types,
    ...(scope === undefined ? {} : { scope }),
    ...parseLanguageTaggedFields(body),
  } as ClientMetadata;
  enforceUriHostPolicy(metadata, policy.uriHostMismatch ?? 'flag');
  return metadata;
}

/** Copies the own enumerable fields that are neither `null` nor `undefined`. */
function withoutNulls<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && field !== undefined) copy[key] = field;
  }
  return copy as { [K in keyof T]?: NonNullable<T[K]> };
}
