import { invalidClientMetadata } from '../errors/oauth-error.js';
import type { ClientMetadata } from './client-metadata.js';
import { resolveGrantAndResponseTypes } from './grant-and-response-types.js';
import { checkJwks } from './jwks.js';
import { parseLanguageTaggedFields } from './language-tags.js';
import type { MetadataPolicy } from './metadata-policy.js';
import { checkRedirectUris } from './redirect-uris.js';
import { readRequestDto } from './request-body.js';
import { checkScope } from './scope.js';
import { checkStorableText } from './storable-text.js';
import { resolveTokenEndpointAuthMethod } from './token-endpoint-auth-method.js';
import { isWebUrl } from './uris.js';

const WEB_URL_FIELDS = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'] as const;

/**
 * Turns a registration request body into the client metadata to store (RFC 7591 §2), or throws
 * the RFC 7591 §3.2.2 error for the first problem found. Pure: no I/O, no clock, no Nest.
 *
 * A JSON `null` is treated as an omitted field.
 */
export function parseClientMetadata(
  body: Readonly<Record<string, unknown>>,
  policy: MetadataPolicy,
): ClientMetadata {
  const request = withoutNulls(readRequestDto(body));

  const { grant_types, response_types } = resolveGrantAndResponseTypes(
    request.grant_types,
    request.response_types,
    policy,
  );
  const redirect_uris = checkRedirectUris(request.redirect_uris, grant_types);
  const token_endpoint_auth_method = resolveTokenEndpointAuthMethod(
    request.token_endpoint_auth_method,
    grant_types,
    request.jwks !== undefined || request.jwks_uri !== undefined,
    policy,
  );
  for (const field of WEB_URL_FIELDS) {
    const value = request[field];
    if (value !== undefined && !isWebUrl(value)) {
      throw invalidClientMetadata(`${field}: must be an absolute http(s) URL`);
    }
  }
  if (request.scope !== undefined) checkScope(request.scope, policy.scopes);
  checkJwks(request.jwks, request.jwks_uri, policy.loopbackHttpJwksUri);

  const metadata: ClientMetadata = {
    ...request,
    redirect_uris,
    token_endpoint_auth_method,
    grant_types,
    response_types,
    ...parseLanguageTaggedFields(body),
  };
  checkStorableText(metadata);
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
