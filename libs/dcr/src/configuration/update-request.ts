import { matchesDigest } from '../credentials/digest.js';
import { invalidClientMetadata } from '../errors/oauth-error.js';

/**
 * RFC 7592 §2.2: fields the client must not send in an update. They are set by the server; the
 * request must not try to change them.
 */
const SERVER_FIELDS = [
  'registration_access_token',
  'registration_client_uri',
  'client_secret_expires_at',
  'client_id_issued_at',
] as const;

/**
 * Checks the parts of an update request (RFC 7592 §2.2) that registration does not have: the body
 * names the client it replaces, carries no server-set field, and any `client_secret` in it is the
 * client's current secret (compared in constant time). A client never chooses its secret.
 */
export function checkUpdateRequest(
  body: Readonly<Record<string, unknown>>,
  clientId: string,
  currentSecretDigest: Buffer | null,
): void {
  if (body.client_id !== clientId) {
    throw invalidClientMetadata(
      'client_id: the body must carry the client_id of the client being updated (RFC 7592 §2.2)',
    );
  }
  const serverField = SERVER_FIELDS.find((field) => Object.hasOwn(body, field));
  if (serverField) {
    throw invalidClientMetadata(
      `${serverField}: is set by the server and must not be sent in an update (RFC 7592 §2.2)`,
    );
  }
  const secret = body.client_secret;
  if (secret === undefined || secret === null) return;
  if (
    typeof secret !== 'string' ||
    currentSecretDigest === null ||
    !matchesDigest(secret, currentSecretDigest)
  ) {
    throw invalidClientMetadata(
      'client_secret: must be the current client secret; a client cannot choose its secret (RFC 7592 §2.2)',
    );
  }
}
