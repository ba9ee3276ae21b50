import { expect } from '@jest/globals';
import type request from 'supertest';

/**
 * An error answered as JSON: the status, `error` and `error_description`, no-store, and no other
 * member than the extension members the module sends: `field` (the RFC 6901 pointer of the refused
 * value, exactly `field` when given) and `policy`.
 */
export function expectJsonError(
  response: request.Response,
  status: number,
  error: string,
  field?: string,
): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  const extensions = Object.keys(response.body as object).filter(
    (key) => key !== 'error' && key !== 'error_description',
  );
  expect(extensions.every((key) => key === 'field' || key === 'policy')).toBe(true);
  expect(response.body.error).toBe(error);
  expect(typeof response.body.error_description).toBe('string');
  expect(response.body.error_description.length).toBeGreaterThan(0);
  if (field !== undefined) expect(response.body.field).toBe(field);
}
