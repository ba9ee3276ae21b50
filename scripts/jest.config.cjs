module.exports = {
  ...require('../jest.preset.cjs')(__dirname),
  displayName: 'scripts',
  // The bench's pure parts (statistics); the bench itself is run, not tested.
  testMatch: ['<rootDir>/bench/**/*.spec.ts'],
};
