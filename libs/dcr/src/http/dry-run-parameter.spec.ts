import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import { readDryRunParameter } from './dry-run-parameter.js';

describe('readDryRunParameter', () => {
  it('reads absent and "false" as a registration, "true" as a dry run', () => {
    expect(readDryRunParameter(undefined)).toBe(false);
    expect(readDryRunParameter('false')).toBe(false);
    expect(readDryRunParameter('true')).toBe(true);
  });

  it.each(['', '1', 'yes', 'TRUE', ['true', 'true'], ['true']])(
    'refuses %p with invalid_request rather than guessing',
    (value) => {
      expect(() => readDryRunParameter(value)).toThrow(OAuthError);
      try {
        readDryRunParameter(value);
      } catch (error) {
        expect((error as OAuthError).toBody()).toMatchObject({ error: 'invalid_request' });
      }
    },
  );
});
