import {
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { OAuthErrorResponseDto } from '../dto/oauth-error-response.dto.js';
import {
  PAYLOAD_TOO_LARGE_EXAMPLE,
  RATE_LIMITED_EXAMPLES,
  UNAVAILABLE_EXAMPLE,
} from './openapi-examples.js';

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

/** Documents the 429 of the registration endpoint while rate limits are configured. */
export function ApiRateLimitedResponse(): MethodDecorator & ClassDecorator {
  return ApiTooManyRequestsResponse({
    description:
      'Too many registrations from this client address, for these redirect hosts or this ' +
      '`software_id`, or on the whole server (when the server sets such limits). Nothing was ' +
      'registered; retry after the `Retry-After` delay (seconds). `policy` names the limit.',
    type: OAuthErrorResponseDto,
    headers: {
      'Retry-After': {
        description: 'Seconds until the limit lets a registration through again.',
        schema: { type: 'integer' },
      },
    },
    examples: RATE_LIMITED_EXAMPLES,
  });
}
