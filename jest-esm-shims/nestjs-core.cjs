// `require('@nestjs/core')` under Jest: see jest.resolver.cjs.
module.exports = require('./esm-namespace.cjs')('@nestjs/core');
