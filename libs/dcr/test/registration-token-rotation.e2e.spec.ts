import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DcrEvents, type DcrEvent } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

// RFC 7592 §2.2 rotation, with the reuse detection of RFC 9700 §4.14.2 applied to registration
// access tokens: once the new token T2 has been used, the replaced T1 is dead and its use is a
// reuse signal; while T2 was never used, T1 may recover the client within the grace window.
const GRACE_SECONDS = 2;
const ADMIN_TOKEN = 'admin-token-for-rotation-tests-0123456789';

const body = {
  client_name: 'Rotating',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_post',
};

interface Registered {
  client_id: string;
  registration_access_token: string;
  registration_client_uri: string;
}

function rotationSuite(t: () => DcrTestApp) {
  const register = async () =>
    (await request(t().server).post('/register').send(body).expect(201)).body as Registered;
  const path = (client: Registered) => new URL(client.registration_client_uri).pathname;
  const put = (client: Registered, token: string) =>
    request(t().server)
      .put(path(client))
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, client_id: client.client_id });
  const get = (client: Registered, token: string) =>
    request(t().server).get(path(client)).set('Authorization', `Bearer ${token}`);
  const tokenOf = (response: request.Response) =>
    (response.body as Registered).registration_access_token;
  return { register, put, get, tokenOf };
}

describe('registration access token rotation (opt-in)', () => {
  let t: DcrTestApp;
  const events: DcrEvent[] = [];
  const { register, put, get, tokenOf } = rotationSuite(() => t);

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        rotateRegistrationAccessToken: true,
        registrationAccessTokenGracePeriodSeconds: GRACE_SECONDS,
      },
    });
    t.app.get(DcrEvents).subscribe((event) => events.push(event));
  });

  afterEach(() => {
    events.length = 0;
  });

  afterAll(async () => {
    await t.close();
  });

  it('returns a new token on update; once it is used, the replaced one is dead', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    const t2 = tokenOf(await put(client, t1).expect(200));
    expect(t2).not.toBe(t1);

    expect(tokenOf(await get(client, t2).expect(200))).toBe(t2);
    expect((await get(client, t1)).status).toBe(401);
    await get(client, t2).expect(200);
  });

  it('refuses the replaced token after its successor was used, and reports the reuse without credentials', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    const t2 = tokenOf(await put(client, t1).expect(200));
    await get(client, t2).expect(200);
    events.length = 0;

    // Whoever stole T1 cannot take the client over from the holder of T2.
    const stolen = await put(client, t1);
    expect(stolen.status).toBe(401);
    expect(stolen.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(stolen.body).not.toHaveProperty('registration_access_token');
    expect(tokenOf(await get(client, t2).expect(200))).toBe(t2);

    const reused = events.filter((event) => event.type === 'client.registration_token_reused');
    expect(reused).toEqual([
      expect.objectContaining({
        clientId: client.client_id,
        actor: 'client',
        details: { revoked: false },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(t1);
    expect(JSON.stringify(events)).not.toContain(t2);
  });

  it('lets a client that lost the update response recover with its old token while the new one was never used', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    const lost = tokenOf(await put(client, t1).expect(200));

    // The response carrying `lost` never arrived: the client retries with T1.
    const t3 = tokenOf(await put(client, t1).expect(200));
    expect(t3).not.toBe(lost);
    expect(t3).not.toBe(t1);
    expect((await get(client, lost)).status).toBe(401);
    await get(client, t3).expect(200);
    // T3 has been used now: T1 is dead.
    expect((await get(client, t1)).status).toBe(401);
    await get(client, t3).expect(200);
  });

  it('gives a fresh token to a read presenting the replaced token while the new one was never used (RFC 7592 §2.1)', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    await put(client, t1).expect(200);

    const fresh = tokenOf(await get(client, t1).expect(200));
    expect(fresh).not.toBe(t1);
    await get(client, fresh).expect(200);
  });

  it('ends the recovery window after the grace period, even if the new token was never used', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    const t2 = tokenOf(await put(client, t1).expect(200));
    await sleep((GRACE_SECONDS + 1) * 1000);
    expect((await get(client, t1)).status).toBe(401);
    await get(client, t2).expect(200);
  }, 20_000);

  it('keeps two holders of one client apart: the first to use the new token keeps it', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    const t2 = tokenOf(await put(client, t1).expect(200));
    await get(client, t2).expect(200);
    // The other instance still holds T1: it is refused and cannot evict T2.
    expect((await get(client, t1)).status).toBe(401);
    expect((await put(client, t1)).status).toBe(401);
    expect(tokenOf(await put(client, t2).expect(200))).not.toBe(t2);
  });
});

describe('a recovery within a longer grace period', () => {
  let t: DcrTestApp;
  const { register, put } = rotationSuite(() => t);
  // Long enough that a loaded machine cannot blur the deadlines (whole seconds).
  const grace = 4;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        rotateRegistrationAccessToken: true,
        registrationAccessTokenGracePeriodSeconds: grace,
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('does not extend the replaced token beyond its first deadline', async () => {
    const client = await register();
    const t1 = client.registration_access_token;
    await put(client, t1).expect(200); // deadline: now + 4 s
    await sleep(2000);
    await put(client, t1).expect(200); // a recovery, 2 s later: the deadline stays
    await sleep(3000); // past the first deadline, before a deadline the recovery would have set
    expect((await put(client, t1)).status).toBe(401);
  }, 20_000);
});

describe('registration access token reuse with revocation on', () => {
  let t: DcrTestApp;
  const { register, put, get, tokenOf } = rotationSuite(() => t);

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      dcr: {
        rotateRegistrationAccessToken: true,
        registrationAccessTokenGracePeriodSeconds: GRACE_SECONDS,
        revokeRegistrationTokensOnReuse: true,
        adminToken: ADMIN_TOKEN,
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it("revokes the client's registration access tokens; an operator re-issues one", async () => {
    const events: DcrEvent[] = [];
    t.app.get(DcrEvents).subscribe((event) => events.push(event));
    const client = await register();
    const t1 = client.registration_access_token;
    const t2 = tokenOf(await put(client, t1).expect(200));
    await get(client, t2).expect(200);

    expect((await get(client, t1)).status).toBe(401);
    expect((await get(client, t2)).status).toBe(401);
    expect(events.find((event) => event.type === 'client.registration_token_reused')).toEqual(
      expect.objectContaining({ details: { revoked: true } }),
    );

    const reissued = await request(t.server)
      .post(`/admin/clients/${client.client_id}/registration-token`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(201);
    await get(client, tokenOf(reissued)).expect(200);
  });
});

describe('without rotation (the default), nothing ever rotates', () => {
  let t: DcrTestApp;
  const { register, put, get, tokenOf } = rotationSuite(() => t);

  beforeAll(async () => {
    t = await createDcrTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps the first token across reads and updates', async () => {
    const client = await register();
    const token = client.registration_access_token;
    for (let i = 0; i < 2; i++) {
      expect(tokenOf(await put(client, token).expect(200))).toBe(token);
      expect(tokenOf(await get(client, token).expect(200))).toBe(token);
    }
  });

  it('does not rotate when a previous token is left from a time rotation was on', async () => {
    const client = await register();
    const token = client.registration_access_token;
    // A replaced token stored while rotation was on, still within its grace period.
    await t.schema.query(
      `UPDATE dcr_client SET previous_registration_token_digest = sha256('old'::bytea),
         previous_registration_token_expires_at = now() + interval '1 hour'
       WHERE client_id = $1`,
      [client.client_id],
    );
    expect((await get(client, 'old')).status).toBe(401);
    expect(tokenOf(await get(client, token).expect(200))).toBe(token);
  });
});
