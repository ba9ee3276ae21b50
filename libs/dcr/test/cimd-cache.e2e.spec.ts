import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, type CimdTestApp } from './support/cimd-test-app.js';

// The cache honours Cache-Control and Expires within the configured bounds (draft section 5.2).
describe('the Client ID Metadata Document cache', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  const document = (path: string) => ({
    client_id: fixture.url(path),
    client_name: 'Agent',
    redirect_uris: ['http://127.0.0.1/callback'],
  });
  const rowOf = async (path: string) =>
    (await app.documentRows()).find((row) => row.client_id === fixture.url(path));

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await createCimdTestApp({ cimd: { minCacheSeconds: 60, maxCacheSeconds: 3600 } });
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it('fetches once for two resolutions under max-age', async () => {
    fixture.publish('/max-age', document('/max-age'), { 'cache-control': 'public, max-age=600' });
    const first = await app.cimd.resolve(fixture.url('/max-age'));
    const second = await app.cimd.resolve(fixture.url('/max-age'));
    expect(fixture.fetches('/max-age')).toBe(1);
    expect(second).toEqual(first);
    expect(first.expiresAt.getTime() - first.fetchedAt.getTime()).toBe(600_000);
  });

  it('fetches every time under no-store, and stores nothing', async () => {
    fixture.publish('/no-store', document('/no-store'), { 'cache-control': 'no-store' });
    await app.cimd.resolve(fixture.url('/no-store'));
    await app.cimd.resolve(fixture.url('/no-store'));
    expect(fixture.fetches('/no-store')).toBe(2);
    expect(await rowOf('/no-store')).toBeUndefined();
  });

  it('merges concurrent resolutions under no-store into one fetch', async () => {
    fixture.route('/no-store-slow', {
      body: document('/no-store-slow'),
      headers: { 'cache-control': 'no-store' },
      delayMs: 200,
    });
    const resolved = await Promise.all(
      Array.from({ length: 10 }, () => app.cimd.resolve(fixture.url('/no-store-slow'))),
    );
    expect(fixture.fetches('/no-store-slow')).toBe(1);
    expect(new Set(resolved.map((client) => client.clientId)).size).toBe(1);
  });

  it('honours Expires, and raises a short lifetime to the minimum', async () => {
    const now = Date.now();
    fixture.publish('/expires', document('/expires'), {
      date: new Date(now).toUTCString(),
      expires: new Date(now + 1800_000).toUTCString(),
    });
    const expires = await app.cimd.resolve(fixture.url('/expires'));
    const lifetime = expires.expiresAt.getTime() - expires.fetchedAt.getTime();
    expect(lifetime).toBeGreaterThan(1790_000);
    expect(lifetime).toBeLessThanOrEqual(1800_000);

    fixture.publish('/short', document('/short'), { 'cache-control': 'max-age=5' });
    const short = await app.cimd.resolve(fixture.url('/short'));
    expect(short.expiresAt.getTime() - short.fetchedAt.getTime()).toBe(60_000);
  });

  it('caps a long lifetime at the maximum, and uses the minimum without caching headers', async () => {
    fixture.publish('/long', document('/long'), { 'cache-control': 'max-age=31536000' });
    const long = await app.cimd.resolve(fixture.url('/long'));
    expect(long.expiresAt.getTime() - long.fetchedAt.getTime()).toBe(3600_000);

    fixture.publish('/plain', document('/plain'));
    const plain = await app.cimd.resolve(fixture.url('/plain'));
    expect(plain.expiresAt.getTime() - plain.fetchedAt.getTime()).toBe(60_000);
  });

  it('fetches again once the document expired, and takes the new version', async () => {
    fixture.publish('/changes', document('/changes'), { 'cache-control': 'max-age=600' });
    await app.cimd.resolve(fixture.url('/changes'));
    fixture.publish(
      '/changes',
      { ...document('/changes'), client_name: 'Agent 2' },
      { 'cache-control': 'max-age=600' },
    );
    expect((await app.cimd.resolve(fixture.url('/changes'))).metadata.client_name).toBe('Agent');

    await app.schema.query(
      `UPDATE dcr_cimd_document SET expires_at = now() - interval '1 second' WHERE client_id = $1`,
      [fixture.url('/changes')],
    );
    expect((await app.cimd.resolve(fixture.url('/changes'))).metadata.client_name).toBe('Agent 2');
    expect(fixture.fetches('/changes')).toBe(2);
  });

  it('serves a fresh document without asking its server; once expired, a failure refuses and drops it', async () => {
    fixture.publish('/gone', document('/gone'), { 'cache-control': 'max-age=600' });
    await app.cimd.resolve(fixture.url('/gone'));
    fixture.route('/gone', { status: 410 });
    await expect(app.cimd.resolve(fixture.url('/gone'))).resolves.toBeDefined();

    await app.schema.query(
      `UPDATE dcr_cimd_document SET expires_at = now() - interval '1 second' WHERE client_id = $1`,
      [fixture.url('/gone')],
    );
    await expect(app.cimd.resolve(fixture.url('/gone'))).rejects.toMatchObject({
      error: 'invalid_client',
      rule: 'fetch',
    });
    expect(await rowOf('/gone')).toBeUndefined();
  });

  it('deletes expired rows of other documents when it stores one', async () => {
    await app.schema.query(
      `INSERT INTO dcr_cimd_document (client_id, metadata, policy_digest, fetched_at, expires_at)
       VALUES ('https://old.example/a', '{}', 'p', now() - interval '2 days', now() - interval '1 day'),
              ('https://old.example/b', '{}', 'p', now() - interval '2 days', now() - interval '1 hour')`,
    );
    // A row another instance is fetching is left alone, even past its expiry.
    await app.schema.query(
      `INSERT INTO dcr_cimd_document (client_id, expires_at, fetch_lease_id, fetch_lease_expires_at)
       VALUES ('https://busy.example/c', now() - interval '1 hour', 'lease', now() + interval '1 minute')`,
    );
    fixture.publish('/trigger', document('/trigger'), { 'cache-control': 'max-age=600' });
    await app.cimd.resolve(fixture.url('/trigger'));
    const ids = (await app.documentRows()).map((row) => row.client_id);
    expect(ids).not.toContain('https://old.example/a');
    expect(ids).not.toContain('https://old.example/b');
    expect(ids).toContain('https://busy.example/c');
    expect(ids).toContain(fixture.url('/trigger'));
  });
});
