import { HttpException } from '@nestjs/common';
import { OAuthError, invalidClientMetadata } from '../errors/oauth-error.js';

/**
 * Maps what reached the exception filter to the OAuth error to answer with, or `undefined` when it
 * is not the client's fault (the filter answers `server_error` and logs it).
 *
 * Besides our own `OAuthError`, the `HttpException`s seen here come from the HTTP adapter before
 * routing: a body that is not JSON (400), too large (413), or of a media type the adapter does not
 * parse (415). They become `invalid_client_metadata`, the code RFC 7591 §3.2.2 has for a request
 * body the server cannot accept, and 415 becomes 400 like any other wrong Content-Type.
 */
export function toOAuthError(exception: unknown): OAuthError | undefined {
  if (exception instanceof OAuthError) return exception;
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
    default:
      return status >= 500
        ? undefined
        : new OAuthError('invalid_request', exception.message, status);
  }
}
