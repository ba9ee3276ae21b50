import { CLIENT_ID_BYTES } from './random-token.js';

// base64url without padding of CLIENT_ID_BYTES random bytes: 16 bytes are 22 characters.
const ISSUED_CLIENT_ID = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((CLIENT_ID_BYTES * 4) / 3)}}$`);

/**
 * Whether `clientId` has the form of the identifiers this module issues. Anything else (a NUL, a
 * path, a URL, a megabyte of text) cannot be a registered client, so it is refused like an unknown
 * client before any query: PostgreSQL would refuse some of those values with an error of its own.
 */
export function isIssuedClientId(clientId: string): boolean {
  return ISSUED_CLIENT_ID.test(clientId);
}
