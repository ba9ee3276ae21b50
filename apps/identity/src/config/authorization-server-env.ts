import { aes256Key, resourceList, scopeList } from './authorization-server-variables.js';
import type { EnvDeclaration } from './parse-env.js';
import { integer } from './scalar-variables.js';

/** The authorization server variables of `IDENTITY_ENV` (issue 10): resources, tokens, keys. */
export const AUTHORIZATION_SERVER_ENV = {
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
} satisfies EnvDeclaration;
