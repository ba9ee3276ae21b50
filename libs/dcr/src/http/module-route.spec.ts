import { describe, expect, it } from '@jest/globals';
import { isModulePath, pathWithoutTrailingSlashes, routedToModule } from './module-route.js';

describe('isModulePath', () => {
  it.each([
    ['/register', true],
    ['/register/', true],
    ['/register///', true],
    ['/register?x=1', true],
    ['/register/abc', true],
    ['/register/abc/', true],
    ['/register/abc?x=/y/', true],
    ['/register/abc/def', false],
    ['/registerx', false],
    ['/register-abc', false],
    ['/host/register', false],
    ['/', false],
    ['', false],
  ])('%p → %p', (url, expected) => {
    expect(isModulePath(url, '/register')).toBe(expected);
  });

  it('works under a path prefix', () => {
    expect(isModulePath('/api/oauth/register/abc', '/api/oauth/register')).toBe(true);
    expect(isModulePath('/register/abc', '/api/oauth/register')).toBe(false);
  });

  // A `/\/+$/` regex took about 0.3 s of event loop for 16,000 slashes, quadratically more for
  // more, on every request the filter saw. The bound here is a hang guard, not a benchmark.
  it('is linear: 100,000 slashes that do not end the path take milliseconds, not seconds', () => {
    const urls = [`/${'/'.repeat(100_000)}x`, `/register${'/'.repeat(100_000)}x/y`];
    const started = performance.now();
    for (const url of urls) expect(isModulePath(url, '/register')).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('pathWithoutTrailingSlashes', () => {
  it('drops the query and trailing slashes only', () => {
    expect(pathWithoutTrailingSlashes('/a//b///?q=/')).toBe('/a//b');
    expect(pathWithoutTrailingSlashes('///')).toBe('');
  });
});

describe('routedToModule', () => {
  it('reads the route config Fastify keeps, and is undefined without one (Express)', () => {
    expect(routedToModule({ routeOptions: { config: { dcrModuleRoute: true } } })).toBe(true);
    expect(routedToModule({ routeOptions: { config: { url: '/host' } } })).toBe(false);
    expect(routedToModule({ url: '/register' })).toBeUndefined();
    expect(routedToModule(undefined)).toBeUndefined();
  });
});
