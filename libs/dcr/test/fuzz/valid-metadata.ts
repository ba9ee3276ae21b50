import fc from 'fast-check';
import { CLIENT_ID_PLACEHOLDER, CLIENT_SECRET_PLACEHOLDER } from './json-text.js';
import { LOCALIZABLE_FIELDS, VALID_LANGUAGE_TAGS } from './hostile-values.js';

/** The endpoint a body is for: POST /register, or PUT /register/{client_id}. */
export type Endpoint = 'register' | 'update';

/**
 * Valid metadata as real clients send it: what the server must accept (RFC 7591 §2 and the module's
 * default policy: grant types `authorization_code`, `refresh_token`, `client_credentials`; methods
 * `none`, `client_secret_basic`, `client_secret_post`, `private_key_jwt`; any scope).
 *
 * `metadata` holds the fields the response must echo; `extra` holds what the server must accept and
 * not echo: unknown keys, `null` (an omitted field), and, for updates, the `client_id` and now and
 * then the current `client_secret` (as placeholders).
 */
export function validMetadata(endpoint: Endpoint): fc.Arbitrary<{
  metadata: Record<string, unknown>;
  extra: Record<string, unknown>;
}> {
  return fc
    .record({
      grants: fc.constantFrom(...GRANT_PROFILES),
      method: fc.constantFrom(
        undefined,
        'none',
        'client_secret_basic',
        'client_secret_post',
        'private_key_jwt',
      ),
      keys: fc.oneof(
        fc.constant(undefined),
        fc.record({ jwks: jwks() }),
        fc.record({ jwks_uri: httpsUrl() }),
      ),
      emptyResponseTypes: fc.boolean(),
      explicitResponseTypes: fc.boolean(),
      redirectUris: fc.array(redirectUri(), { minLength: 1, maxLength: 3 }),
      optional: optionalMetadata(),
      tagged: fc.uniqueArray(taggedField(), { maxLength: 3, selector: ([key]) => key }),
      extra: extraFields(endpoint),
    })
    .map(({ grants, method, keys, redirectUris, optional, tagged, extra, ...choices }) => {
      const metadata: Record<string, unknown> = { ...optional, ...Object.fromEntries(tagged) };
      if (grants.grant_types) metadata.grant_types = grants.grant_types;
      if (grants.redirect) {
        metadata.redirect_uris = redirectUris;
        if (choices.explicitResponseTypes) metadata.response_types = ['code'];
      } else if (choices.emptyResponseTypes) {
        metadata.response_types = [];
      }
      // RFC 6749 §4.4: client_credentials only for confidential clients; private_key_jwt needs keys.
      const chosen = method === 'none' && grants.confidentialOnly ? undefined : method;
      if (chosen) metadata.token_endpoint_auth_method = chosen;
      if (keys || chosen === 'private_key_jwt')
        Object.assign(metadata, keys ?? { jwks_uri: 'https://keys.example/jwks.json' });
      // fast-check builds records without a prototype; the server's objects have one.
      return { metadata: plainCopy(metadata), extra: plainCopy(extra) };
    });
}

/** Grant type combinations, with whether they need redirect URIs and a confidential client. */
const GRANT_PROFILES = [
  { grant_types: undefined, redirect: true, confidentialOnly: false },
  { grant_types: ['authorization_code'], redirect: true, confidentialOnly: false },
  { grant_types: ['authorization_code', 'refresh_token'], redirect: true, confidentialOnly: false },
  { grant_types: ['client_credentials'], redirect: false, confidentialOnly: true },
  { grant_types: ['client_credentials', 'refresh_token'], redirect: false, confidentialOnly: true },
  { grant_types: ['refresh_token'], redirect: false, confidentialOnly: false },
];

const b64url = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    minLength: length,
    maxLength: length,
  });

/** A JWK Set of public keys (RFC 7517 §5): EC, RSA or OKP, never private members. */
function jwks() {
  const ec = fc.record({
    kty: fc.constant('EC'),
    crv: fc.constant('P-256'),
    x: b64url(43),
    y: b64url(43),
    use: fc.constant('sig'),
    kid: fc.uuid(),
  });
  const rsa = fc.record({ kty: fc.constant('RSA'), n: b64url(342), e: fc.constant('AQAB') });
  const okp = fc.record({ kty: fc.constant('OKP'), crv: fc.constant('Ed25519'), x: b64url(43) });
  return fc.record({ keys: fc.array(fc.oneof(ec, rsa, okp), { minLength: 1, maxLength: 3 }) });
}

function httpsUrl() {
  return fc
    .webUrl({ validSchemes: ['https'], withQueryParameters: true })
    .filter((url) => url.length <= 2048);
}

/**
 * https, http on a loopback host (RFC 8252 §7.3), or a private-use scheme (RFC 8252 §7.1), written
 * as a URL parser writes it: generated paths may hold dot segments (`/a/../b`) and ports the
 * default one, which the server refuses as not canonical, so those are filtered out by comparing
 * with the WHATWG serialization (the query is left as written).
 */
function redirectUri() {
  return canonicalRedirectUri().filter((uri) => new URL(uri).href.startsWith(uri.split('?')[0]));
}

function canonicalRedirectUri() {
  const path = fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`));
  return fc.oneof(
    httpsUrl(),
    fc
      .tuple(
        fc.constantFrom('127.0.0.1', 'localhost', '[::1]'),
        fc.option(fc.integer({ min: 1, max: 65535 })),
        path,
      )
      .map(([host, port, p]) => `http://${host}${port === null ? '' : `:${port}`}${p}`),
    fc
      .tuple(fc.domain(), path)
      // RFC 8252 §7.1: `com.example.app:/path`, one slash (`scheme://` would start an authority).
      .map(([domain, p]) => `${domain.split('.').reverse().join('.')}:/${p.replace(/^\/+/, '')}`),
  );
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,16}$/;

/** The human-readable and descriptive fields, each present or not. */
function optionalMetadata() {
  const webUrl = fc
    .webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true })
    .filter((url) => url.length <= 2048);
  return fc.record(
    {
      client_name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      client_uri: webUrl,
      logo_uri: webUrl,
      tos_uri: webUrl,
      policy_uri: webUrl,
      scope: fc
        .array(fc.stringMatching(SCOPE_TOKEN), { minLength: 1, maxLength: 4 })
        .map((tokens) => tokens.join(' ')),
      contacts: fc.array(
        fc.emailAddress().filter((email) => email.length <= 512),
        { maxLength: 3 },
      ),
      software_id: fc.uuid(),
      software_version: fc
        .tuple(fc.nat(99), fc.nat(99), fc.nat(99))
        .map((parts) => parts.join('.')),
      // OpenID Connect Registration 1.0 §2 members that depend on no other member.
      application_type: fc.constantFrom('web', 'native'),
      subject_type: fc.constant('public'),
      id_token_signed_response_alg: fc.constantFrom('RS256', 'ES256', 'EdDSA', 'PS384', 'none'),
      userinfo_signed_response_alg: fc.constantFrom('RS256', 'ES384'),
      request_object_encryption_alg: fc.constantFrom('RSA-OAEP-256', 'ECDH-ES'),
      token_endpoint_auth_signing_alg: fc.constantFrom('RS256', 'ES256', 'Ed25519'),
      default_max_age: fc.nat(),
      require_auth_time: fc.boolean(),
      default_acr_values: fc.array(fc.constantFrom('phr', 'urn:mace:incommon:iap:silver'), {
        maxLength: 2,
      }),
      initiate_login_uri: httpsUrl(),
      request_uris: fc.array(httpsUrl(), { maxLength: 2 }),
      post_logout_redirect_uris: fc.array(redirectUri(), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
}

/** A language-tagged variant (RFC 7591 §2.2) with a value of its field's type. */
function taggedField(): fc.Arbitrary<[string, string]> {
  return fc
    .tuple(fc.constantFrom(...LOCALIZABLE_FIELDS), fc.constantFrom(...VALID_LANGUAGE_TAGS))
    .chain(([field, tag]) =>
      (field === 'client_name'
        ? fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
        : fc.webUrl({ validSchemes: ['https'] })
      ).map((value): [string, string] => [`${field}#${tag}`, value]),
    );
}

/** Keys the server must accept without echoing them. */
function extraFields(endpoint: Endpoint) {
  const common = {
    client_uri: fc.constant(null),
    software_statement: fc.constant(null),
    'x-vendor-extension': fc.jsonValue({ maxDepth: 2 }),
    'scope#fr': fc.constant('read'),
  };
  if (endpoint === 'update') {
    return fc
      .tuple(fc.record(common, { requiredKeys: [] }), fc.nat({ max: 3 }))
      .map(([extra, n]) => ({
        ...extra,
        client_id: CLIENT_ID_PLACEHOLDER,
        ...(n === 0 ? { client_secret: CLIENT_SECRET_PLACEHOLDER } : {}),
      }));
  }
  // RFC 7591 §2: values only the server sets are unknown metadata in a registration request.
  return fc.record(
    {
      ...common,
      client_id: fc.string(),
      client_secret: fc.string(),
      client_id_issued_at: fc.integer(),
      registration_access_token: fc.string(),
    },
    { requiredKeys: [] },
  );
}

function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
