import { invalidClientMetadata } from '../errors/oauth-error.js';

/** RFC 7591 §3.1: the client sends its metadata as `Content-Type: application/json`. */
export function assertJsonContentType(contentType: string | undefined): void {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw invalidClientMetadata('Content-Type must be application/json (RFC 7591 §3.1)');
  }
}
