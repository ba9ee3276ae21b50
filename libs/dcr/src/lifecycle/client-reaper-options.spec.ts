import { describe, expect, it } from '@jest/globals';
import { DcrOptionsError, resolveDcrOptions } from '../resolved-dcr-options.js';

const resolve = (clientReaper: object | undefined) =>
  resolveDcrOptions({ issuer: 'https://issuer.example', clientReaper }).clientReaper;

describe('clientReaper options', () => {
  it('are off by default, with an hourly pass of 500 per batch once on', () => {
    expect(resolve(undefined)).toEqual({
      enabled: false,
      unusedAfterHours: undefined,
      idleAfterDays: undefined,
      intervalSeconds: 3600,
      batchSize: 500,
    });
    expect(resolve({ unusedAfterHours: 0, idleAfterDays: 0 }).enabled).toBe(false);
  });

  it('turn each rule on separately', () => {
    expect(resolve({ unusedAfterHours: 24 })).toMatchObject({
      enabled: true,
      unusedAfterHours: 24,
      idleAfterDays: undefined,
    });
    expect(resolve({ idleAfterDays: 90, intervalSeconds: 60, batchSize: 100 })).toEqual({
      enabled: true,
      unusedAfterHours: undefined,
      idleAfterDays: 90,
      intervalSeconds: 60,
      batchSize: 100,
    });
  });

  it.each([
    [{ unusedAfterHours: -1 }, 'clientReaper.unusedAfterHours'],
    [{ unusedAfterHours: 1.5 }, 'clientReaper.unusedAfterHours'],
    [{ idleAfterDays: 3651 }, 'clientReaper.idleAfterDays'],
    [{ intervalSeconds: 0 }, 'clientReaper.intervalSeconds'],
    [{ batchSize: 10_001 }, 'clientReaper.batchSize'],
  ])('refuse %j, naming the option', (options, option) => {
    expect(() => resolve(options)).toThrow(DcrOptionsError);
    expect(() => resolve(options)).toThrow(`"${option}"`);
  });
});
