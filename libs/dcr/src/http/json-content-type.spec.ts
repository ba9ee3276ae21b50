import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import { assertJsonContentType } from './json-content-type.js';

describe('assertJsonContentType (RFC 7591 §3.1)', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'application/json ; charset=utf-8',
    'application/json;',
    'APPLICATION/JSON',
    'Application/Json; Charset=UTF-8',
    ' application/json ',
    '\tapplication/json',
  ])('accepts %p', (contentType) => {
    expect(() => assertJsonContentType(contentType)).not.toThrow();
  });

  it.each([
    undefined,
    '',
    ' ',
    ';charset=utf-8',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json5',
    'application/jsonx; charset=utf-8',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/vnd.api+json',
    'application/ld+json',
    'application/jwt',
    'application/json, text/plain',
    'application /json',
    'application/ json',
    'json',
    '*/*',
    'application/*',
  ])('rejects %p with invalid_client_metadata', (contentType) => {
    let caught: unknown;
    try {
      assertJsonContentType(contentType);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OAuthError);
    expect((caught as OAuthError).error).toBe('invalid_client_metadata');
    expect((caught as OAuthError).status).toBe(400);
    expect((caught as OAuthError).description).toBe(
      'Content-Type must be application/json (RFC 7591 §3.1)',
    );
  });
});
