export { TEST_DATABASE_URL, createTestSchema, type TestSchema } from './test-schema.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
