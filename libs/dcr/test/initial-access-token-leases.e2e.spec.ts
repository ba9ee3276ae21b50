import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TokenUseLeases, USE_LEASE_HOLD_MS } from '../src/initial-access/token-use-leases.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  ADMIN_TOKEN,
  mintToken,
  registerWith,
  remainingUses,
} from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

// A token with many uses is counted in leases (TokenUseLeases): an instance takes up to 16 uses
// from the row at once, and gives back what it did not use. Two instances on one schema.
describe('initial access token uses taken in leases', () => {
  const options = {
    adminPath: 'admin',
    dcr: { adminToken: ADMIN_TOKEN, registration: { mode: 'protected' as const } },
  };
  let first: DcrTestApp;
  let second: DcrTestApp;

  beforeAll(async () => {
    first = await createDcrTestApp(options);
    second = await createDcrTestApp({ ...options, schema: first.schema });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  async function storedWith(tokenId: string): Promise<number> {
    const rows = await first.schema.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dcr_client WHERE initial_access_token_id = $1',
      [tokenId],
    );
    return Number(rows[0]?.n);
  }

  async function untilRemaining(tokenId: string, expected: number): Promise<void> {
    const deadline = Date.now() + USE_LEASE_HOLD_MS * 5;
    while ((await remainingUses(first, tokenId)) !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await remainingUses(first, tokenId)).toBe(expected);
  }

  it('takes 16 uses from a big token at once, and gives back the 15 it did not use', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 2000 });
    await registerWith(first.server, publicClient, minted.token).expect(201);
    expect(await remainingUses(first, minted.id)).toBe(2000 - 16);
    await untilRemaining(minted.id, 1999);
  });

  it('takes one lease at a time per token: 16 parallel registrations share one lease', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 5000 });
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => registerWith(first.server, publicClient, minted.token)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(16).fill(201));
    // 16 leases taken side by side would have left 5000 - 256 in the row until given back.
    expect(await remainingUses(first, minted.id)).toBe(5000 - 16);
    expect(await storedWith(minted.id)).toBe(16);
  });

  it('counts a token with few uses left one by one in its row', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 127 });
    await registerWith(first.server, publicClient, minted.token).expect(201);
    expect(await remainingUses(first, minted.id)).toBe(126);
  });

  it('never registers more clients than the token allows, and every use not taken goes back', async () => {
    const maxUses = 200;
    const minted = await mintToken(first, { expires_in: 3600, max_uses: maxUses });
    const responses = await Promise.all(
      Array.from({ length: 260 }, (_, index) =>
        registerWith((index % 2 === 0 ? first : second).server, publicClient, minted.token),
      ),
    );
    const created = responses.filter((response) => response.status === 201).length;
    expect(responses.every((response) => [201, 401].includes(response.status))).toBe(true);
    expect(created).toBeLessThanOrEqual(maxUses);
    expect(await storedWith(minted.id)).toBe(created);
    // Once the instances have given back what they held, uses left + clients stored = max_uses.
    await untilRemaining(minted.id, maxUses - created);
  });

  it('stores nothing with a token revoked elsewhere while this instance holds its uses', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 2000 });
    await registerWith(first.server, publicClient, minted.token).expect(201);
    await first.schema.query(
      'UPDATE dcr_initial_access_token SET revoked_at = now() WHERE id = $1',
      [minted.id],
    );
    const refused = await registerWith(first.server, publicClient, minted.token).expect(401);
    expect(refused.body.error).toBe('invalid_token');
    expect(await storedWith(minted.id)).toBe(1);
    // The uses held go back to the revoked row: the listing shows what was never used.
    await untilRemaining(minted.id, 1999);
  });

  it('answers a dry run by the uses this instance holds when the row has none left', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 1024 });
    await registerWith(first.server, publicClient, minted.token).expect(201);
    // The rest used up by other instances: the row has none left, the first instance holds 15.
    await first.schema.query(
      'UPDATE dcr_initial_access_token SET remaining_uses = 0 WHERE id = $1',
      [minted.id],
    );
    await registerWith(first.server, publicClient, minted.token, '?dry_run=true').expect(200);
    const elsewhere = await registerWith(
      second.server,
      publicClient,
      minted.token,
      '?dry_run=true',
    );
    expect(elsewhere.status).toBe(401);
    await registerWith(first.server, publicClient, minted.token).expect(201);
    await registerWith(second.server, publicClient, minted.token).expect(401);
    await untilRemaining(minted.id, 14);
  });

  it('gives the uses it holds back when the app closes', async () => {
    const third = await createDcrTestApp({ ...options, schema: first.schema });
    const minted = await mintToken(third, { expires_in: 3600, max_uses: 5000 });
    await registerWith(third.server, publicClient, minted.token).expect(201);
    expect(await remainingUses(first, minted.id)).toBe(5000 - 16);
    await third.close();
    expect(await remainingUses(first, minted.id)).toBe(4999);
    const listed = await request(first.server)
      .get('/admin/initial-access-tokens')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    const token = (listed.body as { id: string; remaining_uses: number }[]).find(
      (candidate) => candidate.id === minted.id,
    );
    expect(token?.remaining_uses).toBe(4999);
  });

  it('returns a lease that was being taken when the app closes, and holds nothing after', async () => {
    const fourth = await createDcrTestApp({ ...options, schema: first.schema });
    const minted = await mintToken(fourth, { expires_in: 3600, max_uses: 5000 });
    const leases = fourth.app.get(TokenUseLeases);
    // The take's lease is in flight when the module is destroyed: its 15 spare uses go back.
    const [taken] = await Promise.all([leases.take(minted.id), leases.onModuleDestroy()]);
    expect(taken).toBe(true);
    expect(await remainingUses(first, minted.id)).toBe(4999);
    // A registration served while the app closes takes one use and holds none.
    expect(await leases.take(minted.id)).toBe(true);
    expect(await remainingUses(first, minted.id)).toBe(4998);
    expect(leases.holds(minted.id)).toBe(false);
    await fourth.close();
    expect(await remainingUses(first, minted.id)).toBe(4998);
  });
});
