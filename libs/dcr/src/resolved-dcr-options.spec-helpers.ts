// Shared by the resolved-dcr-options.*.spec.ts files. Not a test file itself (Jest runs only
// *.spec.ts) and not part of the library (tsconfig.lib.json excludes *.spec-helpers.ts).
import { expect } from '@jest/globals';
import { DcrOptionsError } from './resolved-dcr-options.js';

export function expectOptionsError(fn: () => unknown, option: string, message?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DcrOptionsError);
  const error = caught as DcrOptionsError;
  expect(error.name).toBe('DcrOptionsError');
  expect(error.message).toMatch(new RegExp(`^DcrModule option "${option}" `));
  if (message) expect(error.message).toMatch(message);
}

export const ISSUER = 'https://as.example.com';
