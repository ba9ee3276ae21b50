import type { ClientAssertionSettings } from './client-authentication/client-assertion-options.js';
import type { CimdModuleOptions } from './cimd/cimd-options.js';
import type { ClientReaperOptions } from './lifecycle/client-reaper-options.js';
import type { TokenEndpointAuthMethod } from './metadata/client-metadata.js';
import type { UriHostMismatchPolicy } from './metadata/metadata-policy.js';
import type { RedirectUriPolicy } from './metadata/redirect-uri.js';
import type { OutboundFetchSettings } from './outbound/outbound-fetcher-options.js';
import type { RegistrationRateLimitOptions } from './rate-limit/rate-limit-options.js';
import type { DcrRegistrationOptions } from './policy/registration-options.js';
import type { TrustedIssuerOptions } from './software-statement/trusted-issuers.js';

/**
 * Options of {@link DcrModule}, given to `forRoot` directly or returned by the `forRootAsync`
 * factory.
 */
export interface DcrModuleOptions {
  /**
   * The authorization server's issuer identifier (RFC 8414 §2): an `https` URL without query or
   * fragment (`http` is accepted for loopback hosts, for development). The registration endpoint
   * is `{issuer}/{path}` unless `registrationEndpoint` says otherwise.
   */
  issuer: string;

  /**
   * Absolute URL of the registration endpoint, when a reverse proxy, a global prefix or a
   * `RouterModule` prefix serves the route somewhere other than `{issuer}/{path}`. Each client's
   * `registration_client_uri` is this URL followed by `/{client_id}` (RFC 7592 §3).
   */
  registrationEndpoint?: string;

  /**
   * Lifetime of issued client secrets, in seconds. `0`, the default, means secrets never expire
   * (`client_secret_expires_at: 0`, RFC 7591 §3.2.1): many MCP clients cannot recover from an
   * expired secret.
   */
  clientSecretLifetimeSeconds?: number;

  /**
   * Grant types clients may register (RFC 7591 §2), also advertised as `grant_types_supported`
   * (RFC 8414 §2). Default: `authorization_code`, `refresh_token`, `client_credentials`. The
   * implicit grant is off unless listed (RFC 9700 §2.1.2 advises against it).
   */
  grantTypesSupported?: string[];

  /**
   * Token endpoint authentication methods clients may register, also advertised as
   * `token_endpoint_auth_methods_supported`. Default: `none`, `client_secret_basic`,
   * `client_secret_post`, `private_key_jwt`. `client_secret_jwt` cannot be enabled: it is an HMAC
   * keyed with the plaintext secret, and this module stores only a digest of it.
   */
  tokenEndpointAuthMethodsSupported?: TokenEndpointAuthMethod[];

  /**
   * Scope values clients may register, also advertised as `scopes_supported`. When unset, any
   * syntactically valid scope is accepted and `scopes_supported` is not advertised.
   */
  scopesSupported?: string[];

  /**
   * Requested values this server does not support that are dropped instead of refused (RFC 7591
   * §3.2.1: the server may replace requested metadata values); the response shows the effective
   * values, and a request with nothing usable left is still refused. Each field defaults to
   * `true`, which serves deployed MCP clients (VS Code asks for the device-code grant, Claude for
   * jwt-bearer). With `false`, the first unsupported value is refused, naming it.
   */
  narrowUnsupported?: { grantTypes?: boolean; responseTypes?: boolean; scopes?: boolean };

  /**
   * `compatible` (default) accepts the redirect URIs deployed MCP clients register: any
   * private-use scheme, reverse-domain or not (`cursor://anysphere.cursor-mcp/...`), whatever the
   * `application_type`. `strict` requires the RFC 8252 §7.1 reverse-domain form and applies the
   * OpenID Connect Registration 1.0 §2 rules: web clients (the default type) use https and
   * loopback http only; native clients may also use private-use schemes. Dangerous schemes
   * (`javascript:`, `data:`, `file:`, ...) are refused in both.
   */
  redirectUriPolicy?: RedirectUriPolicy;

  /**
   * RFC 7591 §5: what to do with a `logo_uri`, `tos_uri`, `policy_uri` or `client_uri` whose host
   * is none of the redirect URIs' hosts. `flag` (default) registers the client; the mismatches
   * are computed on read (`findUriHostMismatches`) so a consent screen can warn. `refuse` answers
   * `invalid_client_metadata` naming the field; `ignore` does neither.
   */
  uriHostMismatch?: UriHostMismatchPolicy;

  /**
   * Rotate the registration access token on every update (RFC 7592 §2.2 allows it): the update
   * response carries a new token. Off by default, because many clients (those built on the MCP
   * SDK among them) keep the first token they get.
   */
  rotateRegistrationAccessToken?: boolean;

  /**
   * With rotation on, how long the replaced token keeps working, in seconds (default 300), so that
   * a client that lost the update response can retry and get a new token.
   */
  registrationAccessTokenGracePeriodSeconds?: number;

  /**
   * What happens when a registration access token that a rotation replaced is presented after its
   * successor was used (RFC 9700 §4.14.2 reuse detection, applied to registration access tokens):
   * the request is always refused and a `client.registration_token_reused` event is published;
   * with this option, the client's registration access tokens are also revoked, so that neither
   * the thief nor the client can manage it until an operator re-issues a token. Default: false.
   */
  revokeRegistrationTokensOnReuse?: boolean;

  /**
   * The longest, in milliseconds, a statement of the module's transactions may run (`SET LOCAL
   * statement_timeout`, which works through transaction-pooling PgBouncer, unlike the startup
   * parameter). Default 10000; 0 leaves the server's setting. Single statements outside a
   * transaction follow the role's or database's own `statement_timeout` (see the README).
   */
  statementTimeoutMs?: number;

  /**
   * Bearer credential of the admin API (mounted when the `adminPath` extra is set): at least 32
   * characters. Only its digest is kept in memory. Without it, the admin API refuses every request.
   */
  adminToken?: string;

  /**
   * Settings of the `OutboundFetcher` that makes every request on a client's behalf (`jwks_uri`,
   * `sector_identifier_uri`, Client ID Metadata Documents): default connect and total timeouts,
   * and `allowLoopbackHttp`, a test-only switch refused when `NODE_ENV=production`.
   */
  outbound?: OutboundFetchSettings;

  /**
   * Absolute URL of the host app's token endpoint (https; http on a loopback host; a query is
   * allowed, a fragment is not). `private_key_jwt` client assertions (RFC 7523 §3) are accepted
   * when their `aud` names this URL or the issuer; without it, only the issuer.
   */
  tokenEndpoint?: string;

  /**
   * Limits on `private_key_jwt` client assertions: the longest lifetime (default 300 s), the
   * clock tolerance (default 30 s), and how often a client's `jwks_uri` may be fetched (default
   * once per 30 s).
   */
  clientAssertions?: ClientAssertionSettings;

  /**
   * Clients that use the URL of their Client ID Metadata Document as `client_id`
   * (draft-ietf-oauth-client-id-metadata-document), resolved by `CimdClientSource`: on by default
   * (and then advertised as `client_id_metadata_document_supported`), with optional allowed and
   * denied host patterns and bounds on how long a fetched document is kept.
   */
  cimd?: CimdModuleOptions;

  /**
   * Rate limits of `POST {path}`, per client address, per redirect host or `software_id`, and
   * global, counted in PostgreSQL so that every instance enforces one limit; over a limit the
   * answer is 429 with `Retry-After`. Off unless set (each limit separately).
   */
  registrationRateLimit?: RegistrationRateLimitOptions;

  /**
   * Addresses and CIDR blocks of the reverse proxies in front of the app (`['10.0.0.0/8', '::1']`).
   * Only a request whose peer is one of them has its `X-Forwarded-For` read: the client is the
   * rightmost address there that is not a trusted proxy. Without it, the client is the peer.
   */
  trustedProxies?: string[];

  /**
   * Deletion of clients never used N hours after registration, and of clients idle for M days;
   * off unless set. Clients that the host's `DCR_CLIENT_IN_USE` provider reports in use are kept.
   */
  clientReaper?: ClientReaperOptions;

  /**
   * Who may register and under which rules: the mode (`open`, `protected` with initial access
   * tokens, `mixed`), rule sets (trusted redirect hosts, allow-lists of grant types, methods and
   * scopes, a required software statement, secret lifetime, pending approval) for every, anonymous
   * or token registration, and client quotas. See the README's table of rules.
   */
  registration?: DcrRegistrationOptions;

  /**
   * The software statement issuers this server trusts (RFC 7591 §2.3): each with its keys (a JWK
   * Set or a `jwks_uri`) and algorithms. Without any, every statement is refused with
   * `unapproved_software_statement`.
   */
  softwareStatementIssuers?: TrustedIssuerOptions[];
}

/** Options that shape the module definition itself, so they are static even in `forRootAsync`. */
export interface DcrModuleExtras {
  /** Route path of the registration endpoint, relative to the app's prefix. Default: `register`. */
  path: string;

  /**
   * Route path of the operator API (re-issue a lost registration access token, delete a client),
   * e.g. `admin`. Not mounted unless set. Requests authenticate with the `adminToken` option.
   */
  adminPath?: string;

  /**
   * Name of the TypeORM data source the module uses, as given to `TypeOrmModule.forRoot({ name })`
   * (like `TypeOrmModule.forFeature(entities, dataSource)`). Default: the default data source.
   */
  dataSource?: string;
}

export const DEFAULT_REGISTRATION_PATH = 'register';

export const DEFAULT_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];

export const DEFAULT_TOKEN_ENDPOINT_AUTH_METHODS: TokenEndpointAuthMethod[] = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
];

export const DEFAULT_REGISTRATION_TOKEN_GRACE_SECONDS = 300;

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
