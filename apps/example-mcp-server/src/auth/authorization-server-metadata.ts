import { describeIssuerProblem } from '@agent-runtimes/dcr';

/** A metadata document that cannot be used; the message says why (for the log). */
export class AuthorizationServerMetadataError extends Error {
  override readonly name = 'AuthorizationServerMetadataError';
}

/**
 * RFC 8414 §3.1: the metadata URL is the issuer's origin, then
 * `/.well-known/oauth-authorization-server`, then the issuer's path, if any
 * (`https://host/tenant` → `https://host/.well-known/oauth-authorization-server/tenant`).
 */
export function authorizationServerMetadataUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}/.well-known/oauth-authorization-server${path}`;
}

/**
 * The `jwks_uri` of an authorization server's metadata document, once the document is shown to
 * be the issuer's own: RFC 8414 §3.3 requires its `issuer` to be identical to the issuer the
 * metadata was fetched for, or the document must not be used (it could name another server's
 * keys). The keys URL follows the issuer's rules (https, or http on loopback), minus the ban on a
 * query, which RFC 8414 §2 does not place on it.
 */
export function jwksUriOf(document: unknown, issuer: string): string {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new AuthorizationServerMetadataError('the metadata is not a JSON object');
  }
  const { issuer: advertised, jwks_uri: jwksUri } = document as Record<string, unknown>;
  if (advertised !== issuer) {
    throw new AuthorizationServerMetadataError(
      `the metadata names the issuer ${JSON.stringify(advertised)}, not ${JSON.stringify(issuer)} (RFC 8414 §3.3)`,
    );
  }
  if (typeof jwksUri !== 'string') {
    throw new AuthorizationServerMetadataError('the metadata has no jwks_uri');
  }
  const url = URL.parse(jwksUri);
  const problem = url ? describeIssuerProblem(`${url.origin}${url.pathname}`) : 'is not a URL';
  if (problem || url?.hash || url?.username || url?.password) {
    throw new AuthorizationServerMetadataError(
      `the metadata's jwks_uri ${problem ?? 'must have no fragment or credentials'}`,
    );
  }
  return jwksUri;
}
