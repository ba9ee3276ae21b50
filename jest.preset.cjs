// Shared Jest settings. NestJS 12 ships ES modules only, so Jest runs in ESM mode
// (NODE_OPTIONS=--experimental-vm-modules) and @swc/jest emits ES modules with
// legacy decorators and decorator metadata, which Nest's DI and Swagger read.
const path = require('node:path');

/** @type {(projectRoot: string) => import('jest').Config} */
module.exports = (projectRoot) => ({
  rootDir: projectRoot,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
          target: 'es2022',
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: {
    // Sources import siblings as './x.js' (Node ESM rules); Jest resolves the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Tests use the library's source, never a stale build.
    '^@agent-runtimes/dcr$': path.join(__dirname, 'libs/dcr/src/index.ts'),
    '^@agent-runtimes/testing$': path.join(__dirname, 'libs/testing/src/index.ts'),
  },
  setupFiles: [path.join(__dirname, 'jest.setup.cjs')],
  // CommonJS dependencies (@nestjs/throttler) that require the ESM-only Nest packages.
  resolver: path.join(__dirname, 'jest.resolver.cjs'),
  setupFilesAfterEnv: [path.join(__dirname, 'jest.setup-esm.mjs')],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
});
