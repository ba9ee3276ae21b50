import { LOG_LEVELS } from '../logging/json-logger.js';
import type { EnvDeclaration } from './parse-env.js';
import { flag, integer, oneOf, text } from './scalar-variables.js';
import { endpointUrl, issuerUrl, postgresUrl, postgresUrlList } from './url-variables.js';
import { aes256Key, resourceList, scopeList, subject } from './authorization-server-variables.js';

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
