import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import { decryptKeyMaterial } from '../src/authorization-server/keys/key-encryption.js';
import { ExpiredRowsCleanup } from '../src/authorization-server/maintenance/expired-rows-cleanup.js';
import { AuthorizationServer } from '../src/authorization-server/provider/authorization-server.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { basic, decodeJwt, discover, register, tokenRequest } from './support/oauth-client.js';

const ADMIN_TOKEN = 'signing-keys-admin-token-0123456789abcd';
const KEK = Buffer.from(Array.from({ length: 32 }, (_, index) => 255 - index));
const ENV = { ADMIN_TOKEN, SIGNING_KEY_ENCRYPTION_KEY: KEK.toString('base64url') };

const server = useAuthorizationServerOnTestSchema();

interface KeyRow {
  kid: string;
  use: string;
  alg: string | null;
  public_jwk: JWK | null;
  encrypted_private_key: Buffer;
  retired_at: Date | null;
}

describe('signing keys', () => {
  let a: ServerUnderTest;
  let b: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let client: Record<string, string>;

  beforeAll(async () => {
    a = await server.start(ENV);
    b = await server.start({ ...ENV, ISSUER: a.issuer });
    as = await discover(a.issuer);
    client = await register(as, {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
    });
  });

  const keys = () =>
    server.schema().query<KeyRow>('SELECT * FROM identity_key ORDER BY created_at, kid');
  const jwksOf = async (at: ServerUnderTest) =>
    (await (await fetch(`${at.origin}/jwks`)).json()) as JSONWebKeySet;
  const accessToken = async (at: ServerUnderTest) => {
    const answer = await tokenRequest(
      { ...as, token_endpoint: `${at.origin}/token` },
      { grant_type: 'client_credentials' },
      { authorization: basic(client.client_id, client.client_secret) },
    );
    expect(answer.status).toBe(200);
    return answer.body.access_token as string;
  };

  it('are created at first start, one per algorithm, shared by every instance', async () => {
    const rows = await keys();
    expect(
      rows
        .filter((row) => row.use === 'sig')
        .map((row) => row.alg)
        .sort(),
    ).toEqual(['ES256', 'RS256']);
    expect(rows.filter((row) => row.use === 'cookie')).toHaveLength(1);
    const published = await jwksOf(a);
    expect(published.keys.map((key) => key.kid).sort()).toEqual(
      rows
        .filter((row) => row.use === 'sig')
        .map((row) => row.kid)
        .sort(),
    );
    expect(await jwksOf(b)).toEqual(published);
  });

  it('publish only public keys, and store the private ones encrypted with the configured key', async () => {
    for (const key of (await jwksOf(a)).keys) {
      for (const parameter of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
        expect(key).not.toHaveProperty(parameter);
    }
    for (const row of await keys()) {
      expect(row.encrypted_private_key.toString('latin1')).not.toMatch(/"d"\s*:/);
      const plaintext = decryptKeyMaterial(KEK, row.encrypted_private_key, row.kid);
      if (row.use === 'sig') {
        const jwk = JSON.parse(plaintext.toString('utf8')) as JWK;
        expect(jwk.d).toEqual(expect.any(String));
        // The private JWK is the one of the published public key.
        const publicPart = row.alg === 'RS256' ? { n: jwk.n, e: jwk.e } : { x: jwk.x, y: jwk.y };
        expect(row.public_jwk).toMatchObject({ kid: row.kid, ...publicPart });
      } else {
        expect(plaintext).toHaveLength(32);
      }
    }
  });

  it('refuse an operator rotation without the admin token', async () => {
    const response = await fetch(`${a.origin}/admin/signing-keys/rotate`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_token');
  });

  it('rotate with an overlap: new keys sign, the replaced ones still verify, on every instance', async () => {
    const before = await accessToken(a);
    const oldKid = decodeJwt(before).header.kid;

    const response = await fetch(`${a.origin}/admin/signing-keys/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const rotation = (await response.json()) as {
      activated: { kid: string; alg: string }[];
      retired: string[];
      retired_keys_expire_at: string;
    };
    expect(rotation.activated.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
    expect(rotation.retired).toContain(oldKid);
    const overlapMs = Date.parse(rotation.retired_keys_expire_at) - Date.now();
    expect(overlapMs).toBeGreaterThan(86_000_000);

    // The instance that rotated signs with the new key at once; the JWKS has both.
    const after = await accessToken(a);
    const newKid = rotation.activated.find((key) => key.alg === 'ES256')?.kid;
    expect(decodeJwt(after).header.kid).toBe(newKid);
    const jwks = createLocalJWKSet(await jwksOf(a));
    await expect(jwtVerify(before, jwks, { issuer: a.issuer })).resolves.toBeDefined();
    await expect(jwtVerify(after, jwks, { issuer: a.issuer })).resolves.toBeDefined();

    // The other instance picks the rotation up at its next check (every 30 s).
    await b.identity.app.get(AuthorizationServer).reloadKeysIfChanged();
    expect(decodeJwt(await accessToken(b)).header.kid).toBe(newKid);
    expect(await jwksOf(b)).toEqual(await jwksOf(a));
  });

  it('drop a replaced key from the JWKS once its overlap window has ended', async () => {
    const retired = (await keys()).filter((row) => row.use === 'sig' && row.retired_at !== null);
    expect(retired.length).toBeGreaterThan(0);
    await server
      .schema()
      .query(
        `UPDATE identity_key SET expires_at = now() - interval '1 second' WHERE retired_at IS NOT NULL`,
      );
    await a.identity.app.get(ExpiredRowsCleanup).runOnce();
    await a.identity.app.get(AuthorizationServer).reloadKeysIfChanged();
    const published = (await jwksOf(a)).keys.map((key) => key.kid);
    for (const row of retired) expect(published).not.toContain(row.kid);
    expect(published).toHaveLength(2);
  });

  it('cannot be read by an instance with another key-encryption key: it does not start', async () => {
    await expect(
      server.start({
        ...ENV,
        SIGNING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64url'),
      }),
    ).rejects.toThrow(/does not decrypt with this key-encryption key/);
  });
});
