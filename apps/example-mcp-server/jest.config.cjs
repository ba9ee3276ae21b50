module.exports = {
  ...require('../../jest.preset.cjs')(__dirname),
  displayName: 'example-mcp-server',
  // A hang guard, not a timing target: each file starts a Nest app and a test authorization server
  // (RSA and EC key generation) in its hooks, which on a loaded 2-core machine can take more than
  // Jest's default 5 s.
  testTimeout: 30_000,
};
