import { ApiPayloadTooLargeResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import { PAYLOAD_TOO_LARGE_EXAMPLE, UNAVAILABLE_EXAMPLE } from './openapi-examples.js';

/** Documents the 503 every route that reads or writes the database may answer. */
export function ApiDatabaseUnavailableResponse(): MethodDecorator & ClassDecorator {
  return ApiServiceUnavailableResponse({
    description:
      'The database cannot be reached. Nothing was done; retry after the `Retry-After` delay (seconds).',
    type: OAuthErrorResponseDto,
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before retrying.',
        schema: { type: 'integer' },
      },
    },
    examples: { unavailable: UNAVAILABLE_EXAMPLE },
  });
}

/** Documents the 413 of routes that take a body. */
export function ApiBodyTooLargeResponse(): MethodDecorator & ClassDecorator {
  return ApiPayloadTooLargeResponse({
    description: 'The body exceeds the size limit.',
    type: OAuthErrorResponseDto,
    examples: { tooLarge: PAYLOAD_TOO_LARGE_EXAMPLE },
  });
}
