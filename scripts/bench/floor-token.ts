/**
 * The floor's token endpoint (`POST /token`, floor-server.ts): the least a client_credentials token
 * endpoint must do, to compare the identity app's with. Per request: the client's id and secret
 * from `Authorization: Basic` (RFC 6749 §2.3.1), one SELECT of the client row by primary key, a
 * constant-time comparison of the secret's SHA-256 digest with the stored one, a check that the
 * client registered the grant, and one JWT access token (RFC 9068) signed with jose, with the
 * identity app's access-token algorithm (ES256). No scope or resource logic, no grant stored, no
 * framework. Not part of any shipped code.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import type pg from 'pg';
import { NO_STORE, readText, sendJson as send } from './floor-http.js';

/** The identity app's access-token algorithm (ACCESS_TOKEN_SIGNING_ALG in apps/identity). */
const ACCESS_TOKEN_ALG = 'ES256';
/** The identity app's default ACCESS_TOKEN_TTL_SECONDS. */
const ACCESS_TOKEN_TTL_SECONDS = 3600;

const SELECT_CLIENT = `SELECT client_id, metadata, client_secret_digest, client_secret_expires_at
  FROM floor_client WHERE client_id = $1`;

interface ClientRow {
  client_id: string;
  metadata: { grant_types?: unknown; scope?: unknown };
  client_secret_digest: Buffer | null;
  client_secret_expires_at: Date | null;
}

/** The floor's token endpoint: a signing key of its own, its issuer, the floor's pool. */
export interface FloorTokenEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Generates the signing key (once, at start) and returns the handler of `POST /token`. */
export async function floorTokenEndpoint(
  pool: pg.Pool,
  issuer: string,
): Promise<FloorTokenEndpoint> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG);
  return { handle: (req, res) => issueToken(req, res, pool, issuer, privateKey) };
}

async function issueToken(
  req: IncomingMessage,
  res: ServerResponse,
  pool: pg.Pool,
  issuer: string,
  key: CryptoKey,
): Promise<void> {
  const form = new URLSearchParams((await readText(req)) ?? '');
  const credentials = basicCredentials(req.headers.authorization);
  if (!credentials) return send(res, 401, { error: 'invalid_client' }, NO_STORE);
  const { rows } = await pool.query<ClientRow>(SELECT_CLIENT, [credentials.clientId]);
  const row = rows[0];
  const given = createHash('sha256').update(credentials.secret, 'utf8').digest();
  if (
    !row?.client_secret_digest ||
    !timingSafeEqual(given, row.client_secret_digest) ||
    (row.client_secret_expires_at !== null && row.client_secret_expires_at.getTime() < Date.now())
  ) {
    return send(res, 401, { error: 'invalid_client' }, NO_STORE);
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return send(res, 400, { error: 'unsupported_grant_type' }, NO_STORE);
  }
  const grants = row.metadata.grant_types;
  if (!Array.isArray(grants) || !grants.includes('client_credentials')) {
    return send(res, 400, { error: 'unauthorized_client' }, NO_STORE);
  }
  const scope = typeof row.metadata.scope === 'string' ? row.metadata.scope : 'mcp:tools';
  const accessToken = await new SignJWT({ client_id: row.client_id, scope })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: 'at+jwt' })
    .setIssuer(issuer)
    .setSubject(row.client_id)
    .setAudience(issuer)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .setJti(randomUUID())
    .sign(key);
  send(
    res,
    200,
    {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope,
    },
    NO_STORE,
  );
}

/** RFC 6749 §2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | null {
  const match = /^Basic +([A-Za-z0-9+/]+=*)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return null;
  }
}
