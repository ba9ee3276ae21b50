import { describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, generateSecret, type JWTPayload } from 'jose';
import { OAuthError } from '../errors/oauth-error.js';
import { OutboundFetcher } from '../outbound/outbound-fetcher.js';
import { resolveDcrOptions } from '../resolved-dcr-options.js';
import { SoftwareStatementVerifier } from './software-statement-verifier.js';
import type { TrustedIssuerOptions } from './trusted-issuers.js';

const ISSUER = 'https://statements.example';

interface TestIssuer {
  sign(claims?: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  options: TrustedIssuerOptions;
}

async function testIssuer(
  alg: 'RS256' | 'ES256' | 'EdDSA',
  extra: Partial<TrustedIssuerOptions> = {},
): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(publicKey)), kid: `${alg}-1`, alg };
  return {
    sign: (claims = {}, header = {}) =>
      new SignJWT({
        software_id: 'sw-1',
        iss: ISSUER,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 300,
        ...claims,
      })
        .setProtectedHeader({ alg, kid: `${alg}-1`, ...header })
        .sign(privateKey),
    options: { issuer: ISSUER, jwks: { keys: [jwk] }, algorithms: [alg], ...extra },
  };
}

function verifier(...issuers: TrustedIssuerOptions[]): SoftwareStatementVerifier {
  const options = resolveDcrOptions({
    issuer: 'https://as.example',
    softwareStatementIssuers: issuers,
  });
  return new SoftwareStatementVerifier(options, new OutboundFetcher());
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OAuthError);
  expect((error as OAuthError).status).toBe(400);
  return (error as OAuthError).toBody();
}

describe('SoftwareStatementVerifier with a static JWK Set (RFC 7591 §2.3)', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    'verifies a %s statement and returns its claims',
    async (alg) => {
      const issuer = await testIssuer(alg);
      const statement = await issuer.sign({ client_name: 'Signed' });
      const verified = await verifier(issuer.options).verify(statement);
      expect(verified.statement).toBe(statement);
      expect(verified.issuer.issuer).toBe(ISSUER);
      expect(verified.claims).toMatchObject({
        iss: ISSUER,
        software_id: 'sw-1',
        client_name: 'Signed',
      });
    },
  );

  it('refuses a statement of an unknown issuer as unapproved', async () => {
    const issuer = await testIssuer('ES256');
    const other = await testIssuer('ES256');
    const statement = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://other.example')
      .sign((await generateKeyPair('ES256')).privateKey);
    expect(
      await refusal(verifier(issuer.options, { ...other.options, issuer: 'b' }).verify(statement)),
    ).toEqual({
      error: 'unapproved_software_statement',
      error_description:
        "software_statement: issuer 'https://other.example' is not trusted (policy trusted_software_statement_issuers)",
      policy: 'trusted_software_statement_issuers',
      field: '/software_statement',
    });
  });

  it('refuses every statement as unapproved when no issuer is trusted', async () => {
    const issuer = await testIssuer('ES256');
    expect(await refusal(verifier().verify(await issuer.sign()))).toMatchObject({
      error: 'unapproved_software_statement',
      error_description: expect.stringContaining('trusts no software statement issuer'),
    });
  });

  it('refuses a statement without iss as invalid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const statement = await new SignJWT({ software_id: 'x' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    const issuer = await testIssuer('ES256');
    expect(await refusal(verifier(issuer.options).verify(statement))).toMatchObject({
      error: 'invalid_software_statement',
    });
  });

  describe('refuses as invalid_software_statement', () => {
    it('a signature by another key', async () => {
      const issuer = await testIssuer('ES256');
      const impostor = await testIssuer('ES256');
      expect(await refusal(verifier(issuer.options).verify(await impostor.sign()))).toMatchObject({
        error: 'invalid_software_statement',
        error_description: expect.stringContaining('signature does not verify'),
        field: '/software_statement',
      });
    });

    it('an expired statement', async () => {
      const issuer = await testIssuer('ES256', { clockToleranceSeconds: 0 });
      const statement = await issuer.sign({ exp: Math.floor(Date.now() / 1000) - 60 });
      expect((await refusal(verifier(issuer.options).verify(statement))).error_description).toBe(
        'software_statement: has expired (exp)',
      );
    });

    it('a statement whose nbf is in the future, beyond the clock tolerance', async () => {
      const issuer = await testIssuer('ES256', { clockToleranceSeconds: 30 });
      const statement = await issuer.sign({ nbf: Math.floor(Date.now() / 1000) + 120 });
      expect((await refusal(verifier(issuer.options).verify(statement))).error_description).toBe(
        'software_statement: is not valid yet (nbf is in the future)',
      );
    });

    it('tolerates clock skew within the tolerance', async () => {
      const issuer = await testIssuer('ES256', { clockToleranceSeconds: 30 });
      const statement = await issuer.sign({ nbf: Math.floor(Date.now() / 1000) + 10 });
      await expect(verifier(issuer.options).verify(statement)).resolves.toBeDefined();
    });

    it('an algorithm the issuer does not use', async () => {
      const issuer = await testIssuer('ES256');
      const rsa = await generateKeyPair('RS256');
      const statement = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'ES256-1' })
        .setIssuer(ISSUER)
        .sign(rsa.privateKey);
      expect((await refusal(verifier(issuer.options).verify(statement))).error_description).toBe(
        `software_statement: is signed with an algorithm issuer '${ISSUER}' does not use`,
      );
    });

    it('an HMAC statement, even one keyed with the published key', async () => {
      const issuer = await testIssuer('ES256');
      const statement = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .sign(await generateSecret('HS256'));
      expect(await refusal(verifier(issuer.options).verify(statement))).toMatchObject({
        error: 'invalid_software_statement',
      });
    });

    it('a statement for another audience', async () => {
      const issuer = await testIssuer('ES256', { audience: 'https://as.example' });
      const wrong = await issuer.sign({ aud: 'https://other.example' });
      const right = await issuer.sign({ aud: 'https://as.example' });
      expect((await refusal(verifier(issuer.options).verify(wrong))).error_description).toBe(
        'software_statement: is not meant for this server (aud)',
      );
      await expect(verifier(issuer.options).verify(right)).resolves.toBeDefined();
    });

    it('a statement naming a key the issuer does not have', async () => {
      const issuer = await testIssuer('ES256');
      expect(
        (await refusal(verifier(issuer.options).verify(await issuer.sign({}, { kid: 'unknown' }))))
          .error_description,
      ).toBe(`software_statement: no key of issuer '${ISSUER}' matches its header (kid, alg)`);
    });
  });
});
