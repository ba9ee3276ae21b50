export { TEST_DATABASE_URL, createTestSchema, type TestSchema } from './test-schema.js';
