module.exports = {
  ...require('../../jest.preset.cjs')(__dirname),
  displayName: 'dcr',
  // The e2e suites start apps, run migrations and make certificates in their hooks; with the
  // identity suite running beside them on 2 cores, a hook took over Jest's default 5 s (a fresh
  // clone's CI run: cimd-resolver's beforeAll).
  testTimeout: 30_000,
};
