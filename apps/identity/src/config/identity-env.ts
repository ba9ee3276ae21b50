import { LOG_LEVELS } from '../logging/json-logger.js';
import type { EnvDeclaration } from './parse-env.js';
import { addressList, rateLimit } from './rate-limit-variables.js';
import { flag, integer, oneOf, text } from './scalar-variables.js';
import { endpointUrl, issuerUrl, postgresUrl, postgresUrlList } from './url-variables.js';
import { subject } from './authorization-server-variables.js';
import { UPSTREAM_OIDC_ENV } from './upstream-oidc-variables.js';
import { AUTHORIZATION_SERVER_ENV } from './authorization-server-env.js';
import { CIMD_ENV } from './cimd-variables.js';
import { REGISTRATION_POLICY_ENV } from './registration-policy-variables.js';

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
 * `loadIdentityConfig`, then run `npm run docs:config`. Topics with many variables are declared in
 * files of their own (`CIMD_ENV`, `REGISTRATION_POLICY_ENV`, `AUTHORIZATION_SERVER_ENV`,
 * `UPSTREAM_OIDC_ENV`) and spread here, in the order of the README's table.
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

  ...CIMD_ENV,

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

  ...REGISTRATION_POLICY_ENV,
  ...AUTHORIZATION_SERVER_ENV,
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
