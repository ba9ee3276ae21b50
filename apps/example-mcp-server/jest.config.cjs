module.exports = {
  ...require('../../jest.preset.cjs')(__dirname),
  displayName: 'example-mcp-server',
};
