import { OAuthError } from '@agent-runtimes/dcr';

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/**
 * RFC 6749 §3.2: token requests are `application/x-www-form-urlencoded`. Any other body (JSON
 * above all, which the app also parses for registration) is refused before credentials are read
 * from it. Parameters such as `charset` are allowed; the media type is case-insensitive.
 */
export function assertFormContentType(contentType: string | undefined): void {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM_MEDIA_TYPE) {
    throw new OAuthError(
      'invalid_request',
      `Content-Type must be ${FORM_MEDIA_TYPE} (RFC 6749 §3.2)`,
    );
  }
}
