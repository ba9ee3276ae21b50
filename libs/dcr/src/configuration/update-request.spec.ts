import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import { OAuthError } from '../errors/oauth-error.js';
import { checkUpdateRequest } from './update-request.js';

const CLIENT_ID = 'c-4f1d0b7e';
const SECRET = 'zL3yq8Vn0rKc7WbT2hJ5mXfA9sD4gE6uP1oI0kR8wQe';
const SECRET_DIGEST = digest(SECRET);

const CLIENT_ID_ERROR =
  'client_id: the body must carry the client_id of the client being updated (RFC 7592 §2.2)';
const SECRET_ERROR =
  'client_secret: must be the current client secret; a client cannot choose its secret (RFC 7592 §2.2)';

/** A full-replacement update body as RFC 7592 §2.2 expects it. */
function updateBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_id: CLIENT_ID,
    redirect_uris: ['https://client.example.org/callback'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    client_name: 'My Example',
    ...extra,
  };
}

function expectInvalidMetadata(fn: () => unknown, description: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OAuthError);
  const error = thrown as OAuthError;
  expect(error.error).toBe('invalid_client_metadata');
  expect(error.status).toBe(400);
  expect(error.headers).toEqual({});
  expect(error.description).toBe(description);
}

describe('checkUpdateRequest', () => {
  describe('accepts', () => {
    it('a body with the client_id and no secret, for a client with a secret', () => {
      expect(() => checkUpdateRequest(updateBody(), CLIENT_ID, SECRET_DIGEST)).not.toThrow();
    });

    it('a body with the client_id and no secret, for a client without a secret', () => {
      expect(() =>
        checkUpdateRequest(updateBody({ token_endpoint_auth_method: 'none' }), CLIENT_ID, null),
      ).not.toThrow();
    });

    it('a body carrying only the client_id', () => {
      expect(() => checkUpdateRequest({ client_id: CLIENT_ID }, CLIENT_ID, null)).not.toThrow();
    });

    it('the current client_secret (RFC 7592 §2.2)', () => {
      expect(() =>
        checkUpdateRequest(updateBody({ client_secret: SECRET }), CLIENT_ID, SECRET_DIGEST),
      ).not.toThrow();
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
    ])('a %s client_secret, as if it were absent, with a digest', (_label, value) => {
      expect(() =>
        checkUpdateRequest(updateBody({ client_secret: value }), CLIENT_ID, SECRET_DIGEST),
      ).not.toThrow();
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
    ])('a %s client_secret, as if it were absent, without a digest', (_label, value) => {
      expect(() =>
        checkUpdateRequest(updateBody({ client_secret: value }), CLIENT_ID, null),
      ).not.toThrow();
    });

    it('fields it does not own (other metadata is checked elsewhere)', () => {
      expect(() =>
        checkUpdateRequest(
          updateBody({ software_statement: 'x', unknown_field: 1 }),
          CLIENT_ID,
          SECRET_DIGEST,
        ),
      ).not.toThrow();
    });

    it('returns nothing', () => {
      expect(checkUpdateRequest(updateBody(), CLIENT_ID, SECRET_DIGEST)).toBeUndefined();
    });
  });

  describe('client_id must equal the client being updated (RFC 7592 §2.2)', () => {
    it('rejects a missing client_id', () => {
      const body = updateBody();
      delete body.client_id;
      expectInvalidMetadata(() => checkUpdateRequest(body, CLIENT_ID, null), CLIENT_ID_ERROR);
    });

    it.each([
      ['another client', 'c-00000000'],
      ['another case', CLIENT_ID.toUpperCase()],
      ['a trailing space', `${CLIENT_ID} `],
      ['a prefix of it', CLIENT_ID.slice(0, -1)],
      ['an empty string', ''],
      ['null', null],
      ['an array holding it', [CLIENT_ID]],
      ['an object', { id: CLIENT_ID }],
    ])('rejects %s', (_label, value) => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ client_id: value }), CLIENT_ID, SECRET_DIGEST),
        CLIENT_ID_ERROR,
      );
    });

    it('rejects a numeric client_id that equals the numeric-looking id only as text', () => {
      expectInvalidMetadata(
        () => checkUpdateRequest({ client_id: 12345 }, '12345', null),
        CLIENT_ID_ERROR,
      );
    });
  });

  describe('server-set fields (RFC 7592 §2.2)', () => {
    it.each([
      ['registration_access_token', 'reg-23410913-abewfq.123483'],
      ['registration_client_uri', `https://server.example.com/register/${CLIENT_ID}`],
      ['client_secret_expires_at', 1577858400],
      ['client_id_issued_at', 2893256800],
    ])('rejects %s and names it', (field, value) => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ [field]: value }), CLIENT_ID, SECRET_DIGEST),
        `${field}: is set by the server and must not be sent in an update (RFC 7592 §2.2)`,
      );
    });

    it.each([
      ['registration_access_token', null],
      ['registration_client_uri', ''],
      ['client_secret_expires_at', 0],
      ['client_id_issued_at', undefined],
    ])('rejects %s even with an empty value (%p)', (field, value) => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ [field]: value }), CLIENT_ID, SECRET_DIGEST),
        `${field}: is set by the server and must not be sent in an update (RFC 7592 §2.2)`,
      );
    });

    it('rejects a server-set field even next to the correct client_secret', () => {
      expectInvalidMetadata(
        () =>
          checkUpdateRequest(
            updateBody({ client_secret: SECRET, client_secret_expires_at: 0 }),
            CLIENT_ID,
            SECRET_DIGEST,
          ),
        'client_secret_expires_at: is set by the server and must not be sent in an update (RFC 7592 §2.2)',
      );
    });
  });

  describe('client_secret must be the current secret (RFC 7592 §2.2)', () => {
    it.each([
      ['another secret', 'chosen-by-the-client'],
      ['an empty string', ''],
      ['the secret with a trailing space', `${SECRET} `],
      ['the secret in another case', SECRET.toLowerCase()],
      ['the secret without its last character', SECRET.slice(0, -1)],
      ['the hex digest of the secret', SECRET_DIGEST.toString('hex')],
    ])('rejects %s', (_label, value) => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ client_secret: value }), CLIENT_ID, SECRET_DIGEST),
        SECRET_ERROR,
      );
    });

    it('rejects any secret sent by a client that has none', () => {
      expectInvalidMetadata(
        () =>
          checkUpdateRequest(
            updateBody({ token_endpoint_auth_method: 'none', client_secret: 'new-secret' }),
            CLIENT_ID,
            null,
          ),
        SECRET_ERROR,
      );
    });

    it('rejects an empty secret sent by a client that has none', () => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ client_secret: '' }), CLIENT_ID, null),
        SECRET_ERROR,
      );
    });

    it.each([
      ['a number', 12345],
      ['a boolean', true],
      ['false', false],
      ['an array holding the secret', [SECRET]],
      ['an object', { value: SECRET }],
    ])('rejects a non-string secret: %s', (_label, value) => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ client_secret: value }), CLIENT_ID, SECRET_DIGEST),
        SECRET_ERROR,
      );
    });

    it('rejects a numeric secret whose text is the current secret', () => {
      expectInvalidMetadata(
        () => checkUpdateRequest(updateBody({ client_secret: 12345 }), CLIENT_ID, digest('12345')),
        SECRET_ERROR,
      );
    });
  });
});
