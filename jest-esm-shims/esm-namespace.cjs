// The ES module namespace of a package that jest.setup-esm.mjs imported for this test file.
module.exports = (name) => {
  const namespace = globalThis[Symbol.for(`jest.esm-namespace:${name}`)];
  if (!namespace) throw new Error(`${name} was not imported by jest.setup-esm.mjs`);
  return namespace;
};
