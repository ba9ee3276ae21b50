// Shared by the unit specs of this folder. Not a test file itself, and not part of the library
// (tsconfig.lib.json excludes *.spec-helpers.ts).
import { CimdClientError } from './cimd-client-error.js';

/** The `CimdClientError` `fn` throws (failing the test when it throws nothing or anything else). */
export function refusalOf(fn: () => unknown): CimdClientError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CimdClientError) return error;
    throw new Error(`expected a CimdClientError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a CimdClientError, but nothing was thrown');
}
