import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, resolveFailure, type CimdTestApp } from './support/cimd-test-app.js';

// The client_id URL rules (draft section 3) and the operator's controls are checked before any
// fetch or query: a refused URL never reaches the client's server or the cache.
describe('client_id URLs and the operator controls', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  let off: CimdTestApp;
  let listed: CimdTestApp;

  beforeAll(async () => {
    fixture = await startCimdFixture();
    fixture.route('/any', { status: 500 });
    app = await createCimdTestApp();
    [off, listed] = await Promise.all([
      createCimdTestApp({ cimd: { enabled: false } }, app.schema),
      createCimdTestApp(
        { cimd: { allowedHosts: ['127.0.0.1', '*.client.example'], deniedHosts: ['localhost'] } },
        app.schema,
      ),
    ]);
  });

  afterAll(async () => {
    await Promise.all([off?.close(), listed?.close()]);
    await app?.close();
    await fixture?.close();
  });

  it.each([
    ['a fragment', '/x#f', 'fragment'],
    ['a query', '/x?tenant=a', 'query'],
    ['no path', '', 'path'],
    ['a path of /', '/', 'path'],
    ['a dot segment', '/a/../x', 'dot_segment'],
    ['an encoded dot segment', '/a/%2E%2E/x', 'dot_segment'],
  ])('refuses a URL with %s as invalid_request, without fetching', async (_label, path, rule) => {
    const error = await resolveFailure(app.cimd.resolve(`${fixture.origin}${path}`));
    expect([error.error, error.rule, error.status]).toEqual(['invalid_request', rule, 400]);
  });

  it('refuses user information as invalid_request, never echoing it', async () => {
    const error = await resolveFailure(
      app.cimd.resolve(`http://agent:hunter2@127.0.0.1:${fixture.server.port}/x`),
    );
    expect([error.error, error.rule]).toEqual(['invalid_request', 'userinfo']);
    expect(JSON.stringify(error.toBody())).not.toContain('hunter2');
  });

  it('refuses every URL when CIMD is off, as invalid_client', async () => {
    expect(off.cimd.enabled).toBe(false);
    expect(off.cimd.isCimdClientId(fixture.url('/any'))).toBe(true);
    const error = await resolveFailure(off.cimd.resolve(fixture.url('/any')));
    expect([error.error, error.rule]).toEqual(['invalid_client', 'disabled']);
    expect(error.toBody()).toEqual({
      error: 'invalid_client',
      error_description: 'this server does not accept URL client_ids (CIMD is off)',
      policy: 'cimd',
    });
  });

  it('refuses denied hosts and hosts outside the allowed patterns', async () => {
    const denied = await resolveFailure(
      listed.cimd.resolve(`http://localhost:${fixture.server.port}/any`),
    );
    expect([denied.error, denied.rule]).toEqual(['invalid_client', 'denied_host']);
    const other = await resolveFailure(
      listed.cimd.resolve(`http://[::1]:${fixture.server.port}/any`),
    );
    expect([other.error, other.rule]).toEqual(['invalid_client', 'host_not_allowed']);
    // An allowed host is fetched (and here refused for the fixture's 500).
    expect((await resolveFailure(listed.cimd.resolve(fixture.url('/any')))).rule).toBe('fetch');
  });

  it('reached neither the client server nor the cache for the refused URLs', async () => {
    expect(fixture.fetches('/any')).toBe(1); // the allowed host, above
    expect(fixture.server.requests.map((request) => request.url)).toEqual(['/any']);
    expect(await app.documentRows()).toEqual([]);
  });

  it('routes issued client ids away from the documents', () => {
    expect(app.cimd.isCimdClientId('AAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(app.cimd.isCimdClientId(fixture.url('/any'))).toBe(true);
  });
});
