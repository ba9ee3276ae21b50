/**
 * The protected resources tokens are issued for (RFC 8707), and what a token for one of them
 * looks like. Pure: node-oidc-provider's `features.resourceIndicators` helpers call into it.
 */
export interface ResourcePolicy {
  /** The known resource indicators; the first is the default. Never empty. */
  readonly resources: readonly string[];
  /** The scope values every resource accepts. Never empty. */
  readonly scopes: readonly string[];
  readonly accessTokenTtlSeconds: number;
  /** The JWS algorithm access tokens are signed with. */
  readonly accessTokenSigningAlg: string;
}

/** What node-oidc-provider needs to know about a resource server (`getResourceServerInfo`). */
export interface ResourceServerInfo {
  readonly scope: string;
  readonly audience: string;
  readonly accessTokenTTL: number;
  readonly accessTokenFormat: 'jwt';
  readonly jwt: { readonly sign: { readonly alg: string } };
}

/**
 * The policy of `RESOURCES`, or, when none is configured, of the issuer alone: a client that
 * sends no `resource` then gets a token whose audience is this authorization server, which is the
 * only party it can be presented to (and the resource that protected resource metadata would
 * name for a resource served under the issuer).
 */
export function resourcePolicy(
  configured: readonly string[],
  issuer: string,
  scopes: readonly string[],
  accessTokenTtlSeconds: number,
  accessTokenSigningAlg: string,
): ResourcePolicy {
  return {
    resources: configured.length > 0 ? [...configured] : [issuer],
    scopes: [...scopes],
    accessTokenTtlSeconds,
    accessTokenSigningAlg,
  };
}

/**
 * The known resource a requested indicator names, as configured, or `undefined` (RFC 8707 §2:
 * `invalid_target`). An indicator names a resource when it is the same string, or the same URL
 * once parsed (`https://mcp.example.com` and `https://mcp.example.com/`).
 */
export function findResource(policy: ResourcePolicy, requested: string): string | undefined {
  if (policy.resources.includes(requested)) return requested;
  const href = URL.parse(requested)?.href;
  if (href === undefined) return undefined;
  return policy.resources.find((resource) => URL.parse(resource)?.href === href);
}

/**
 * The resource of a request that names none (RFC 8707 §2 leaves it to the server): the first
 * configured one. When several were granted and one must be chosen (a token request without
 * `resource`), the default if it is among them, else the first of them.
 */
export function defaultResource(policy: ResourcePolicy, oneOf?: readonly string[]): string {
  const [fallback] = policy.resources as [string, ...string[]];
  if (!oneOf || oneOf.length === 0) return fallback;
  return oneOf.includes(fallback) ? fallback : oneOf[0];
}

/**
 * The token a known resource gets: a JWT (RFC 9068) whose `aud` is the resource as configured,
 * signed with the access token algorithm, with the configured lifetime.
 */
export function resourceServerInfo(policy: ResourcePolicy, resource: string): ResourceServerInfo {
  return {
    scope: policy.scopes.join(' '),
    audience: resource,
    accessTokenTTL: policy.accessTokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: policy.accessTokenSigningAlg } },
  };
}

/**
 * The scope of an authorization request, with the resources' default scope: a request that asks
 * for none of the resources' scope values (no `scope` at all, as MCP clients often send, or only
 * `openid`/`offline_access`, or values the resources do not know) gets all of them added, so that
 * its token is good for something (RFC 6749 §3.3 lets the server choose the scope).
 */
export function withDefaultScope(policy: ResourcePolicy, requested: string | undefined): string {
  const values = requested === undefined ? [] : requested.split(' ').filter(Boolean);
  if (values.some((value) => policy.scopes.includes(value))) return values.join(' ');
  return [...values, ...policy.scopes].join(' ');
}
