import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/** A software statement issuer made up by a test: its keys are generated in the test. */
export interface TestStatementIssuer {
  readonly issuer: string;
  readonly alg: string;
  /** The public keys, as the issuer publishes them. */
  readonly jwks: { keys: JWK[] };
  /** Signs a statement with the current key (`iss`, `iat` and a 5 minute `exp` unless given). */
  sign(claims?: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  /** Replaces the key by a new one with a new `kid`; the published set holds only the new one. */
  rotate(): Promise<void>;
}

/** An issuer signing with `alg` (RS256, ES256, EdDSA, ...). */
export async function statementIssuer(issuer: string, alg: string): Promise<TestStatementIssuer> {
  let generation = 0;
  let privateKey: CryptoKey;
  const jwks: { keys: JWK[] } = { keys: [] };
  const newKey = async () => {
    generation += 1;
    const pair = await generateKeyPair(alg);
    privateKey = pair.privateKey;
    jwks.keys = [
      { ...(await exportJWK(pair.publicKey)), kid: `${alg}-${generation}`, alg, use: 'sig' },
    ];
  };
  await newKey();
  return {
    issuer,
    alg,
    jwks,
    sign: (claims = {}, header = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg, kid: `${alg}-${generation}`, ...header })
        .sign(privateKey);
    },
    rotate: newKey,
  };
}
