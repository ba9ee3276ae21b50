import { describe, expect, it } from '@jest/globals';
import { DcrOptionsError, resolveDcrOptions } from '../resolved-dcr-options.js';
import {
  CimdOptionsError,
  DEFAULT_CIMD_MAX_CACHE_SECONDS,
  DEFAULT_CIMD_MIN_CACHE_SECONDS,
  resolveCimdOptions,
} from './cimd-options.js';

describe('resolveCimdOptions', () => {
  it('is on by default, for any host, kept from a minute to a day', () => {
    expect(resolveCimdOptions()).toEqual({
      enabled: true,
      allowedHosts: [],
      deniedHosts: [],
      cacheLifetime: {
        minSeconds: DEFAULT_CIMD_MIN_CACHE_SECONDS,
        maxSeconds: DEFAULT_CIMD_MAX_CACHE_SECONDS,
      },
    });
    expect([DEFAULT_CIMD_MIN_CACHE_SECONDS, DEFAULT_CIMD_MAX_CACHE_SECONDS]).toEqual([60, 86_400]);
  });

  it('canonicalizes host patterns', () => {
    const resolved = resolveCimdOptions({
      enabled: false,
      allowedHosts: ['Claude.AI', '*.VSCode.dev'],
      deniedHosts: ['bücher.example'],
      minCacheSeconds: 0,
      maxCacheSeconds: 0,
    });
    expect(resolved).toEqual({
      enabled: false,
      allowedHosts: ['claude.ai', '*.vscode.dev'],
      deniedHosts: ['xn--bcher-kva.example'],
      cacheLifetime: { minSeconds: 0, maxSeconds: 0 },
    });
  });

  it.each([
    [{ allowedHosts: ['claude.ai', '*'] }, 'allowedHosts[1]'],
    [{ deniedHosts: ['https://evil.example'] }, 'deniedHosts[0]'],
    [{ allowedHosts: 'claude.ai' as unknown as string[] }, 'allowedHosts'],
    [{ minCacheSeconds: -1 }, 'minCacheSeconds'],
    [{ maxCacheSeconds: 1.5 }, 'maxCacheSeconds'],
    [{ maxCacheSeconds: 8 * 86_400 }, 'maxCacheSeconds'],
    [{ minCacheSeconds: 120, maxCacheSeconds: 60 }, 'maxCacheSeconds'],
    [{ enabled: 'yes' as unknown as boolean }, 'enabled'],
  ])('refuses %j, naming %s', (options, option) => {
    let caught: unknown;
    try {
      resolveCimdOptions(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CimdOptionsError);
    expect((caught as CimdOptionsError).option).toBe(option);
  });

  it('reaches DcrModule options as a DcrOptionsError naming cimd.<option>', () => {
    expect(() =>
      resolveDcrOptions({ issuer: 'https://as.example', cimd: { deniedHosts: ['a*.example'] } }),
    ).toThrow(
      new DcrOptionsError(
        'DcrModule option "cimd.deniedHosts[0]" must be a host name, "*." followed by a domain name, or an IP address',
      ),
    );
    expect(resolveDcrOptions({ issuer: 'https://as.example' }).cimd.enabled).toBe(true);
  });
});
