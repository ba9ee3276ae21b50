import { hash } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';
import type { OidcModelEntity } from './oidc-model.entity.js';

/**
 * Models whose identifier is not a bearer value: a grant id identifies a grant but grants nothing
 * to whoever knows it, and tokens refer to it, so it is stored as it is (to revoke by grant id).
 * Every other identifier is a code, a token, a session cookie or an interaction id: only its
 * digest is stored.
 */
const PLAIN_ID_KINDS = new Set(['Grant']);

/** SHA-256 of a high-entropy bearer value, base64url: what is stored instead of the value. */
export function digestOf(value: string): string {
  return hash('sha256', value, 'base64url');
}

/** The primary key a model's identifier is stored under. */
export function storedId(kind: string, id: string): string {
  return PLAIN_ID_KINDS.has(kind) ? id : digestOf(id);
}

/**
 * The row that stores a model: the identifier as {@link storedId}, the payload without it (and
 * without an interaction's copy of the session cookie, which nothing reads back), and the
 * columns oidc-provider looks models up by.
 *
 * @param expiresIn seconds from `now` until the model expires, as oidc-provider passes it
 */
export function toStoredModel(
  kind: string,
  id: string,
  payload: AdapterPayload,
  expiresIn: number | undefined,
  now: Date,
): OidcModelEntity {
  const stored: Record<string, unknown> = { ...payload };
  delete stored.jti;
  delete stored.consumed; // kept in its own column, set only by consume()
  if (isRecord(stored.session) && 'cookie' in stored.session) {
    const session: Record<string, unknown> = { ...stored.session };
    delete session.cookie;
    stored.session = session;
  }
  return {
    id: storedId(kind, id),
    kind,
    payload: stored,
    grantId: kind === 'Grant' ? id : text(payload.grantId),
    uid: text(payload.uid),
    userCode: typeof payload.userCode === 'string' ? digestOf(payload.userCode) : null,
    clientId:
      text(payload.clientId) ?? (isRecord(payload.params) ? text(payload.params.client_id) : null),
    expiresAt: expiryOf(payload, expiresIn, now),
    consumedAt: null,
  };
}

/**
 * The payload oidc-provider gets back: the stored one, with `jti` when the caller looked the model
 * up by its identifier (a look-up by uid or user code cannot restore it: only its digest is
 * stored), and `consumed` (seconds since the epoch) once the model was consumed.
 */
export function fromStoredModel(row: OidcModelEntity, id?: string): AdapterPayload {
  return {
    ...row.payload,
    ...(id === undefined ? {} : { jti: id }),
    ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}),
  };
}

function expiryOf(payload: AdapterPayload, expiresIn: number | undefined, now: Date): Date | null {
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) {
    return new Date(now.getTime() + expiresIn * 1000);
  }
  return typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
