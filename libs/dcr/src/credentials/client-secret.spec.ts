import { describe, expect, it } from '@jest/globals';
import { clientSecretAuthenticates, clientSecretExpired } from './client-secret.js';
import { digest } from './digest.js';

const SECRET = 'sHS7rv3WqX6jvBQ9nE0zKZ5cYF8vQhLwzJm1pU2tA4o';
const NOW = new Date('2030-01-01T00:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('clientSecretExpired (RFC 7591 §3.2.1)', () => {
  it('is false for a secret that never expires', () => {
    expect(
      clientSecretExpired({ clientSecretDigest: digest(SECRET), clientSecretExpiresAt: null }, NOW),
    ).toBe(false);
  });

  it('is true from the expiry instant on, false before it', () => {
    const client = { clientSecretDigest: digest(SECRET), clientSecretExpiresAt: NOW };
    expect(clientSecretExpired(client, later(-1))).toBe(false);
    expect(clientSecretExpired(client, NOW)).toBe(true);
    expect(clientSecretExpired(client, later(1))).toBe(true);
  });
});

describe('clientSecretAuthenticates', () => {
  const client = { clientSecretDigest: digest(SECRET), clientSecretExpiresAt: later(60) };

  it('accepts the secret whose digest is stored, before it expires', () => {
    expect(clientSecretAuthenticates(client, SECRET, NOW)).toBe(true);
  });

  it.each([
    ['another secret', client, 'another'],
    ['an empty secret', client, ''],
    ['the digest itself', client, digest(SECRET).toString('base64url')],
    ['an expired secret', { ...client, clientSecretExpiresAt: NOW }, SECRET],
    [
      'a client without a secret',
      { clientSecretDigest: null, clientSecretExpiresAt: null },
      SECRET,
    ],
    ['an unknown client', null, SECRET],
  ])('refuses %s', (_label, stored, secret) => {
    expect(clientSecretAuthenticates(stored, secret, NOW)).toBe(false);
  });
});
