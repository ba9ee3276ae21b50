import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import {
  invalidClientMetadata,
  invalidRedirectUri,
  type OAuthError,
} from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';

/**
 * How deep values may nest. Client metadata needs four levels (`jwks.keys[i].member`); the limit
 * leaves room for JWK members such as `x5c` arrays, and keeps recursive code (class-transformer,
 * class-validator) far from the call stack's limit: a 64 KiB body can nest 30,000 levels.
 */
export const MAX_NESTING_DEPTH = 16;

/** RFC 7591 §3.1: the registration request is a JSON object of client metadata. */
export function requireJsonObject(body: unknown): Readonly<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidClientMetadata(
      'the request body must be a JSON object of client metadata (RFC 7591 §3.1)',
      jsonPointer(),
    );
  }
  if (exceedsNestingDepth(body)) {
    throw invalidClientMetadata(
      `the request body nests values more than ${MAX_NESTING_DEPTH} levels deep`,
      jsonPointer(),
    );
  }
  return body as Record<string, unknown>;
}

/** Whether `root` (depth 1) holds a value deeper than the limit; iterative, so it cannot overflow. */
function exceedsNestingDepth(root: object): boolean {
  const pending: [object, number][] = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > MAX_NESTING_DEPTH) return true;
    for (const child of Object.values(value) as unknown[]) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The metadata fields this server understands: the request DTO's `@Expose`d properties, read once
 * through class-transformer (an empty object, exposing unset fields, yields every name).
 */
export const UNDERSTOOD_FIELDS = Object.keys(
  plainToInstance(
    ClientRegistrationRequestDto,
    {},
    {
      excludeExtraneousValues: true,
      exposeUnsetFields: true,
    },
  ),
) as (keyof ClientRegistrationRequestDto)[];

/**
 * Reads the metadata fields this server understands into the request DTO and checks their JSON
 * types and sizes (the DTO's class-validator decorators). Every other key is dropped: RFC 7591 §2
 * says the server ignores metadata it does not understand, and values only the server may set are
 * among them.
 *
 * Fields are copied as they are, one level deep, by name: nested values (a `jwks`) are never
 * walked by class-transformer, which reads `constructor` off them and fails on a JWK member named
 * so; and a `__proto__` key, not being a field name, cannot reach a prototype.
 */
export function readRequestDto(
  body: Readonly<Record<string, unknown>>,
): ClientRegistrationRequestDto {
  const dto = new ClientRegistrationRequestDto();
  const fields = dto as unknown as Record<string, unknown>;
  for (const field of UNDERSTOOD_FIELDS) {
    if (Object.hasOwn(body, field)) fields[field] = body[field];
  }
  const [error] = validateSync(dto, {
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (error) throw toOAuthError(error);
  return dto;
}

/** The first failed constraint of a field, named by the field's pointer (`/contacts`). */
function toOAuthError(error: ValidationError): OAuthError {
  const message = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
  const field = jsonPointer(error.property);
  return error.property === 'redirect_uris'
    ? invalidRedirectUri(message, field)
    : invalidClientMetadata(message, field);
}
