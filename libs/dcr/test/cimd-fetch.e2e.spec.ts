import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, resolveFailure, type CimdTestApp } from './support/cimd-test-app.js';

// Hang guard only (timing targets belong in the benchmark): the fetch timeout is 1.5 s here.
const HANG_GUARD_MS = 5000;

// Fetching through the OutboundFetcher (draft sections 5 and 8): no redirects, a 5 KiB cap, a
// timeout, special-use addresses refused; errors never cached.
describe('fetching Client ID Metadata Documents', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  const document = (path: string, members: Record<string, unknown> = {}) => ({
    client_id: fixture.url(path),
    redirect_uris: ['http://127.0.0.1/callback'],
    ...members,
  });

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await createCimdTestApp();
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it('does not follow a 302', async () => {
    fixture.publish('/target', document('/moved'));
    fixture.route('/moved', { status: 302, headers: { location: '/target' } });
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/moved')));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'fetch']);
    expect(error.description).toMatch(/302/);
    expect(fixture.fetches('/target')).toBe(0);
  });

  it('refuses a 2xx other than 200', async () => {
    fixture.route('/partial', { status: 203, body: document('/partial') });
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/partial')));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'status']);
  });

  it('does not cache a 404: the fixed document works at once', async () => {
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/late')));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'fetch']);
    expect(error.description).toMatch(/404/);
    expect(await app.documentRows()).toEqual([]);

    fixture.publish('/late', document('/late'), { 'cache-control': 'max-age=3600' });
    await expect(app.cimd.resolve(fixture.url('/late'))).resolves.toMatchObject({
      clientId: fixture.url('/late'),
    });
    expect(fixture.fetches('/late')).toBe(2);
  });

  it('does not cache an invalid document either', async () => {
    fixture.publish('/fixed-later', document('/fixed-later', { client_secret: 'x' }), {
      'cache-control': 'max-age=3600',
    });
    expect((await resolveFailure(app.cimd.resolve(fixture.url('/fixed-later')))).rule).toBe(
      'client_secret',
    );
    fixture.publish('/fixed-later', document('/fixed-later'), { 'cache-control': 'max-age=3600' });
    await expect(app.cimd.resolve(fixture.url('/fixed-later'))).resolves.toBeDefined();
    expect(fixture.fetches('/fixed-later')).toBe(2);
  });

  it('reads at most 5 KiB', async () => {
    const padded = (path: string, bytes: number) => {
      const base = JSON.stringify(document(path, { x_padding: '' }));
      return document(path, { x_padding: 'x'.repeat(bytes - base.length) });
    };
    fixture.publish('/at-cap', padded('/at-cap', 5120));
    expect(JSON.stringify(padded('/at-cap', 5120))).toHaveLength(5120);
    await expect(app.cimd.resolve(fixture.url('/at-cap'))).resolves.toBeDefined();

    fixture.publish('/over-cap', padded('/over-cap', 5121));
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/over-cap')));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'fetch']);
    expect(error.description).toMatch(/5120-byte limit/);
  });

  it('answers within the timeout when the server stalls', async () => {
    fixture.route('/stall', { stall: true });
    const started = performance.now();
    const error = await resolveFailure(app.cimd.resolve(fixture.url('/stall')));
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect([error.error, error.rule]).toEqual(['invalid_client', 'fetch']);
    expect(error.description).toMatch(/no complete response within 1500 ms/);
    // The lease went with the failure: nothing is left of the URL, and the next resolution
    // fetches at once.
    const cached = (await app.documentRows()).map((row) => row.client_id);
    expect(cached).not.toContain(fixture.url('/stall'));
    fixture.publish('/stall', document('/stall'));
    await expect(app.cimd.resolve(fixture.url('/stall'))).resolves.toBeDefined();
  });
});

describe('special-use addresses with the loopback switch off', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await createCimdTestApp({ outbound: { allowLoopbackHttp: false } });
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it.each([
    ['link-local (cloud metadata)', 'https://169.254.169.254/latest/client.json'],
    ['private', 'https://10.20.30.40/client.json'],
    ['private (RFC 1918)', 'https://192.168.1.10/client.json'],
    ['IPv6 link-local', 'https://[fe80::1]/client.json'],
    ['IPv6 unique-local', 'https://[fd00::1]/client.json'],
    ['loopback, by name', `https://localhost:1/client.json`],
  ])('refuses a %s address before connecting', async (_label, clientId) => {
    const error = await resolveFailure(app.cimd.resolve(clientId));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'fetch']);
    expect(error.description).toMatch(/special-use address/);
  });

  it('never reaches a loopback fixture, by name or by address', async () => {
    fixture.publish('/client.json', {});
    for (const host of ['localhost', '127.0.0.1']) {
      const error = await resolveFailure(
        app.cimd.resolve(`https://${host}:${fixture.server.port}/client.json`),
      );
      expect(error.description).toMatch(/special-use address/);
    }
    // Plain http is refused outright without the switch.
    expect((await resolveFailure(app.cimd.resolve(fixture.url('/client.json')))).rule).toBe(
      'https',
    );
    expect(fixture.server.connections).toBe(0);
  });
});
