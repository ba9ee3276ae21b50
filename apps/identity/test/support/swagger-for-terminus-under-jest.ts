import { createRequire } from 'node:module';
import { jest } from '@jest/globals';
import * as swagger from '@nestjs/swagger';

/**
 * Lets `@nestjs/terminus` document the health endpoints under Jest as it does in the built app.
 *
 * Terminus's `@HealthCheck()` adds its OpenAPI responses (200 and 503, with their schemas) only if
 * `require('@nestjs/swagger')` succeeds. `@nestjs/swagger` ships ES modules only: Node ≥ 20.19
 * loads it (`require(esm)`), but Jest's module loader supports that only on Node ≥ 24.9, so under
 * Jest the `require` throws, terminus silently leaves the health endpoints undocumented, and the
 * document differs from the one the built app serves.
 *
 * This registers the module Jest has already loaded (`import`) as the result of that `require`.
 * It must run before the health controller is defined, so import this file before the app's files:
 * it has no top-level `await`, so it is evaluated before the imports that follow it.
 */
const swaggerPath = createRequire(import.meta.url).resolve('@nestjs/swagger');
// `doMock`, not `mock`: the transform hoists `jest.mock` above the lines that compute its arguments.
jest.doMock(swaggerPath, () => swagger);
