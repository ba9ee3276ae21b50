import { LOG_LEVELS } from '../logging/json-logger.js';
import type { EnvDeclaration } from './parse-env.js';
import { addressList, rateLimit } from './rate-limit-variables.js';
import { wordList } from './list-variables.js';
import { flag, integer, oneOf, text } from './scalar-variables.js';
import { softwareStatementIssuers } from './software-statement-issuers.js';
import { endpointUrl, issuerUrl, postgresUrl, postgresUrlList } from './url-variables.js';
import { aes256Key, resourceList, scopeList, subject } from './authorization-server-variables.js';
import { UPSTREAM_OIDC_ENV } from './upstream-oidc-variables.js';

/** PostgreSQL's largest `statement_timeout` (a 32-bit count of milliseconds). */
const MAX_MILLISECONDS = 2 ** 31 - 1;

/**
 * Every environment variable of `apps/identity`, declared once: its name (the key), type,
 * constraints, default, one line of documentation, and whether it is a secret (never echoed) or
 * test-only (refused when `NODE_ENV=production`). `loadIdentityConfig` reads the environment
 * through this declaration only, and the README's configuration table is generated from it
 * (`npm run docs:config`; a test fails when the table is stale). The names are public interface:
 * operators and scripts depend on them.
 *
 * To add a variable: add an entry here with one of the builders (`integer`, `flag`, `text`,
 * `oneOf`, `issuerUrl`, `endpointUrl`, `postgresUrl`, `postgresUrlList`, `resourceList`,
 * `scopeList`, `aes256Key`, `subject`, or `declareVariable`
 * with a zod schema of one's own), add its field to `IdentityConfig` and read it in
 * `loadIdentityConfig`, then run `npm run docs:config`. Split this file by topic past ~300 lines.
 */
export const IDENTITY_ENV = {
  PORT: integer({
    doc: 'Port to listen on; `0` picks a free one (then `ISSUER` must be set).',
    min: 0,
    max: 65535,
    default: 3000,
  }),
  HOST: text({
    doc: 'Address to bind (`0.0.0.0` in a container).',
    trimmedNonEmpty: true,
    default: '127.0.0.1',
  }),
  ISSUER: issuerUrl({
    doc:
      'Issuer identifier (RFC 8414 §2), used in the discovery document and in each ' +
      '`registration_client_uri`; trailing slashes are dropped. A path serves the app under it.',
    defaultText: '`http://localhost:$PORT`',
  }),
  AUTHORIZATION_ENDPOINT: endpointUrl({
    doc:
      'Advertised as `authorization_endpoint` instead of `$ISSUER/authorize`, for a reverse proxy ' +
      'that serves the endpoint at another URL (the app still serves it under the issuer); it may ' +
      'carry a query (RFC 6749 §3.1).',
  }),
  TOKEN_ENDPOINT: endpointUrl({
    doc:
      'Advertised as `token_endpoint` instead of `$ISSUER/token`, for a reverse proxy that serves ' +
      'the endpoint at another URL.',
  }),

  DATABASE_URL: postgresUrl({
    doc: 'PostgreSQL to store clients in. Unset: the embedded PostgreSQL in `DATA_DIR`.',
    // It usually holds the database password.
    secret: true,
  }),
  DATA_DIR: text({
    doc: 'Data folder of the embedded PostgreSQL, relative to the working directory (git-ignored).',
    default: '.data/pglite',
  }),
  DATABASE_POOL_SIZE: integer({
    doc: 'Connections per app instance (the embedded database always uses 1).',
    min: 1,
    max: 1000,
    default: 10,
  }),
  DATABASE_WAIT_SECONDS: integer({
    doc: 'How long start-up waits for the database at `DATABASE_URL` before it exits with code 1.',
    min: 0,
    max: 3600,
    default: 60,
  }),
  DATABASE_REPLICA_URLS: postgresUrlList({
    doc:
      'Read replicas (PostgreSQL streaming standbys of `DATABASE_URL`) for the reads that may be ' +
      'slightly stale (client look-ups at the token endpoint); writes, reads inside a write, ' +
      'RFC 7592 operations and a failed look-up go to `DATABASE_URL`. Reads fall back to it ' +
      'while no replica answers.',
    secret: true,
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: integer({
    doc:
      "The longest a statement of the app's transactions may run before PostgreSQL cancels it " +
      '(`SET LOCAL`, which works through PgBouncer; the request gets 503); the client gives up on ' +
      'any statement a second later. `0` = no limit.',
    min: 0,
    max: MAX_MILLISECONDS,
    default: 10_000,
  }),
  DATABASE_IDLE_TIMEOUT_MS: integer({
    doc:
      'How long an idle pooled connection is kept before it is closed; `0` = until the pool ' +
      'closes.',
    min: 0,
    max: MAX_MILLISECONDS,
    default: 10_000,
  }),

  CLIENT_SECRET_LIFETIME_SECONDS: integer({
    doc: 'Lifetime of issued client secrets; `0` = they never expire.',
    min: 0,
    max: 2 ** 31,
    default: 0,
  }),
  ADMIN_TOKEN: text({
    doc: 'Bearer credential of the operator API at `/admin`. Unset: that API is not mounted.',
    minLength: 32,
    secret: true,
  }),
  REGISTRATION_TOKEN_ROTATION: flag({
    doc:
      'Each RFC 7592 update returns a new registration access token; the replaced one keeps ' +
      'working for `REGISTRATION_TOKEN_GRACE_SECONDS`.',
    default: false,
  }),
  REGISTRATION_TOKEN_GRACE_SECONDS: integer({
    doc: 'How long a registration access token replaced by a rotation keeps working.',
    min: 0,
    max: 86400,
    default: 300,
  }),
  REGISTRATION_TOKEN_REUSE_REVOKES: flag({
    doc:
      'Presenting a registration access token that a rotation replaced, after its successor was ' +
      "used, revokes the client's registration access tokens until an operator re-issues one " +
      '(RFC 9700 §4.14.2). The request is refused either way.',
    default: false,
  }),
  REDIRECT_URI_POLICY: oneOf(['compatible', 'strict'] as const, {
    doc:
      '`compatible` accepts the redirect URIs deployed MCP clients register (any private-use ' +
      'scheme, `cursor://…` included); `strict` requires reverse-domain schemes (RFC 8252 §7.1) and ' +
      'the OpenID Connect `application_type` rules. Dangerous schemes are refused in both.',
    default: 'compatible',
  }),
  NARROW_UNSUPPORTED_METADATA: flag({
    doc:
      'Drop requested grant types, response types and scope values the server does not support ' +
      'instead of refusing the registration (RFC 7591 §3.2.1); a field left with nothing usable ' +
      'is still refused.',
    default: true,
  }),
  URI_HOST_MISMATCH: oneOf(['flag', 'refuse', 'ignore'] as const, {
    doc:
      '`logo_uri`, `tos_uri`, `policy_uri` or `client_uri` on a host none of the redirect URIs ' +
      'has (RFC 7591 §5): `flag` registers the client and reports it to consent screens, `refuse` ' +
      'answers `invalid_client_metadata`.',
    default: 'flag',
  }),

  CIMD: oneOf(['on', 'off'], {
    doc:
      'Clients may use the URL of their Client ID Metadata Document as `client_id` ' +
      '(draft-ietf-oauth-client-id-metadata-document), advertised as ' +
      '`client_id_metadata_document_supported`.',
    default: 'on',
  }),
  CIMD_ALLOW_LOOPBACK_HTTP: flag({
    doc:
      "Fetch Client ID Metadata Documents and every other document fetched on a client's behalf " +
      "(software statement issuers' and clients' `jwks_uri`) over plain `http` from loopback " +
      'hosts, so that tests can serve fixtures; also lets `UPSTREAM_OIDC_ISSUER` be a loopback ' +
      '`http` provider.',
    default: false,
    testOnly: true,
  }),

  CIMD_ALLOWED_HOSTS: wordList({
    doc:
      'Hosts whose Client ID Metadata Documents may be used (draft §8.9): `client.example`, ' +
      '`*.example.com` (the hosts under it) or an IP address. Unset: any host.',
    entries: 'host names, `*.domain` patterns or IP addresses',
    defaultText: 'none (any host)',
  }),
  CIMD_DENIED_HOSTS: wordList({
    doc:
      'Hosts whose Client ID Metadata Documents are never used, in the same forms; a denial wins ' +
      'over `CIMD_ALLOWED_HOSTS`.',
    entries: 'host names, `*.domain` patterns or IP addresses',
    defaultText: 'none',
  }),
  CIMD_MIN_CACHE_SECONDS: integer({
    doc:
      'Shortest time a fetched Client ID Metadata Document is kept, whatever its `Cache-Control` ' +
      'or `Expires` say (`no-store` and `no-cache` documents are never kept).',
    min: 0,
    max: 604_800,
    default: 60,
  }),
  CIMD_MAX_CACHE_SECONDS: integer({
    doc: 'Longest time a fetched Client ID Metadata Document is kept; at least `CIMD_MIN_CACHE_SECONDS`.',
    min: 0,
    max: 604_800,
    default: 86_400,
  }),

  REGISTRATION_RATE_LIMIT: rateLimit({
    doc:
      'Registrations (`POST /register`) per client address, counted in the database for all ' +
      'instances together; over it the answer is 429 with `Retry-After`. `off` turns every ' +
      'registration rate limit off (the two below too): for load tests and benchmarks. The ' +
      'default is generous enough for a developer and for test suites run against `npm start`.',
    default: '120/60',
  }),
  REGISTRATION_RATE_LIMIT_PER_HOST: rateLimit({
    doc:
      "Registrations per client software: the request's `software_id`, or else the hosts of its " +
      'redirect URIs (loopback hosts do not count). `off`: no such limit.',
    default: '120/60',
  }),
  REGISTRATION_RATE_LIMIT_GLOBAL: rateLimit({
    doc: 'Registrations on the whole server, all clients and instances together. `off`: no cap.',
    default: '1000/60',
  }),
  REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS: flag({
    doc: 'Registrations made with a valid initial access token are not counted by the rate limits.',
    default: true,
  }),
  TRUSTED_PROXIES: addressList({
    doc:
      'Reverse proxies in front of the app: `X-Forwarded-For` is read only from these peers, and ' +
      'the client is its rightmost address that is not one of them. Unset: the client is the peer.',
  }),

  REAP_UNUSED_CLIENTS_AFTER_HOURS: integer({
    doc:
      'Deletes clients that never authenticated this many hours after registration; `0` = never. ' +
      'Only authentication through the module counts as use.',
    min: 0,
    max: 87_600,
    default: 0,
  }),
  REAP_IDLE_CLIENTS_AFTER_DAYS: integer({
    doc:
      'Deletes clients that have not authenticated for this many days (counted from registration ' +
      'if they never did); `0` = never.',
    min: 0,
    max: 3650,
    default: 0,
  }),
  REAP_INTERVAL_SECONDS: integer({
    doc: 'Time between two passes of the client reaper (one instance at a time reaps).',
    min: 1,
    max: 86_400,
    default: 3600,
  }),

  REGISTRATION_MODE: oneOf(['open', 'protected', 'mixed'], {
    doc:
      'Who may register (RFC 7591 §3): `open`, anyone; `protected`, only with an initial access ' +
      'token (`Authorization: Bearer`, minted with `ADMIN_TOKEN` or `npm run dcr -- iat create`); ' +
      '`mixed`, both, anonymous registrations under the rules for anonymous ones.',
    default: 'open',
  }),
  SOFTWARE_STATEMENT_ISSUERS: softwareStatementIssuers({
    doc:
      'Trusted software statement issuers (RFC 7591 §2.3): `[{"issuer": "https://…", "jwks": ' +
      '{"keys": […]}` or `"jwks_uri": "https://…", "algorithms": ["ES256", …], "audience"?: "…", ' +
      '"clock_tolerance_seconds"?: 30, "allowed_fields"?: ["software_id", …]}]`. Unset: every ' +
      'statement is refused (`unapproved_software_statement`).',
  }),
  REQUIRE_SOFTWARE_STATEMENT: oneOf(['false', 'true', 'anonymous'], {
    doc:
      'Registrations must carry a software statement from a trusted issuer: `true`, all; ' +
      '`anonymous`, those without an initial access token.',
    default: 'false',
  }),
  TRUSTED_REDIRECT_HOSTS: wordList({
    doc:
      'Hosts every redirect URI must use: `app.example.com`, `*.example.com` (any subdomain), ' +
      '`127.0.0.1`, `localhost`, or `com.example.app:` for a private-use scheme.',
    entries: 'host names, IP addresses, `*.domain` patterns or `scheme:`',
  }),
  ALLOWED_SCOPES: wordList({
    doc: 'Scope values clients may register; also advertised as `scopes_supported`.',
    entries: 'scope values',
    blankSeparated: true,
  }),
  ALLOWED_GRANT_TYPES: wordList({
    doc:
      'Grant types clients may register (of those the server supports); also narrows ' +
      '`grant_types_supported` and `response_types_supported`.',
    entries: 'grant types',
  }),
  ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: wordList({
    doc:
      'Token endpoint authentication methods clients may register; also narrows ' +
      '`token_endpoint_auth_methods_supported`.',
    entries: '`none`, `client_secret_basic`, `client_secret_post`, `private_key_jwt`',
  }),
  MAX_CLIENTS: integer({
    doc: 'Most clients the server holds; a registration beyond it gets 403 `access_denied`.',
    min: 1,
    max: 2 ** 31 - 1,
  }),
  MAX_CLIENTS_PER_SOFTWARE_ID: integer({
    doc: 'Most clients with one `software_id` (403 `access_denied` beyond).',
    min: 1,
    max: 2 ** 31 - 1,
  }),
  MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN: integer({
    doc: 'Most existing clients registered with one initial access token (403 `access_denied` beyond).',
    min: 1,
    max: 2 ** 31 - 1,
  }),
  REGISTRATION_APPROVAL: oneOf(['none', 'pending', 'anonymous'], {
    doc:
      'New clients wait for an operator (`POST /admin/clients/{client_id}/approval`) before they ' +
      'can authenticate: `pending`, all; `anonymous`, those registered without an initial access token.',
    default: 'none',
  }),

  RESOURCES: resourceList({
    doc:
      'Protected resources (RFC 8707 resource indicators) tokens are issued for, e.g. ' +
      "`https://mcp.example.com/mcp`; an access token's `aud` is the requested one, and a " +
      'request without `resource` gets the first. None: the issuer is the only resource (the ' +
      '`aud` of every access token).',
  }),
  RESOURCE_SCOPES: scopeList({
    doc:
      'Scope values the resources accept. A request that asks for none of them (no `scope` at ' +
      'all, as MCP clients often send) gets all of them; other values are not granted. `openid` ' +
      'and `offline_access` are always supported.',
    default: ['mcp:tools'],
  }),
  ACCESS_TOKEN_TTL_SECONDS: integer({
    doc: 'Lifetime of access tokens (JWTs, RFC 9068).',
    min: 30,
    max: 86400,
    default: 600,
  }),
  REFRESH_TOKEN_TTL_SECONDS: integer({
    doc: 'Lifetime of refresh tokens; a rotated one gets a fresh lifetime.',
    min: 60,
    max: 31_536_000,
    default: 1_209_600,
  }),
  SIGNING_KEY_ENCRYPTION_KEY: aes256Key({
    doc:
      'Key that encrypts the private signing keys stored in the database (AES-256-GCM). Unset: a ' +
      'key file created in `DATA_DIR` (mode 0600); set it when several instances share the ' +
      'database.',
  }),
  SIGNING_KEY_OVERLAP_SECONDS: integer({
    doc:
      'After a rotation (`POST /admin/signing-keys/rotate`), how long the replaced signing keys ' +
      'stay in the JWKS, so that tokens they signed still verify; at least ' +
      '`ACCESS_TOKEN_TTL_SECONDS`.',
    min: 30,
    max: 31_536_000,
    default: 86_400,
  }),
  ...UPSTREAM_OIDC_ENV,
  IDENTITY_TEST_LOGIN_SUBJECT: subject({
    doc: 'Signs this subject in at every authorization request, without a page.',
    testOnly: true,
  }),
  IDENTITY_CONSENT_AUTO_APPROVE: flag({
    doc: 'Approves every consent request without a page.',
    default: false,
    testOnly: true,
  }),

  LOG_LEVEL: oneOf(LOG_LEVELS, {
    doc: 'Lowest level of the JSON log lines written to stdout.',
    default: 'info',
  }),
  NODE_ENV: text({
    doc: '`production` refuses every test-only variable of this table.',
  }),
} satisfies EnvDeclaration;
