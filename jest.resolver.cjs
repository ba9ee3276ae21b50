// Resolves modules for Jest. One exception to Jest's default resolution: Jest on Node 20 cannot
// `require()` an ES module (Node can, since 20.19), and @nestjs/throttler is CommonJS that
// requires the ESM-only @nestjs/common and @nestjs/core. Such a require gets a CommonJS shim that
// hands over the ES module namespace which `jest.setup-esm.mjs` imported into the same test file's
// module registry: one copy of Nest, as under Node. `import`s resolve as usual.
const path = require('node:path');

const SHIMMED = {
  '@nestjs/common': path.join(__dirname, 'jest-esm-shims/nestjs-common.cjs'),
  '@nestjs/core': path.join(__dirname, 'jest-esm-shims/nestjs-core.cjs'),
};

module.exports = (request, options) => {
  const shim = SHIMMED[request];
  if (shim && !(options.conditions ?? []).includes('import')) return shim;
  return options.defaultResolver(request, options);
};
