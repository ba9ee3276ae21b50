import { describe, expect, it } from '@jest/globals';
import { parseClientCredentials } from './client-credentials.js';
import {
  BASIC_CHALLENGE,
  basic,
  caught,
  expectInvalidClient,
} from './client-credentials.spec-helpers.js';

const ONE_METHOD = 'use one client authentication method per request (RFC 6749 §2.3)';
const ID_MISMATCH = 'client_id in the body differs from the one in the Authorization header';
const NO_CREDENTIALS = 'no client authentication was presented';
const ASSERTION = 'client assertions (RFC 7523) are not verified by this server';

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

  describe('client assertions (RFC 7523)', () => {
    it.each([
      [
        'client_assertion and its type',
        {
          client_id: 'id',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
        },
      ],
      ['client_assertion alone', { client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }],
      [
        'client_assertion_type alone',
        { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' },
      ],
      ['an empty client_assertion', { client_id: 'id', client_assertion: '' }],
    ])('rejects %s, without a challenge', (_label, body) => {
      expectInvalidClient(() => parseClientCredentials(undefined, body), ASSERTION, false);
    });

    it('rejects a client_assertion next to a client_secret', () => {
      expectInvalidClient(
        () =>
          parseClientCredentials(undefined, {
            client_id: 'id',
            client_secret: 'secret',
            client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
          }),
        ASSERTION,
        false,
      );
    });

    it('rejects a client_assertion next to Basic, with a Basic challenge (RFC 6749 §5.2)', () => {
      const error = caught(() =>
        parseClientCredentials(basic('id:secret'), {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
        }),
      );
      expect(error.error).toBe('invalid_client');
      expect(error.status).toBe(401);
      expect(error.headers).toEqual(BASIC_CHALLENGE);
    });
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
