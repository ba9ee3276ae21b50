import type { TestSchema } from '@agent-runtimes/testing';
import { CimdClientError, CimdClientSource, type DcrModuleOptions } from '../../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './dcr-test-app.js';

/** A test app with its `CimdClientSource`, fetching over loopback http (the test switch). */
export interface CimdTestApp extends DcrTestApp {
  readonly cimd: CimdClientSource;
  /** Rows of `dcr_cimd_document` in the app's schema. */
  documentRows(): Promise<Record<string, unknown>[]>;
}

/**
 * Starts an app composing DcrModule with the loopback switch on and a short fetch timeout (so a
 * stalled fixture costs little), `dcr` options over that, on `schema` when given (a second
 * instance of the same deployment).
 */
export async function createCimdTestApp(
  dcr: Partial<DcrModuleOptions> = {},
  schema?: TestSchema,
): Promise<CimdTestApp> {
  const app = await createDcrTestApp({
    schema,
    dcr: {
      ...dcr,
      outbound: {
        allowLoopbackHttp: true,
        timeoutMs: 1500,
        connectTimeoutMs: 1000,
        ...dcr.outbound,
      },
    },
  });
  return {
    ...app,
    cimd: app.app.get(CimdClientSource),
    documentRows: () => app.schema.query('SELECT * FROM dcr_cimd_document ORDER BY client_id'),
  };
}

/** The `CimdClientError` a resolution rejects with (failing the test when it resolves). */
export async function resolveFailure(resolution: Promise<unknown>): Promise<CimdClientError> {
  const outcome = await resolution.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  if (!(outcome.error instanceof CimdClientError)) {
    throw new Error(`expected a CimdClientError, got ${String(outcome.error)}`, {
      cause: outcome.error,
    });
  }
  return outcome.error;
}
