import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, resolveFailure, type CimdTestApp } from './support/cimd-test-app.js';

// Two instances of one deployment (two apps on one schema) share the cache: concurrent first
// resolutions anywhere make one fetch, and what one instance fetched the other uses.
describe('the cache shared by two instances', () => {
  let fixture: CimdFixture;
  let first: CimdTestApp;
  let second: CimdTestApp;
  const document = (path: string) => ({
    client_id: fixture.url(path),
    client_name: 'Agent',
    redirect_uris: ['http://127.0.0.1/callback'],
  });
  // Slow enough that every resolution starts before the fetch ends.
  const publishSlowly = (path: string) =>
    fixture.route(path, {
      body: document(path),
      headers: { 'cache-control': 'max-age=600' },
      delayMs: 300,
    });

  beforeAll(async () => {
    fixture = await startCimdFixture();
    first = await createCimdTestApp();
    second = await createCimdTestApp({}, first.schema);
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await fixture?.close();
  });

  it('makes one fetch for 20 parallel first resolutions in one instance', async () => {
    publishSlowly('/parallel-one');
    const resolved = await Promise.all(
      Array.from({ length: 20 }, () => first.cimd.resolve(fixture.url('/parallel-one'))),
    );
    expect(fixture.fetches('/parallel-one')).toBe(1);
    expect(resolved.every((client) => client.metadata.client_name === 'Agent')).toBe(true);
  });

  it('makes one fetch for 20 parallel first resolutions over two instances', async () => {
    publishSlowly('/parallel-two');
    const url = fixture.url('/parallel-two');
    const resolved = await Promise.all(
      Array.from({ length: 20 }, (_unused, index) =>
        (index % 2 === 0 ? first : second).cimd.resolve(url),
      ),
    );
    expect(fixture.fetches('/parallel-two')).toBe(1);
    expect(new Set(resolved.map((client) => client.fetchedAt.getTime())).size).toBe(1);
  });

  it('lets the second instance use what the first fetched, without fetching', async () => {
    fixture.publish('/shared', document('/shared'), { 'cache-control': 'max-age=600' });
    const fetched = await first.cimd.resolve(fixture.url('/shared'));
    const reused = await second.cimd.resolve(fixture.url('/shared'));
    expect(fixture.fetches('/shared')).toBe(1);
    expect(reused).toEqual(fetched);
  });

  it('shares no error: a document fixed after one instance failed works on the other', async () => {
    const error = await resolveFailure(first.cimd.resolve(fixture.url('/fixed')));
    expect(error.rule).toBe('fetch');
    fixture.publish('/fixed', document('/fixed'), { 'cache-control': 'max-age=600' });
    await expect(second.cimd.resolve(fixture.url('/fixed'))).resolves.toBeDefined();
    expect(fixture.fetches('/fixed')).toBe(2);
  });

  it('takes over the lease of an instance that died while fetching, once it expires', async () => {
    const url = fixture.url('/orphaned');
    fixture.publish('/orphaned', document('/orphaned'), { 'cache-control': 'max-age=600' });
    const [lease] = await first.schema.query<{ expires: Date }>(
      `INSERT INTO dcr_cimd_document (client_id, expires_at, fetch_lease_id, fetch_lease_expires_at)
       VALUES ($1, now(), 'a dead instance', now() + interval '1 second')
       RETURNING fetch_lease_expires_at AS expires`,
      [url],
    );
    await expect(second.cimd.resolve(url)).resolves.toMatchObject({ clientId: url });
    expect(fixture.fetches('/orphaned')).toBe(1);
    // It waited for the lease rather than fetching next to the "dead" instance.
    expect(fixture.fetchTimes('/orphaned')[0]).toBeGreaterThanOrEqual(lease.expires.getTime());
  });

  it('refetches a document validated under another policy (an instance with other options)', async () => {
    const narrower = await createCimdTestApp(
      { grantTypesSupported: ['authorization_code'] },
      first.schema,
    );
    try {
      fixture.publish(
        '/policy',
        { ...document('/policy'), grant_types: ['authorization_code', 'refresh_token'] },
        { 'cache-control': 'max-age=600' },
      );
      const url = fixture.url('/policy');
      expect((await first.cimd.resolve(url)).metadata.grant_types).toEqual([
        'authorization_code',
        'refresh_token',
      ]);
      expect((await narrower.cimd.resolve(url)).metadata.grant_types).toEqual([
        'authorization_code',
      ]);
      expect(fixture.fetches('/policy')).toBe(2);
    } finally {
      await narrower.close();
    }
  });
});
