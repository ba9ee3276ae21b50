import { describe, expect, it } from '@jest/globals';
import { providerPath } from './provider-mount.js';

describe('providerPath', () => {
  it.each([
    ['/authorize', '/authorize'],
    ['/token', '/token'],
    ['/revoke', '/revoke'],
    ['/introspect', '/introspect'],
    ['/jwks', '/jwks'],
    ['/logout', '/logout'],
    ['/logout/confirm', '/logout/confirm'],
    ['/logout/success', '/logout/success'],
    ['/authorize/abc_DEF-123', '/authorize/abc_DEF-123'],
  ])('routes %s to oidc-provider', (path, relative) => {
    expect(providerPath('', path)).toBe(relative);
  });

  it.each([
    '/register',
    '/register/abc',
    '/interaction/abc',
    '/.well-known/openid-configuration',
    '/.well-known/oauth-authorization-server',
    '/docs',
    '/health',
    '/admin/clients/x',
    '/token/extra',
    '/authorize/a/b',
    '/authorize/',
    '/tokens',
    '/',
    '',
  ])('leaves %p to the Nest app', (path) => {
    expect(providerPath('', path)).toBeUndefined();
  });

  it('serves under the issuer path only', () => {
    expect(providerPath('/tenant-a', '/tenant-a/token')).toBe('/token');
    expect(providerPath('/tenant-a', '/tenant-a/authorize/uid1')).toBe('/authorize/uid1');
    expect(providerPath('/tenant-a', '/token')).toBeUndefined();
    expect(providerPath('/tenant-a', '/tenant-b/token')).toBeUndefined();
    expect(providerPath('/tenant-a', '/tenant-atoken')).toBeUndefined();
  });
});
