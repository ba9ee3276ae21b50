import { wordList } from './list-variables.js';
import type { EnvDeclaration } from './parse-env.js';
import { integer, oneOf } from './scalar-variables.js';
import { softwareStatementIssuers } from './software-statement-issuers.js';

/** The registration policy variables of `IDENTITY_ENV` (issue 9). */
export const REGISTRATION_POLICY_ENV = {
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
} satisfies EnvDeclaration;
