import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
} from 'jose';

/** A signing key of the test authorization server, or of an outsider. */
export interface TestSigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** What a minted token may change: claims (`undefined` drops one), header, and key. */
export interface MintOptions {
  readonly audience?: string | readonly string[] | undefined;
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly header?: Readonly<Record<string, unknown>>;
  /** The key to sign with: one of the published keys (the default: the RSA one), or another. */
  readonly key?: TestSigningKey;
}

/** Generates a key pair, its public JWK carrying `kid`, `alg` and `use`. */
export async function generateSigningKey(
  kid: string,
  alg: TestSigningKey['alg'],
): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/** Drops the members whose value is `undefined`, so an override can remove a claim. */
function defined(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * An RFC 9068 access token as apps/identity (node-oidc-provider) issues them: `typ` `at+jwt`,
 * `iss`, `aud`, `sub`, `client_id`, `scope`, `iat`, `exp` (5 minutes) and `jti`.
 */
export async function mintAccessToken(
  issuer: string,
  key: TestSigningKey,
  options: MintOptions = {},
): Promise<string> {
  const signingKey = options.key ?? key;
  const now = Math.floor(Date.now() / 1000);
  const payload = defined({
    iss: issuer,
    aud: options.audience,
    sub: 'alice',
    client_id: 'test-client',
    scope: 'mcp:tools',
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...options.claims,
  });
  const header = defined({
    alg: signingKey.alg,
    kid: signingKey.kid,
    typ: 'at+jwt',
    ...options.header,
  }) as JWTHeaderParameters;
  return new SignJWT(payload).setProtectedHeader(header).sign(signingKey.privateKey);
}

/** A JWT with the given header and payload and no (or any) signature: nothing verifies it. */
export function unsignedJwt(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  signature = '',
): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}
