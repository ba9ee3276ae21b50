import { createHash } from 'node:crypto';
import { withClient } from './database.js';
import type { ClientCredentials } from './register-clients.js';

/** Rows inserted per statement, so progress can be shown and no transaction gets huge. */
const BATCH = 100_000;

/**
 * Client `i` of the seed: its id is the base64url of md5('dcr-bench-<i>') (22 characters, like the
 * app's 16-byte ids) and its registration access token is derived from the id, so the bench can
 * read any seeded client without storing a million tokens; its secret is `dcr-bench-secret.<id>`.
 */
export function seededClient(i: number, issuerPath = ''): ClientCredentials {
  const clientId = createHash('md5').update(`dcr-bench-${i}`).digest('base64url');
  return {
    clientId,
    clientSecret: `dcr-bench-secret.${clientId}`,
    path: `${issuerPath}/register/${clientId}`,
    token: seededToken(clientId),
  };
}

function seededToken(clientId: string): string {
  return createHash('sha256').update(`dcr-bench-token.${clientId}`).digest('base64url');
}

/**
 * The same id and token in SQL. `encode(..., 'base64')` is standard base64: translate it to the
 * URL-safe alphabet and drop the padding.
 */
const ID_SQL = `rtrim(translate(encode(decode(md5('dcr-bench-' || i), 'hex'), 'base64'), '+/', '-_'), '=')`;
const TOKEN_SQL = `rtrim(translate(encode(sha256(convert_to('dcr-bench-token.' || id, 'UTF8')), 'base64'), '+/', '-_'), '=')`;

/**
 * Valid-looking confidential clients, shaped like what the app stores for the bench's POST body
 * (metadata with defaults applied, SHA-256 digests of 32 bytes, whole-second timestamps).
 */
const INSERT_BATCH = `
  INSERT INTO dcr_client (client_id, metadata, client_secret_digest, client_secret_expires_at,
    registration_token_digest, issued_at, updated_at, version)
  SELECT id,
    jsonb_build_object(
      'redirect_uris', jsonb_build_array('https://app-' || i || '.example.com/oauth/callback'),
      'token_endpoint_auth_method', 'client_secret_basic',
      'grant_types', '["authorization_code", "refresh_token"]'::jsonb,
      'response_types', '["code"]'::jsonb,
      'client_name', 'Seeded client ' || i,
      'client_uri', 'https://app-' || i || '.example.com',
      'logo_uri', 'https://app-' || i || '.example.com/logo.png',
      'scope', 'openid profile email offline_access',
      'contacts', jsonb_build_array('ops-' || i || '@example.com')),
    sha256(convert_to('dcr-bench-secret.' || id, 'UTF8')),
    NULL,
    sha256(convert_to(${TOKEN_SQL}, 'UTF8')),
    issued_at, issued_at, 1
  FROM (
    SELECT i, ${ID_SQL} AS id,
      date_trunc('second', now()) - make_interval(secs => i) AS issued_at
    FROM generate_series($1::int, $2::int) AS i
  ) AS seed`;

/** Inserts `rows` seeded clients into the app's `dcr_client`, then vacuums and analyses it. */
export async function seedClients(
  url: string,
  rows: number,
  progress: (line: string) => void,
): Promise<void> {
  await withClient(url, async (client) => {
    const started = Date.now();
    for (let first = 1; first <= rows; first += BATCH) {
      const last = Math.min(rows, first + BATCH - 1);
      await client.query(INSERT_BATCH, [first, last]);
      progress(`  seeded ${last.toLocaleString('en')} / ${rows.toLocaleString('en')} clients`);
    }
    await client.query('VACUUM ANALYZE dcr_client');
    const { rows: size } = await client.query<{ count: string; size: string }>(
      `SELECT count(*) AS count, pg_size_pretty(pg_total_relation_size('dcr_client')) AS size FROM dcr_client`,
    );
    progress(
      `  dcr_client: ${Number(size[0]?.count).toLocaleString('en')} rows, ${size[0]?.size} ` +
        `(seeded in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  });
}

/** `count` distinct seeded clients spread over the whole table (a deterministic stride). */
export function sampleSeededClients(rows: number, count: number): ClientCredentials[] {
  const n = Math.min(rows, count);
  const step = rows / n;
  return Array.from({ length: n }, (_, k) => seededClient(1 + Math.floor(k * step)));
}
