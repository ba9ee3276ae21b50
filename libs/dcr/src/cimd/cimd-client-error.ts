import { OAuthError, type OAuthErrorExtensions } from '../errors/oauth-error.js';

/**
 * The specification every rule of this folder comes from, cited in descriptions. Sections are
 * numbered as in the working group's copy after -02 (§3 the URL, §4 the document, §4.1
 * credentials, §4.2 redirect URIs, §5 fetching, §5.1 errors, §5.2 caching, §6 discovery, §7.1 URL
 * and issued client ids, §8.5 phishing, §8.6 SSRF, §8.7 response size, §8.9 domain trust).
 */
export const CIMD_DRAFT = 'draft-ietf-oauth-client-id-metadata-document';

/**
 * The rule that refused a Client ID Metadata Document client, for callers and logs:
 *
 * - the `client_id` URL (draft §3): `length`, `characters`, `https`, `fragment`, `userinfo`,
 *   `host`, `path`, `dot_segment`, `query`;
 * - the operator's controls: `disabled` (CIMD is off), `denied_host`, `host_not_allowed`;
 * - fetching (draft §5, §8): `fetch` (the fetcher's refusal: address, timeout, redirect, size,
 *   status, JSON), `status` (a 2xx other than 200), `busy` (another instance's fetch did not end);
 * - the document (draft §4): `not_object`, `client_id_mismatch`, `client_secret`, `auth_method`,
 *   `no_usable_grant`, and `metadata` for the registration rules it shares with DCR (RFC 7591 §2:
 *   redirect URIs, keys, `private_key_jwt` without keys...).
 */
export type CimdRule =
  | 'length'
  | 'characters'
  | 'https'
  | 'fragment'
  | 'userinfo'
  | 'host'
  | 'path'
  | 'dot_segment'
  | 'query'
  | 'disabled'
  | 'denied_host'
  | 'host_not_allowed'
  | 'fetch'
  | 'status'
  | 'busy'
  | 'not_object'
  | 'client_id_mismatch'
  | 'client_secret'
  | 'auth_method'
  | 'no_usable_grant'
  | 'metadata';

/**
 * Why a `client_id` that is (or looks like) a Client ID Metadata Document URL cannot be used. An
 * RFC 6749 error: `invalid_request` for a malformed `client_id` (RFC 6749 §4.1.2.1: "invalid ...
 * parameter value"), `invalid_client` for a client that cannot be used (the operator refuses it,
 * its document cannot be fetched or breaks a rule). Status 400 at either endpoint: these clients
 * never authenticate with HTTP Basic, so RFC 6749 §5.2 does not ask for 401.
 *
 * An authorization server must never redirect to a client it got this error for: its redirect
 * URIs are unknown or untrusted (RFC 6749 §4.1.2.1), so the error is shown to the user.
 */
export class CimdClientError extends OAuthError {
  constructor(
    error: 'invalid_request' | 'invalid_client',
    /** The rule that refused the client. */
    readonly rule: CimdRule,
    description: string,
    extensions: OAuthErrorExtensions = {},
  ) {
    super(error, description, 400, {}, extensions);
  }
}

/** A malformed `client_id` URL (draft §3). */
export function malformedClientId(rule: CimdRule, description: string): CimdClientError {
  return new CimdClientError('invalid_request', rule, `client_id: ${description}`);
}

/** A client whose document cannot be used, or that the operator refuses. */
export function unusableClient(
  rule: CimdRule,
  description: string,
  extensions: OAuthErrorExtensions = {},
): CimdClientError {
  return new CimdClientError('invalid_client', rule, description, extensions);
}
