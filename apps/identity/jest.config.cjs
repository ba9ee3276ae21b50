module.exports = {
  ...require('../../jest.preset.cjs')(__dirname),
  displayName: 'identity',
  // A hang guard, not a performance target: an app starting on a fresh schema generates its
  // signing keys (RSA and EC) and runs migrations, which takes seconds on a busy machine.
  testTimeout: 60_000,
};
