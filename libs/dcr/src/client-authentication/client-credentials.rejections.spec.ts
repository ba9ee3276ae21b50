import { describe, expect, it } from '@jest/globals';
import { parseClientCredentials } from './client-credentials.js';
import { basic, caught, expectInvalidClient } from './client-credentials.spec-helpers.js';

const ONE_METHOD = 'use one client authentication method per request (RFC 6749 §2.3)';
const ID_MISMATCH = 'client_id in the body differs from the one in the Authorization header';
const NO_CREDENTIALS = 'no client authentication was presented';

/**
 * RFC 6749 §5.2: a request that repeats a parameter or uses more than one authentication method is
 * invalid_request, 400, whatever the scheme tried.
 */
function expectInvalidRequest(fn: () => unknown, description: string): void {
  const error = caught(fn);
  expect(error.error).toBe('invalid_request');
  expect(error.status).toBe(400);
  expect(error.description).toBe(description);
  expect(error.headers).toEqual({});
}

describe('parseClientCredentials', () => {
  describe('one method per request (RFC 6749 §2.3)', () => {
    it('rejects Basic plus a client_secret in the body, as invalid_request', () => {
      expectInvalidRequest(
        () =>
          parseClientCredentials(basic('id:secret'), { client_id: 'id', client_secret: 'secret' }),
        ONE_METHOD,
      );
    });

    it('rejects Basic plus a body client_secret even without a body client_id', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('id:secret'), { client_secret: 'other' }),
        ONE_METHOD,
      );
    });

    it('rejects Basic plus an empty body client_secret', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('id:secret'), { client_secret: '' }),
        ONE_METHOD,
      );
    });

    it('rejects a body client_id that differs from the Basic id, as invalid_request', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('client-1:secret'), { client_id: 'client-2' }),
        ID_MISMATCH,
      );
    });

    it('compares client_ids case-sensitively', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('Client:secret'), { client_id: 'client' }),
        ID_MISMATCH,
      );
    });

    it('compares the body client_id with the decoded id: "+" in Basic is a space', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a+b:secret'), { client_id: 'a+b' }),
        ID_MISMATCH,
      );
    });
  });

  describe('repeated parameters (RFC 6749 §3.2)', () => {
    it.each([
      ['client_id', { client_id: ['a', 'a'] }],
      ['client_id', { client_id: ['a', 'b'], client_secret: 's' }],
      ['client_secret', { client_id: 'a', client_secret: ['s', 's'] }],
    ])('rejects a repeated %s as invalid_request (RFC 6749 §5.2)', (name, body) => {
      expectInvalidRequest(
        () => parseClientCredentials(undefined, body),
        `${name} must be sent exactly once`,
      );
    });

    it.each([
      ['a number', 42],
      ['an object', { value: 'a' }],
      ['null', null],
    ])('rejects a client_id that is %s', (_label, value) => {
      expectInvalidRequest(
        () => parseClientCredentials(undefined, { client_id: value }),
        'client_id must be sent exactly once',
      );
    });

    it('rejects a repeated client_id as invalid_request also when Basic was used', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a:secret'), { client_id: ['a', 'a'] }),
        'client_id must be sent exactly once',
      );
    });

    it('rejects a repeated client_secret as invalid_request also when Basic was used', () => {
      expectInvalidRequest(
        () => parseClientCredentials(basic('a:secret'), { client_secret: ['s', 's'] }),
        'client_secret must be sent exactly once',
      );
    });
  });

  describe('a client assertion next to another method (RFC 6749 §2.3, §5.2)', () => {
    const assertion = {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJpZCJ9.sig',
    };

    it('rejects a client_assertion next to a client_secret, as invalid_request', () => {
      expectInvalidRequest(
        () =>
          parseClientCredentials(undefined, {
            client_id: 'id',
            client_secret: 'secret',
            ...assertion,
          }),
        ONE_METHOD,
      );
    });

    it('rejects a client_assertion next to Basic, as invalid_request', () => {
      expectInvalidRequest(() => parseClientCredentials(basic('id:secret'), assertion), ONE_METHOD);
    });

    it('rejects a client_assertion_type alone next to Basic, as invalid_request', () => {
      expectInvalidRequest(
        () =>
          parseClientCredentials(basic('id:secret'), {
            client_assertion_type: assertion.client_assertion_type,
          }),
        ONE_METHOD,
      );
    });

    it.each(['client_assertion', 'client_assertion_type'])(
      'rejects a repeated %s as invalid_request (RFC 6749 §3.2)',
      (name) => {
        expectInvalidRequest(
          () =>
            parseClientCredentials(undefined, {
              ...assertion,
              [name]: [assertion[name as keyof typeof assertion], 'x'],
            }),
          `${name} must be sent exactly once`,
        );
      },
    );
  });

  describe('no credentials', () => {
    it.each([
      ['no header and no body', undefined, undefined],
      ['no header and an empty body', undefined, {}],
      ['no header and a body without client_id', undefined, { grant_type: 'client_credentials' }],
      ['a client_secret without client_id', undefined, { client_secret: 'secret' }],
      ['an empty header and no body', '', undefined],
      ['a blank header and an empty body', '  ', {}],
    ])('rejects %s, without a challenge', (_label, header, body) => {
      expectInvalidClient(() => parseClientCredentials(header, body), NO_CREDENTIALS, false);
    });
  });
});
