import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '@agent-runtimes/dcr';
import { assertFormContentType } from './form-content-type.js';

describe('assertFormContentType', () => {
  it.each([
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'Application/X-WWW-Form-URLEncoded',
    '  application/x-www-form-urlencoded  ;charset=utf-8',
  ])('accepts %j', (contentType) => {
    expect(() => assertFormContentType(contentType)).not.toThrow();
  });

  it.each([
    undefined,
    '',
    'application/json',
    'multipart/form-data; boundary=x',
    'text/plain',
    'application/x-www-form-urlencoded-extra',
  ])('refuses %j with invalid_request (400)', (contentType) => {
    let thrown: unknown;
    try {
      assertFormContentType(contentType);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OAuthError);
    expect((thrown as OAuthError).error).toBe('invalid_request');
    expect((thrown as OAuthError).status).toBe(400);
  });
});
