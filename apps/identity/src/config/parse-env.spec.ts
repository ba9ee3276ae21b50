import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { declareVariable } from './env-variable.js';
import { ConfigError, parseEnv, type EnvDeclaration } from './parse-env.js';
import { flag, integer, text } from './scalar-variables.js';

/**
 * A declaration of this spec's own, with test-only variables (the app declares none yet), a
 * secret, and a variable with a schema of its own.
 */
const DECLARATION = {
  COUNT: integer({ doc: 'A count.', min: 1, max: 5, default: 2 }),
  TEST_SWITCH: flag({ doc: 'A switch for tests.', default: false, testOnly: true }),
  TEST_SUBJECT: text({ doc: 'A subject for tests.', testOnly: true }),
  PASSWORD: text({ doc: 'A credential.', minLength: 12, secret: true }),
  EVEN: declareVariable({
    doc: 'An even number, with a schema of its own.',
    accepts: 'even number',
    schema: z.preprocess(
      (raw) => (raw === undefined ? '0' : raw),
      z.coerce
        .number()
        .refine((value) => value % 2 === 0, 'must be even')
        .refine((value) => value >= 0, 'must not be negative'),
    ),
  }),
} satisfies EnvDeclaration;

function errorFor(env: Record<string, string>): ConfigError {
  try {
    parseEnv(DECLARATION, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('parseEnv', () => {
  it('gives the typed values, defaults applied', () => {
    expect(parseEnv(DECLARATION, {})).toEqual({
      COUNT: 2,
      TEST_SWITCH: false,
      TEST_SUBJECT: undefined,
      PASSWORD: undefined,
      EVEN: 0,
    });
    expect(parseEnv(DECLARATION, { COUNT: '5', EVEN: '4', PASSWORD: 'p'.repeat(12) })).toEqual({
      COUNT: 5,
      TEST_SWITCH: false,
      TEST_SUBJECT: undefined,
      PASSWORD: 'p'.repeat(12),
      EVEN: 4,
    });
  });

  it('reports every invalid variable, one line each naming it, in declaration order', () => {
    const error = errorFor({ EVEN: '3', COUNT: '9' });
    expect(error.problems).toEqual([
      { variable: 'COUNT', message: 'COUNT must be a whole number from 1 to 5 (got "9")' },
      { variable: 'EVEN', message: 'EVEN must be even (got "3")' },
    ]);
    expect(error.message).toBe(
      'COUNT must be a whole number from 1 to 5 (got "9")\nEVEN must be even (got "3")',
    );
    expect(error.variable).toBe('COUNT');
  });

  it('reports only the first thing wrong with a variable', () => {
    expect(errorFor({ EVEN: '-3' }).problems).toEqual([
      { variable: 'EVEN', message: 'EVEN must be even (got "-3")' },
    ]);
  });

  it("never echoes a secret's value", () => {
    const error = errorFor({ PASSWORD: 'hunter2', COUNT: '0' });
    expect(error.message.split('\n')).toEqual([
      'COUNT must be a whole number from 1 to 5 (got "0")',
      'PASSWORD must be at least 12 characters long',
    ]);
    expect(String(error.stack)).not.toContain('hunter2');
  });
});

describe('parseEnv: test-only variables', () => {
  it.each([undefined, 'development', 'test', 'Production'])(
    'are read when NODE_ENV is %p',
    (nodeEnv) => {
      const env = {
        TEST_SWITCH: 'true',
        TEST_SUBJECT: 'alice',
        ...(nodeEnv && { NODE_ENV: nodeEnv }),
      };
      expect(parseEnv(DECLARATION, env)).toMatchObject({
        TEST_SWITCH: true,
        TEST_SUBJECT: 'alice',
      });
    },
  );

  it('are refused when NODE_ENV=production, each named and said to be test-only', () => {
    const error = errorFor({ NODE_ENV: 'production', TEST_SWITCH: 'true', TEST_SUBJECT: 'alice' });
    expect(error.message.split('\n')).toEqual([
      'TEST_SWITCH is test-only: it must not be set when NODE_ENV=production',
      'TEST_SUBJECT is test-only: it must not be set when NODE_ENV=production',
    ]);
    expect(error.message).not.toContain('alice');
  });

  it('are refused in production whatever their value, even an "off" one', () => {
    expect(errorFor({ NODE_ENV: 'production', TEST_SWITCH: 'false' }).problems).toEqual([
      {
        variable: 'TEST_SWITCH',
        message: 'TEST_SWITCH is test-only: it must not be set when NODE_ENV=production',
      },
    ]);
  });

  it('are fine in production when unset or empty', () => {
    expect(parseEnv(DECLARATION, { NODE_ENV: 'production', TEST_SUBJECT: '' })).toMatchObject({
      TEST_SWITCH: false,
      TEST_SUBJECT: undefined,
    });
  });

  it('are reported together with the other invalid variables', () => {
    expect(
      errorFor({ NODE_ENV: 'production', TEST_SUBJECT: 'alice', COUNT: 'x' }).problems.map(
        (problem) => problem.variable,
      ),
    ).toEqual(['COUNT', 'TEST_SUBJECT']);
  });
});

describe('ConfigError.of', () => {
  it('is one problem: the variable, then what is wrong', () => {
    const error = ConfigError.of('ISSUER', 'must be set');
    expect(error.message).toBe('ISSUER must be set');
    expect(error.variable).toBe('ISSUER');
    expect(error.problems).toEqual([{ variable: 'ISSUER', message: 'ISSUER must be set' }]);
  });
});
