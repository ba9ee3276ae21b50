import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientAuthenticationService } from '../src/index.js';
import {
  assertionBody,
  assertionClaims,
  sign,
  signingKey,
  type SigningKey,
} from './support/client-assertions.js';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';
import {
  expectInvalidClient,
  registerKeyClient,
  type RegisteredTestClient,
} from './support/private-key-jwt-clients.js';
import { sleep } from './support/sleep.js';

// RFC 7523 §3 item 7: the server may accept each jti once. Two app instances share one schema,
// as instances behind a load balancer share one database.
let first: DcrTestApp;
let second: DcrTestApp;
let key: SigningKey;
let client: RegisteredTestClient;

beforeAll(async () => {
  first = await createDcrTestApp();
  second = await createDcrTestApp({ schema: first.schema });
  key = await signingKey('ES256');
  client = await registerKeyClient(first, { jwks: { keys: [key.publicJwk] } });
}, 30_000);

afterAll(async () => {
  await second?.close();
  await first?.close();
});

const authOf = (t: DcrTestApp) => t.app.get(ClientAuthenticationService);
const assertion = (overrides: Record<string, unknown> = {}) =>
  sign(key, assertionClaims(client.client_id, TEST_ISSUER, overrides));

async function jtiRows(): Promise<{ client_id: string; jti_digest: Buffer; expires_at: Date }[]> {
  return first.schema.query(
    'SELECT client_id, jti_digest, expires_at FROM dcr_client_assertion_jti',
  );
}

describe('private_key_jwt: each assertion is accepted once', () => {
  it('refuses a replay on the same instance', async () => {
    const once = await assertion();
    await authOf(first).authenticate({ body: assertionBody(once) });
    await expectInvalidClient(authOf(first).authenticate({ body: assertionBody(once) }));
  });

  it('refuses a replay on another instance', async () => {
    const once = await assertion();
    await authOf(first).authenticate({ body: assertionBody(once) });
    await expectInvalidClient(authOf(second).authenticate({ body: assertionBody(once) }));
  });

  it('accepts exactly one of the same assertion sent to both instances at once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const once = await assertion();
      const outcomes = await Promise.allSettled([
        authOf(first).authenticate({ body: assertionBody(once) }),
        authOf(second).authenticate({ body: assertionBody(once) }),
        authOf(first).authenticate({ body: assertionBody(once) }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toMatchObject({ error: 'invalid_client', status: 401 });
        }
      }
    }
  });

  it('refuses an assertion without jti rather than letting it be replayed', async () => {
    const noJti = await assertion({ jti: undefined });
    await expectInvalidClient(authOf(first).authenticate({ body: assertionBody(noJti) }));
  });

  it('keeps a jti per client: another client may use the same value', async () => {
    const otherKey = await signingKey('ES256');
    const other = await registerKeyClient(first, { jwks: { keys: [otherKey.publicJwk] } });
    const jti = `shared-${Date.now()}`;
    await authOf(first).authenticate({ body: assertionBody(await assertion({ jti })) });
    const theirs = await sign(otherKey, assertionClaims(other.client_id, TEST_ISSUER, { jti }));
    expect((await authOf(first).authenticate({ body: assertionBody(theirs) })).clientId).toBe(
      other.client_id,
    );
  });

  it('stores only a digest of the jti, until exp plus the tolerance', async () => {
    const jti = `stored-${Date.now()}-${Math.random()}`;
    const exp = Math.floor(Date.now() / 1000) + 90;
    await authOf(first).authenticate({ body: assertionBody(await assertion({ jti, exp })) });
    const digest = createHash('sha256').update(jti).digest();
    const rows = await jtiRows();
    const row = rows.find((candidate) => candidate.jti_digest.equals(digest));
    expect(row).toEqual({
      client_id: client.client_id,
      jti_digest: digest,
      expires_at: new Date((exp + 30) * 1000),
    });
    const dump = JSON.stringify(await first.schema.query('SELECT * FROM dcr_client_assertion_jti'));
    expect(dump).not.toContain(jti);
  });

  it('does not store the jti of an assertion it refused', async () => {
    const jti = `refused-${Date.now()}`;
    const stranger = await signingKey('ES256', { kid: key.kid });
    const forged = await sign(stranger, assertionClaims(client.client_id, TEST_ISSUER, { jti }));
    await expectInvalidClient(authOf(first).authenticate({ body: assertionBody(forged) }));
    const digest = createHash('sha256').update(jti).digest();
    expect((await jtiRows()).some((row) => row.jti_digest.equals(digest))).toBe(false);
    // So the client itself can still use that jti.
    await authOf(first).authenticate({ body: assertionBody(await assertion({ jti })) });
  });
});

describe('private_key_jwt: expired jti rows are deleted', () => {
  it('by an instance that accepts an assertion, at most once a minute', async () => {
    // No clock tolerance, so that rows expire with their assertions.
    const strict = await createDcrTestApp({
      schema: first.schema,
      dcr: { clientAssertions: { clockToleranceSeconds: 0 } },
    });
    try {
      const shortLived = await assertion({ exp: Math.floor(Date.now() / 1000) + 2 });
      await authOf(strict).authenticate({ body: assertionBody(shortLived) });
      const expiring = (await jtiRows()).filter(
        (row) => row.expires_at.getTime() < Date.now() + 3000,
      );
      expect(expiring.length).toBeGreaterThan(0);
      await sleep(3100);

      // strict already cleaned up on its first claim: it will not for a minute.
      await authOf(strict).authenticate({ body: assertionBody(await assertion()) });
      expect(
        (await jtiRows()).filter((row) => row.expires_at.getTime() < Date.now()).length,
      ).toBeGreaterThan(0);

      // A fresh instance cleans up on its first accepted assertion.
      const fresh = await createDcrTestApp({ schema: first.schema });
      try {
        const kept = await assertion();
        await authOf(fresh).authenticate({ body: assertionBody(kept) });
        const rows = await jtiRows();
        expect(rows.filter((row) => row.expires_at.getTime() < Date.now())).toEqual([]);
        expect(rows.length).toBeGreaterThan(0);
        // The live rows are kept: a replay is still refused.
        await expectInvalidClient(authOf(first).authenticate({ body: assertionBody(kept) }));
      } finally {
        await fresh.close();
      }
    } finally {
      await strict.close();
    }
  }, 30_000);
});
