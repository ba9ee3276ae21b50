import { ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import {
  MAX_TEXT_LENGTH,
  MAX_URI_LENGTH,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from '../metadata/client-metadata.js';

/**
 * The RFC 7591 §2 client metadata of a registration request, the base of
 * {@link ClientRegistrationRequestDto} (which adds the OpenID Connect Registration 1.0 members and
 * the software statement).
 *
 * The decorators here are the JSON-type layer of validation: each field's type and size. Protocol
 * rules (absolute URIs, redirect URI schemes, grant/response type consistency, ...) are pure
 * functions under `metadata/`. class-validator runs a field's decorators from the bottom up and
 * stops at the first failure, so type checks come last: a number sent as `client_name` is reported
 * as "must be a string", not as too long.
 */
export class Rfc7591ClientMetadataDto {
  @ApiPropertyOptional({
    description:
      'Redirection URIs (RFC 7591 §2). Required for the `authorization_code` and `implicit` grants. ' +
      'Each must be absolute, without a fragment or user credentials, and use `https`, `http` on a loopback ' +
      'host (`127.0.0.1`, `[::1]`, `localhost`, any port when registered without one, RFC 8252 §7.3), or a ' +
      'private-use scheme (RFC 8252 §7.1: `com.example.app:/callback`; by default also forms such as ' +
      '`cursor://anysphere.cursor-mcp/oauth/callback`, the strict policy requires the reverse-domain form and ' +
      '`application_type: native`). `javascript:`, `data:`, `file:` and the like are always refused. Each is ' +
      'compared as an exact string later, so it must be written as a URL parser writes it: lower-case scheme ' +
      'and host, no default port, dotted-decimal IPv4, compressed IPv6, no dot segments.',
    type: [String],
    example: ['http://127.0.0.1:33418/callback'],
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { each: true })
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @IsArray()
  redirect_uris?: string[];

  @ApiPropertyOptional({
    description:
      'How the client authenticates at the token endpoint (RFC 7591 §2). Defaults to `client_secret_basic`. ' +
      '`none` registers a public client, which gets no secret.',
    enum: TOKEN_ENDPOINT_AUTH_METHODS,
    example: 'none',
  })
  @Expose()
  @IsOptional()
  @IsIn(TOKEN_ENDPOINT_AUTH_METHODS)
  token_endpoint_auth_method?: string;

  @ApiPropertyOptional({
    description:
      'OAuth 2.0 grant types the client will use (RFC 7591 §2.1). Defaults to `["authorization_code"]`; an empty ' +
      'list is refused. By default, types this server does not support are dropped (RFC 7591 §3.2.1) and the ' +
      'response shows what remains; a list with none supported is refused.',
    type: [String],
    example: ['authorization_code', 'refresh_token'],
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { each: true })
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @IsArray()
  grant_types?: string[];

  @ApiPropertyOptional({
    description:
      'OAuth 2.0 response types the client will use (RFC 7591 §2.1). Defaults to the ones its grant types use ' +
      '(`["code"]` for `authorization_code`); unsupported ones are dropped like grant types.',
    type: [String],
    example: ['code'],
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, { each: true })
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @IsArray()
  response_types?: string[];

  @ApiPropertyOptional({
    description:
      'Human-readable name of the client. A language-tagged variant such as `client_name#fr` may be sent as well (RFC 7591 §2.2).',
    example: 'Example Agent',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH)
  @IsNotEmpty()
  @IsString()
  client_name?: string;

  @ApiPropertyOptional({
    description: 'Web page about the client (absolute http(s) URL).',
    format: 'uri',
    example: 'https://agent.example.com',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  client_uri?: string;

  @ApiPropertyOptional({
    description: 'Logo of the client (absolute http(s) URL).',
    format: 'uri',
    example: 'https://agent.example.com/logo.png',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  logo_uri?: string;

  @ApiPropertyOptional({
    description:
      'Space-separated scope values the client may request (RFC 6749 §3.3). When the server lists its scopes, ' +
      'unsupported values are dropped by default; an empty string is no scope.',
    example: 'openid profile',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  scope?: string;

  @ApiPropertyOptional({
    description:
      'Ways to contact the people responsible for the client, typically e-mail addresses.',
    type: [String],
    example: ['ops@agent.example.com'],
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, { each: true })
  @IsNotEmpty({ each: true })
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @IsArray()
  contacts?: string[];

  @ApiPropertyOptional({
    description: 'Terms of service of the client (absolute http(s) URL).',
    format: 'uri',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  tos_uri?: string;

  @ApiPropertyOptional({
    description: 'Privacy policy of the client (absolute http(s) URL).',
    format: 'uri',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  policy_uri?: string;

  @ApiPropertyOptional({
    description: "URL of the client's JSON Web Key Set (https). Not together with `jwks`.",
    format: 'uri',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH)
  @IsString()
  jwks_uri?: string;

  @ApiPropertyOptional({
    description:
      "The client's public JSON Web Key Set (RFC 7517), with at least one key. Not together with `jwks_uri`; private and symmetric keys are refused.",
    type: 'object',
    properties: { keys: { type: 'array', items: { type: 'object' } } },
    required: ['keys'],
  })
  @Expose()
  @IsOptional()
  @IsObject()
  jwks?: { keys: unknown[] };

  @ApiPropertyOptional({
    description: 'Identifier of the client software, stable across instances and versions.',
    example: '4NRB1-0XZABZI9E6-5SM3R',
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH)
  @IsNotEmpty()
  @IsString()
  software_id?: string;

  @ApiPropertyOptional({ description: 'Version of the client software.', example: '2.1.0' })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH)
  @IsNotEmpty()
  @IsString()
  software_version?: string;
}
