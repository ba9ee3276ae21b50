/**
 * Error codes this module answers with. RFC 7591 §3.2.2 defines the registration ones; RFC 6750 §3.1
 * and RFC 6749 §5.2 the token ones (`insufficient_scope`, RFC 6750 §3.1, is for resource servers
 * built on the module's errors); `server_error` and `temporarily_unavailable` come from RFC 6749
 * §4.1.2.1 and are the customary codes for failures on the server's side; `slow_down` (RFC 8628
 * §3.5) answers a caller over a rate limit.
 */
export type OAuthErrorCode =
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'invalid_software_statement'
  | 'unapproved_software_statement'
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_client'
  /**
   * RFC 6749 §4.1.2.1: the authorization server denied the request. Answered (403) when a
   * registration is refused by a quota of the registration policy (`max_clients`, ...), since no
   * RFC 7591 code describes a refusal that no change of the metadata would fix.
   */
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'slow_down';

/** The JSON body of every error this module sends: `{"error": ..., "error_description": ...}`. */
export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
  /** The request member the error is about, as a JSON pointer (RFC 6901), e.g. `/redirect_uris/1`. */
  field?: string;
  /** The server policy rule that refused the request, e.g. `trusted_redirect_hosts`. */
  policy?: string;
  /** Other extension members (RFC 6749 §5.2 allows members beyond `error`). */
  [extension: string]: string | undefined;
}

/**
 * Extension members of an error body, naming what the error is about: `field`, a JSON pointer
 * (RFC 6901) into the request body (`/redirect_uris/1`), and `policy`, the rule that refused it.
 */
export type OAuthErrorExtensions = Readonly<Record<string, string>>;

/**
 * A protocol error with the HTTP status and body it is answered with. Validation and policy
 * functions throw it; the exception filter turns it into the response, so no layer below the
 * controller knows about HTTP objects.
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    /** Extra response headers, e.g. `WWW-Authenticate` (RFC 6750 §3). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** Extension members of the body, after `error` and `error_description`. */
    readonly extensions: OAuthErrorExtensions = {},
  ) {
    super(`${error}: ${description}`);
  }

  /**
   * The JSON body, with the description in the character set RFC 6749 §5.2 allows, followed by the
   * extension members (which cannot replace `error` or `error_description`).
   */
  toBody(): OAuthErrorBody {
    const body: OAuthErrorBody = {
      error: this.error,
      error_description: toErrorDescription(this.description),
    };
    for (const [name, value] of Object.entries(this.extensions)) {
      if (!(name in body)) body[name] = value;
    }
    return body;
  }
}

/**
 * RFC 6749 §5.2: `error_description` is limited to %x20-21 / %x23-5B / %x5D-7E: printable ASCII
 * without `"` and `\`. Descriptions quote values (some of them sent by the client) and cite RFC
 * sections, so they are mapped: `§` to "section", `"` to `'`, `\` to `/`, anything else to `?`.
 */
export function toErrorDescription(text: string): string {
  return text
    .replace(/§ ?/g, 'section ')
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x7e]/g, '?');
}

/**
 * RFC 7591 §3.2.2: "The value of one of the client metadata fields is invalid". `field`, when
 * given, is the RFC 6901 JSON pointer of the refused value in the request body (`/jwks/keys/0`),
 * sent as the `field` extension member so a client can show which input to fix.
 */
export function invalidClientMetadata(description: string, field?: string): OAuthError {
  return new OAuthError('invalid_client_metadata', description, 400, {}, fieldExtension(field));
}

/**
 * RFC 7591 §3.2.2: "The value of one or more redirection URIs is invalid". `field` is the JSON
 * pointer of the refused URI (`/redirect_uris/1`), as for {@link invalidClientMetadata}.
 */
export function invalidRedirectUri(description: string, field?: string): OAuthError {
  return new OAuthError('invalid_redirect_uri', description, 400, {}, fieldExtension(field));
}

function fieldExtension(field: string | undefined): OAuthErrorExtensions {
  return field === undefined ? {} : { field };
}

/**
 * RFC 6750 §3.1 `invalid_token`, 401, with the `WWW-Authenticate` challenge. The description never
 * says whether the client exists (RFC 7592 §2.1: an unknown client is answered like a bad token).
 */
export function invalidToken(
  description = 'the access token is missing, malformed, expired or not valid for this resource',
): OAuthError {
  return new OAuthError('invalid_token', description, 401, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${toErrorDescription(description)}"`,
  });
}

/**
 * RFC 6750 §3.1: a request that presents no credentials at all (no `Authorization` header, or
 * another scheme) is answered with a challenge that carries no error code, since the client may not
 * have known that authentication was needed; the JSON body still says what is missing.
 */
export function missingToken(
  realm: string,
  description = 'a bearer token is required (Authorization: Bearer)',
): OAuthError {
  return new OAuthError('invalid_token', description, 401, {
    'WWW-Authenticate': `Bearer realm="${toErrorDescription(realm)}"`,
  });
}

/**
 * RFC 6749 §5.2 `invalid_client`, 401. When the client tried HTTP Basic, the challenge names that
 * scheme, as §5.2 requires.
 */
export function invalidClient(description: string, basicChallenge = false): OAuthError {
  return new OAuthError(
    'invalid_client',
    description,
    401,
    basicChallenge ? { 'WWW-Authenticate': 'Basic realm="token", charset="UTF-8"' } : {},
  );
}
