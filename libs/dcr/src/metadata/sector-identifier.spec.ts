import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { checkSectorIdentifierDocument } from './sector-identifier.js';

const URIS = ['https://a.example/cb', 'https://b.example/cb'];

describe('checkSectorIdentifierDocument (OpenID Connect Registration 1.0 §5)', () => {
  it('accepts a document listing every redirect URI, and more', () => {
    expect(() =>
      checkSectorIdentifierDocument([...URIS, 'https://c.example/cb'], URIS),
    ).not.toThrow();
    expect(() => checkSectorIdentifierDocument([], [])).not.toThrow();
  });

  it.each([
    ['an object', { redirect_uris: URIS }],
    ['a string', 'https://a.example/cb'],
    ['null', null],
    ['an array with a number', ['https://a.example/cb', 1]],
    ['an array with an object', [{ uri: 'https://a.example/cb' }]],
  ])('refuses %s', (_label, document) => {
    expectOAuthError(
      () => checkSectorIdentifierDocument(document, URIS),
      'invalid_client_metadata',
      /^sector_identifier_uri: the document must be a JSON array of URIs/,
      '/sector_identifier_uri',
    );
  });

  it('refuses a document missing a redirect URI and names the first one missing', () => {
    expectOAuthError(
      () => checkSectorIdentifierDocument(['https://a.example/cb'], URIS),
      'invalid_client_metadata',
      /^sector_identifier_uri: the document does not list redirect_uris\[1\]/,
      '/sector_identifier_uri',
    );
  });

  it('compares URIs as exact strings', () => {
    expectOAuthError(
      () => checkSectorIdentifierDocument(['https://a.example/cb/', 'https://B.example/cb'], URIS),
      'invalid_client_metadata',
      /does not list redirect_uris\[0\]/,
      '/sector_identifier_uri',
    );
  });
});
