import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { jest } from '@jest/globals';

/**
 * Lets `SwaggerModule.setup` serve Swagger UI's assets on Fastify inside Jest.
 *
 * On Fastify, `@nestjs/swagger` loads `@fastify/static` (CommonJS) when the app starts, and
 * `@fastify/static` `require`s `content-disposition` 3, which ships ES modules only. Node ≥ 20.19
 * loads it (`require(esm)`), so the built app works, but Jest's module loader supports that only
 * on Node ≥ 24.9: under Jest the `require` throws, `@nestjs/swagger` reports the package as
 * missing and calls `process.exit(1)`, which ends the whole test file.
 *
 * This registers the ES module, loaded the way Jest can (`import`), as the result of that one
 * `require`. Nothing of the app is replaced: the real `@fastify/static` serves the real assets.
 */
export async function allowSwaggerUiUnderJest(): Promise<void> {
  const require = createRequire(import.meta.url);
  const fastifyStatic = require.resolve('@fastify/static');
  const contentDispositionPath = createRequire(fastifyStatic).resolve('content-disposition');
  const contentDisposition: unknown = await import(pathToFileURL(contentDispositionPath).href);
  // `doMock`, not `mock`: the transform hoists `jest.mock` above the lines that compute its arguments.
  jest.doMock(contentDispositionPath, () => contentDisposition);
}
