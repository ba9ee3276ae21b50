import { afterEach, describe, expect, it } from '@jest/globals';
import { DcrModule } from './dcr.module.js';
import { resolveDcrOptions } from './resolved-dcr-options.js';
import { expectOptionsError, ISSUER } from './resolved-dcr-options.spec-helpers.js';

describe('resolveDcrOptions: outbound', () => {
  const original = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = original;
  });

  it('keeps the outbound fetcher settings, defaults applied', () => {
    expect(
      resolveDcrOptions({ issuer: ISSUER, outbound: { allowLoopbackHttp: true, timeoutMs: 800 } })
        .outbound,
    ).toEqual({ allowLoopbackHttp: true, connectTimeoutMs: 3000, timeoutMs: 800 });
  });

  it('names the option of a bad outbound setting', () => {
    expectOptionsError(
      () => resolveDcrOptions({ issuer: ISSUER, outbound: { connectTimeoutMs: 0 } }),
      'outbound.connectTimeoutMs',
      /must be a whole number of milliseconds from 1 to 60000$/,
    );
  });

  it('refuses the loopback switch when NODE_ENV=production, in forRoot already', () => {
    process.env.NODE_ENV = 'production';
    const options = { issuer: ISSUER, outbound: { allowLoopbackHttp: true } };
    expectOptionsError(
      () => resolveDcrOptions(options),
      'outbound.allowLoopbackHttp',
      /is a test-only switch and is refused when NODE_ENV=production$/,
    );
    expectOptionsError(() => DcrModule.forRoot(options), 'outbound.allowLoopbackHttp');
    expect(resolveDcrOptions({ issuer: ISSUER }).outbound.allowLoopbackHttp).toBe(false);
  });
});
