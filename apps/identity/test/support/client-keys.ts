import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** A `private_key_jwt` client's key pair: the private key to sign with, the public JWK to register. */
export interface ClientKeyPair {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly kid: string;
}

/** A fresh key pair for `alg` (RS256/PS256 keys are 2048-bit RSA). */
export async function clientKeyPair(alg: string, kid = `key-${alg}`): Promise<ClientKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, kid };
}
