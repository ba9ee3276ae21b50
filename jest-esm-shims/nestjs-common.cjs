// `require('@nestjs/common')` under Jest: see jest.resolver.cjs.
module.exports = require('./esm-namespace.cjs')('@nestjs/common');
