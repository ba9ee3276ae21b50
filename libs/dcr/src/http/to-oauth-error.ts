import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../errors/database-unavailable.js';
import { OAuthError, invalidClientMetadata } from '../errors/oauth-error.js';

/** Seconds a client should wait before retrying after a 503. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Maps what reached the exception filter to the OAuth error to answer with, or `undefined` for an
 * unexpected failure (the filter answers `server_error` and logs it). A database that cannot be
 * reached is `temporarily_unavailable` (503): the request may be retried.
 *
 * Besides our own `OAuthError`, the `HttpException`s seen here come from the HTTP adapter before
 * routing: a body that is not JSON (400), too large (413), or of a media type the adapter does not
 * parse (415). They become `invalid_client_metadata`, the code RFC 7591 §3.2.2 has for a request
 * body the server cannot accept, and 415 becomes 400 like any other wrong Content-Type.
 */
export function toOAuthError(exception: unknown): OAuthError | undefined {
  if (exception instanceof OAuthError) return exception;
  // Nothing was acknowledged, so the client may retry (RFC 6749 §4.1.2.1 temporarily_unavailable).
  if (isDatabaseUnavailable(exception)) return unavailable();
  if (!(exception instanceof HttpException)) return undefined;
  const status = exception.getStatus();
  switch (status) {
    case 400:
      return invalidClientMetadata('the request body is not valid JSON');
    case 413:
      return new OAuthError(
        'invalid_client_metadata',
        'the request body is larger than the server accepts',
        413,
      );
    case 415:
      return invalidClientMetadata('Content-Type must be application/json (RFC 7591 §3.1)');
    case 503:
      return unavailable();
    default:
      return status >= 500
        ? undefined
        : new OAuthError('invalid_request', exception.message, status);
  }
}

function unavailable(): OAuthError {
  return new OAuthError(
    'temporarily_unavailable',
    'the service is temporarily unavailable; retry later',
    503,
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
