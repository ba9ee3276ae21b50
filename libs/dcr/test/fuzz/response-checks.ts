import { isDeepStrictEqual } from 'node:util';
import type { FuzzRequest } from './arbitraries.js';
import type { HttpResult } from './http-client.js';

/** The body limit of the test app (`BODY_LIMIT` in `dcr-test-app.ts`). */
export const BODY_LIMIT = 64 * 1024;

/** Response members set by the server, not metadata (RFC 7591 §3.2.1, RFC 7592 §3). */
const SERVER_MEMBERS = new Set([
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
]);

/** What one response was. */
export type Outcome =
  | { readonly success: true; readonly body: Record<string, unknown> }
  | { readonly success: false; readonly status: number; readonly error: string };

/**
 * Checks one response against the property: a success (`successStatus`) with a JSON body and
 * `Cache-Control: no-store`, or a 4xx whose body is `{"error": string, "error_description":
 * string}` (RFC 7591 §3.2.2), with at most the `field` (a JSON pointer) and `policy` extension
 * members, and `Cache-Control: no-store`; never a 5xx. A valid request must succeed and echo its metadata; a JSON body over the
 * limit must be a 413. Returns what the response was and the problems found, so that the caller
 * can follow the server's state before failing.
 */
export function checkResponse(
  request: FuzzRequest,
  bodyBytes: number,
  result: HttpResult,
  successStatus: 200 | 201,
  mustSucceed: boolean,
): { outcome: Outcome; problems: string[] } {
  const problems: string[] = [];
  const json = parseObject(result.body.toString('utf8'));
  if (result.headers['cache-control'] !== 'no-store') {
    problems.push(
      `Cache-Control is ${JSON.stringify(result.headers['cache-control'])}, not no-store`,
    );
  }
  if (!/^application\/json\b/.test(result.headers['content-type'] ?? '') || json === undefined) {
    problems.push(`the body is not a JSON object (Content-Type ${result.headers['content-type']})`);
  }
  if (mustSucceed && result.status !== successStatus) {
    problems.push(`valid metadata was refused: expected ${successStatus}`);
  }
  if (
    bodyBytes > BODY_LIMIT &&
    request.contentType === 'application/json' &&
    result.status !== 413
  ) {
    problems.push(
      `a ${bodyBytes}-byte JSON body is over the ${BODY_LIMIT}-byte limit: expected 413`,
    );
  }
  if (result.status === successStatus) {
    if (typeof json?.client_id !== 'string' || typeof json.registration_access_token !== 'string') {
      problems.push('a success without client_id and registration_access_token');
    }
    if (request.metadata && json) problems.push(...echoProblems(request.metadata, json));
  } else if (result.status >= 400 && result.status < 500) {
    // `field` (a JSON pointer) and `policy` are the extension members errors may add (RFC 6749
    // §5.2 allows members beyond `error`); nothing else.
    const extensions = json ? Object.keys(json).filter((key) => !ERROR_MEMBERS.has(key)) : [];
    if (
      typeof json?.error !== 'string' ||
      json.error === '' ||
      typeof json.error_description !== 'string' ||
      extensions.some((key) => !EXTENSION_MEMBERS.has(key) || typeof json[key] !== 'string') ||
      (typeof json.field === 'string' && !/^(\/.*)?$/.test(json.field))
    ) {
      problems.push(
        'the error body is not {"error": string, "error_description": string, "field"?: pointer, "policy"?: string}',
      );
    }
  } else {
    problems.push(`expected ${successStatus} or a 4xx`);
  }
  const outcome: Outcome =
    json && result.status === successStatus
      ? { success: true, body: json }
      : { success: false, status: result.status, error: String(json?.error) };
  return { outcome, problems };
}

const ERROR_MEMBERS = new Set(['error', 'error_description']);
const EXTENSION_MEMBERS = new Set(['field', 'policy']);

/** Throws an error naming the response and every problem found with it, if any. */
export function failOnProblems(result: HttpResult, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const text = result.body.toString('utf8').slice(0, 300);
  throw new Error(`answered ${result.status} ${text}\n- ${problems.join('\n- ')}`);
}

/** The metadata of a client information response: every member the server does not set. */
export function metadataOf(response: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response).filter(([key]) => !SERVER_MEMBERS.has(key)));
}

function echoProblems(
  sent: Readonly<Record<string, unknown>>,
  response: Readonly<Record<string, unknown>>,
): string[] {
  return Object.entries(sent)
    .filter(([key, value]) => !isDeepStrictEqual(response[key], value))
    .map(
      ([key, value]) =>
        `${key} was sent as ${JSON.stringify(value)} but echoed as ${JSON.stringify(response[key])}`,
    );
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
