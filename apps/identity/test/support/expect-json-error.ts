import { expect } from '@jest/globals';
import type request from 'supertest';

/** An error answered as JSON: the status, exactly `error` and `error_description`, no-store. */
export function expectJsonError(response: request.Response, status: number, error: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(Object.keys(response.body as object).sort()).toEqual(['error', 'error_description']);
  expect(response.body.error).toBe(error);
  expect(typeof response.body.error_description).toBe('string');
  expect(response.body.error_description.length).toBeGreaterThan(0);
}
