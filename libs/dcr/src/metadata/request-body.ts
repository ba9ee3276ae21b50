import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import {
  invalidClientMetadata,
  invalidRedirectUri,
  type OAuthError,
} from '../errors/oauth-error.js';

/** RFC 7591 §3.1: the registration request is a JSON object of client metadata. */
export function requireJsonObject(body: unknown): Readonly<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidClientMetadata(
      'the request body must be a JSON object of client metadata (RFC 7591 §3.1)',
    );
  }
  return body as Record<string, unknown>;
}

/**
 * Reads the metadata fields this server understands into the request DTO and checks their JSON
 * types and sizes (the DTO's class-validator decorators). Every other key is dropped: RFC 7591 §2
 * says the server ignores metadata it does not understand, and values only the server may set are
 * among them. class-transformer also drops `__proto__` keys, so they cannot reach a prototype.
 */
export function readRequestDto(
  body: Readonly<Record<string, unknown>>,
): ClientRegistrationRequestDto {
  const dto = plainToInstance(ClientRegistrationRequestDto, body, {
    excludeExtraneousValues: true,
    exposeUnsetFields: false,
  });
  const [error] = validateSync(dto, {
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (error) throw toOAuthError(error);
  return dto;
}

function toOAuthError(error: ValidationError): OAuthError {
  const message = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
  return error.property === 'redirect_uris'
    ? invalidRedirectUri(message)
    : invalidClientMetadata(message);
}
