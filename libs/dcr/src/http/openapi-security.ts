import type { DocumentBuilder } from '@nestjs/swagger';

/** OpenAPI security scheme of the client configuration endpoint (RFC 7592 §2). */
export const REGISTRATION_TOKEN_SECURITY = 'registration_access_token';

/** OpenAPI security scheme of the registration endpoint in `protected` and `mixed` modes (RFC 7591 §3). */
export const INITIAL_ACCESS_TOKEN_SECURITY = 'initial_access_token';

/** OpenAPI security scheme of the admin API. */
export const ADMIN_TOKEN_SECURITY = 'dcr_admin_token';

/** Declares the module's bearer security schemes in a host app's OpenAPI document. */
export function addDcrSecuritySchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'The registration_access_token returned at registration (RFC 7592 §3), sent as `Authorization: Bearer <token>`.',
      },
      REGISTRATION_TOKEN_SECURITY,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An initial access token (RFC 7591 §3) minted by an operator, sent as `Authorization: Bearer <token>` to ' +
          'register when registration is `protected` (required) or `mixed` (optional).',
      },
      INITIAL_ACCESS_TOKEN_SECURITY,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        // An opaque string: without this, addBearerAuth documents `bearerFormat: JWT`.
        bearerFormat: 'opaque',
        description: "The operator credential configured as the module's `adminToken`.",
      },
      ADMIN_TOKEN_SECURITY,
    );
}
