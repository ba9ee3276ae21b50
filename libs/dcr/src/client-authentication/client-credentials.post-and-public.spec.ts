import { describe, expect, it } from '@jest/globals';
import { parseClientCredentials } from './client-credentials.js';

describe('parseClientCredentials', () => {
  describe('client_secret_post (RFC 6749 §2.3.1)', () => {
    it('reads client_id and client_secret from the body', () => {
      expect(
        parseClientCredentials(undefined, {
          grant_type: 'client_credentials',
          client_id: 's6BhdRkqt3',
          client_secret: '7Fjfp0ZBr1KtDRbnfVdmIw',
        }),
      ).toEqual({
        method: 'client_secret_post',
        clientId: 's6BhdRkqt3',
        clientSecret: '7Fjfp0ZBr1KtDRbnfVdmIw',
      });
    });

    it('does not decode body values a second time', () => {
      expect(
        parseClientCredentials(undefined, { client_id: 'a+b%20c', client_secret: 's+%41' }),
      ).toEqual({ method: 'client_secret_post', clientId: 'a+b%20c', clientSecret: 's+%41' });
    });

    it('keeps an empty client_secret as an empty secret', () => {
      expect(parseClientCredentials(undefined, { client_id: 'id', client_secret: '' })).toEqual({
        method: 'client_secret_post',
        clientId: 'id',
        clientSecret: '',
      });
    });

    it.each([
      ['an empty', ''],
      ['a blank', '   '],
    ])('treats %s Authorization header as absent', (_label, header) => {
      expect(parseClientCredentials(header, { client_id: 'id', client_secret: 'secret' })).toEqual({
        method: 'client_secret_post',
        clientId: 'id',
        clientSecret: 'secret',
      });
    });
  });

  describe('public clients (RFC 6749 §3.2.1)', () => {
    it('returns method none for a client_id alone', () => {
      expect(
        parseClientCredentials(undefined, { grant_type: 'authorization_code', client_id: 'pub' }),
      ).toEqual({ method: 'none', clientId: 'pub' });
    });

    it('treats an empty Authorization header as absent', () => {
      expect(parseClientCredentials('', { client_id: 'pub' })).toEqual({
        method: 'none',
        clientId: 'pub',
      });
    });

    it('has no clientSecret property', () => {
      const result = parseClientCredentials(undefined, { client_id: 'pub' });
      expect(Object.keys(result).sort()).toEqual(['clientId', 'method']);
    });
  });
});
