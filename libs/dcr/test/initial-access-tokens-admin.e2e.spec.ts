import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DcrAdminService } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { ADMIN_TOKEN, mintToken } from './support/initial-access-requests.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ID = /^[A-Za-z0-9_-]{22}$/;

describe('admin API: initial access tokens (RFC 7591 §3)', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adminPath: 'admin', dcr: { adminToken: ADMIN_TOKEN } });
  });

  afterAll(async () => {
    await t.close();
  });

  const admin = () => ({ Authorization: `Bearer ${ADMIN_TOKEN}` });

  it('mints a token: 201 with its value once, stored only as a digest', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await request(t.server)
      .post('/admin/initial-access-tokens')
      .set(admin())
      .send({
        expires_in: 3600,
        max_uses: 5,
        label: 'Acme onboarding',
        policy: { allowed_scopes: ['mcp:tools'] },
      })
      .expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      id: expect.stringMatching(ID),
      token: expect.stringMatching(TOKEN),
      label: 'Acme onboarding',
      status: 'active',
      created_at: expect.any(Number),
      expires_at: expect.any(Number),
      max_uses: 5,
      remaining_uses: 5,
      policy: { allowed_scopes: ['mcp:tools'] },
    });
    expect(response.body.expires_at - response.body.created_at).toBe(3600);
    expect(response.body.created_at).toBeGreaterThanOrEqual(before - 1);

    const rows = await t.schema.query<{ token_digest: Buffer }>(
      'SELECT * FROM dcr_initial_access_token WHERE id = $1',
      [response.body.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_digest).toHaveLength(32);
    const dump =
      JSON.stringify(rows) + rows.map((row) => row.token_digest.toString('latin1')).join();
    expect(dump).not.toContain(response.body.token);
  });

  it('lists tokens newest first, without their values', async () => {
    const first = await mintToken(t, { expires_in: 60, max_uses: 1, label: 'first' });
    const second = await mintToken(t, { expires_in: 60, max_uses: 2, label: 'second' });
    const response = await request(t.server)
      .get('/admin/initial-access-tokens')
      .set(admin())
      .expect(200);
    const listed = response.body as Record<string, unknown>[];
    const ids = listed.map((token) => token.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(listed.every((token) => !('token' in token))).toBe(true);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(first.token);
    expect(text).not.toContain(second.token);
    expect(listed.find((token) => token.id === second.id)).toMatchObject({
      label: 'second',
      status: 'active',
      max_uses: 2,
      remaining_uses: 2,
    });
  });

  it('revokes a token: 204, listed as revoked, and it registers nothing more', async () => {
    const minted = await mintToken(t);
    await request(t.server)
      .delete(`/admin/initial-access-tokens/${minted.id}`)
      .set(admin())
      .expect(204);
    // Again: nothing to do, still 204.
    await request(t.server)
      .delete(`/admin/initial-access-tokens/${minted.id}`)
      .set(admin())
      .expect(204);
    const listed = (await request(t.server).get('/admin/initial-access-tokens').set(admin()))
      .body as {
      id: string;
      status: string;
      revoked_at?: number;
    }[];
    expect(listed.find((token) => token.id === minted.id)).toMatchObject({
      status: 'revoked',
      revoked_at: expect.any(Number),
    });
  });

  it.each([
    ['an unknown id', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['an id of another shape', 'not-an-id'],
  ])('answers 404 invalid_request for %s', async (_case, id) => {
    const response = await request(t.server)
      .delete(`/admin/initial-access-tokens/${id}`)
      .set(admin())
      .expect(404);
    expect(response.body.error).toBe('invalid_request');
  });

  it.each([
    [{ max_uses: 1 }, '/expires_in'],
    [{ expires_in: 60, max_uses: 0 }, '/max_uses'],
    [{ expires_in: 60, max_uses: 1, label: '' }, '/label'],
    [{ expires_in: 60, max_uses: 1, extra: true }, '/extra'],
    [
      { expires_in: 60, max_uses: 1, policy: { trusted_redirect_hosts: ['a b'] } },
      '/policy/trusted_redirect_hosts/0',
    ],
  ])('refuses %j with 400 invalid_request naming %s, and stores nothing', async (body, field) => {
    const [before] = await t.schema.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dcr_initial_access_token',
    );
    const response = await request(t.server)
      .post('/admin/initial-access-tokens')
      .set(admin())
      .send(body)
      .expect(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', field });
    const [after] = await t.schema.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dcr_initial_access_token',
    );
    expect(after?.n).toBe(before?.n);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await request(t.server)
      .post('/admin/initial-access-tokens')
      .set(admin())
      .set('Content-Type', 'text/plain')
      .send('expires_in=60')
      .expect(400);
    expect(response.body.error).toMatch(/^invalid_/);
  });

  it.each([
    ['POST', '/admin/initial-access-tokens'],
    ['GET', '/admin/initial-access-tokens'],
    ['DELETE', '/admin/initial-access-tokens/AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s %s without the admin token (401)', async (method, path) => {
    const response = await request(t.server)[method.toLowerCase() as 'get'](path).send({});
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=/);
  });

  it('offers the same operations to host tooling through DcrAdminService', async () => {
    const service = t.app.get(DcrAdminService);
    const minted = await service.createInitialAccessToken({ expires_in: 60, max_uses: 3 });
    expect(minted.token).toMatch(TOKEN);
    expect((await service.listInitialAccessTokens()).map((token) => token.id)).toContain(minted.id);
    await service.revokeInitialAccessToken(minted.id);
    expect(
      (await service.listInitialAccessTokens()).find((token) => token.id === minted.id)?.status,
    ).toBe('revoked');
    await expect(service.createInitialAccessToken({ expires_in: 60 })).rejects.toMatchObject({
      error: 'invalid_request',
    });
  });
});
