/**
 * JWS algorithms (RFC 7518 §3.1, RFC 8037 §3.1 EdDSA, RFC 8812 §3.2 ES256K, RFC 9864 Ed25519 and
 * Ed448) that are signed with a key pair. A client registers its public keys, so these are the
 * ones a client and this server can both use.
 */
export const ASYMMETRIC_JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'ES256K',
  'EdDSA',
  'Ed25519',
  'Ed448',
] as const;

/**
 * The asymmetric JWS algorithms this module verifies signatures of, with `jose`: the one list for
 * `private_key_jwt` client assertions (RFC 7523), software statements (RFC 7591 §2.3) and, in a
 * resource server, access tokens (RFC 9068 §4). `ES256K` and `Ed448` can be registered (a client
 * may use them elsewhere) but are not verified here. Never `none` (nothing is signed) nor HS* (a
 * MAC keyed with a public key could be forged by anyone who read the key).
 */
export const VERIFIED_JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'Ed25519',
  'EdDSA',
] as const satisfies readonly (typeof ASYMMETRIC_JWS_ALGORITHMS)[number][];

/**
 * JWE key management algorithms (RFC 7518 §4.1) with a key pair: the sender encrypts to the
 * recipient's public key. `RSA1_5` is left out: it is open to padding-oracle attacks (RFC 7518
 * §4.2 lists it as "Recommended-" and RFC 8725 §3.2 advises against it).
 */
export const ASYMMETRIC_JWE_ALGORITHMS = [
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
] as const;

/** JWE content encryption algorithms (RFC 7518 §5.1). */
export const JWE_ENCRYPTION_ALGORITHMS = [
  'A128CBC-HS256',
  'A192CBC-HS384',
  'A256CBC-HS512',
  'A128GCM',
  'A192GCM',
  'A256GCM',
] as const;

// OpenID Connect Core 1.0 §10.1 and §10.2: symmetric signatures (HS*) and symmetric key wrapping
// (A*KW, A*GCMKW, dir, PBES2) between a client and the server are keyed with the client secret,
// or a key derived from it. This server stores only a SHA-256 digest of the secret (a digest
// cannot be turned back into the key), so it could neither verify nor produce such a JWT: a
// client registering one would fail at its first request instead of here.
const SECRET_KEYED_JWS = ['HS256', 'HS384', 'HS512'];
const SECRET_KEYED_JWE = [
  'A128KW',
  'A192KW',
  'A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'dir',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
];

/** Which registry a metadata value is drawn from. */
export type JoseAlgorithmKind = 'jws' | 'jwe-alg' | 'jwe-enc';

/**
 * Why `value` cannot be registered as an algorithm of `kind`, or `undefined` when it can.
 * `allowNone` admits the unsecured `none` (RFC 7518 §3.6) where OpenID Connect allows it.
 */
export function describeAlgorithmProblem(
  kind: JoseAlgorithmKind,
  value: string,
  allowNone: boolean,
): string | undefined {
  if (kind === 'jws') {
    if (value === 'none') {
      return allowNone ? undefined : '"none" is an unsigned JWT, which proves nothing';
    }
    if (SECRET_KEYED_JWS.includes(value)) return secretKeyed(value);
    return accepted(value, ASYMMETRIC_JWS_ALGORITHMS, 'a JWS algorithm');
  }
  if (kind === 'jwe-alg') {
    if (SECRET_KEYED_JWE.includes(value)) return secretKeyed(value);
    return accepted(value, ASYMMETRIC_JWE_ALGORITHMS, 'a JWE key management algorithm');
  }
  return accepted(value, JWE_ENCRYPTION_ALGORITHMS, 'a JWE content encryption algorithm');
}

function secretKeyed(value: string): string {
  return (
    `"${value}" is keyed with the client secret (OpenID Connect Core 1.0 §10), ` +
    'which this server keeps only as a digest; use a public-key algorithm'
  );
}

function accepted(value: string, list: readonly string[], what: string): string | undefined {
  return list.includes(value)
    ? undefined
    : `"${value}" is not ${what} this server accepts (accepted: ${list.join(', ')})`;
}
