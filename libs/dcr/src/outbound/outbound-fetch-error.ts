/**
 * Why an outbound fetch failed, so that a caller can map it to the error its protocol defines
 * (`invalid_client_metadata`, `invalid_client`, `unapproved_software_statement`...):
 *
 * - `invalid_url`: not an absolute http(s) URL, or one carrying user credentials;
 * - `not_https`: a scheme other than https (plain http only with the test switch, to loopback);
 * - `forbidden_address`: the host is, or resolves to, an RFC 6890 special-use address;
 * - `network`: the name did not resolve, the connection or TLS failed, or it broke mid-response;
 * - `timeout`: no connection within the connect timeout, or no complete response within the total
 *   timeout;
 * - `redirect`: a 3xx answer (never followed);
 * - `http_status`: any other answer than 2xx;
 * - `too_large`: the body (or its declared length, or the headers) exceeds the cap;
 * - `not_json`: the body is not UTF-8 JSON (or not declared as JSON when that is required).
 */
export type OutboundFetchFailure =
  | 'invalid_url'
  | 'not_https'
  | 'forbidden_address'
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'http_status'
  | 'too_large'
  | 'not_json';

/**
 * The one error an {@link OutboundFetcher} fetch rejects with. The message starts with the URL's
 * host (`jwks.example.com: answered 302, a redirect, which is not followed`) and never carries the
 * path, query, user credentials or a resolved address, so a caller may put it in an
 * `error_description` as it is.
 */
export class OutboundFetchError extends Error {
  override readonly name = 'OutboundFetchError';

  constructor(
    /** The machine-readable reason; see {@link OutboundFetchFailure}. */
    readonly reason: OutboundFetchFailure,
    message: string,
    /** The HTTP status, for `redirect` and `http_status`. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Node error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`...) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) return errorCode(error.errors.at(-1));
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : undefined;
}
