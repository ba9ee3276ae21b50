import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { JWT_BEARER_CLIENT_ASSERTION_TYPE } from '../../src/index.js';
import { startHttpFixture, type FixtureServer } from './outbound-fixtures.js';

/** A key pair made in the test, and the public JWK a client registers for it. */
export interface SigningKey {
  readonly alg: string;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** Generates a key pair for `alg` (RSA keys of `modulusLength` bits, default 2048). */
export async function signingKey(
  alg: string,
  { kid = `${alg}-${randomUUID()}`, modulusLength = 2048 } = {},
): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg.startsWith('RS') || alg.startsWith('PS') ? { modulusLength } : {}),
  });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { alg, kid, privateKey, publicKey, publicJwk };
}

/** The public key as SPKI PEM bytes: what an attacker would try as an HMAC key. */
export async function publicKeyBytes(key: SigningKey): Promise<Uint8Array> {
  return new TextEncoder().encode(await exportSPKI(key.publicKey));
}

/**
 * Claims of a valid assertion of `clientId` for `audience` (RFC 7523 §3): iss and sub the client,
 * exp a minute ahead, a fresh jti. `overrides` replace them; an `undefined` value removes a claim.
 */
export function assertionClaims(
  clientId: string,
  audience: string | string[],
  overrides: Record<string, unknown> = {},
): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: audience,
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) delete claims[name];
  }
  return claims;
}

/** Signs `claims` with `key` (its alg and kid in the header, unless `header` says otherwise). */
export function sign(
  key: SigningKey,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

/** An HS256 JWT over `claims`, keyed with `secret`. */
export function hmacJwt(claims: JWTPayload, secret: Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(secret);
}

/** An unsecured JWT (`alg: none`, RFC 7519 §6) over `claims`, with an empty signature. */
export function unsecuredJwt(claims: JWTPayload, kid?: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', kid })}.${part(claims)}.`;
}

/** The body of a token request authenticated by `assertion` (RFC 7521 §4.2). */
export function assertionBody(
  assertion: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: JWT_BEARER_CLIENT_ASSERTION_TYPE,
    client_assertion: assertion,
    ...extra,
  };
}

/** What a JWKS fixture answers; a test changes it between requests. */
export interface JwksAnswer {
  status: number;
  /** A JWK Set (serialized as JSON), or a raw body. */
  body: { keys: JWK[] } | string;
  cacheControl?: string;
}

/** A loopback http server publishing key sets at `/<name>`, for `jwks_uri` tests. */
export interface JwksFixture extends FixtureServer {
  /** The `jwks_uri` of `name`. */
  url(name: string): string;
  /** Sets what `/<name>` answers. */
  serve(name: string, answer: Partial<JwksAnswer> & Pick<JwksAnswer, 'body'>): void;
  /** How many requests `/<name>` received. */
  requestsFor(name: string): number;
}

/** Starts a {@link JwksFixture}; unknown names answer 404. */
export async function startJwksFixture(): Promise<JwksFixture> {
  const answers = new Map<string, JwksAnswer>();
  const counts = new Map<string, number>();
  const respond = (name: string, response: ServerResponse) => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const answer = answers.get(name) ?? { status: 404, body: '{}' };
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(answer.cacheControl ? { 'cache-control': answer.cacheControl } : {}),
    });
    response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  };
  const server = await startHttpFixture((request, response) =>
    respond(decodeURIComponent((request.url ?? '/').slice(1)), response),
  );
  return Object.assign(server, {
    url: (name: string) => `http://127.0.0.1:${server.port}/${encodeURIComponent(name)}`,
    serve: (name: string, answer: Partial<JwksAnswer> & Pick<JwksAnswer, 'body'>) => {
      answers.set(name, { status: 200, cacheControl: 'max-age=300', ...answer });
    },
    requestsFor: (name: string) => counts.get(name) ?? 0,
  });
}
