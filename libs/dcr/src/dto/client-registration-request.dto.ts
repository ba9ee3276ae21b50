import { ApiPropertyOptional } from '@nestjs/swagger';
import { Expose } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_TEXT_LENGTH, MAX_URI_LENGTH } from '../metadata/client-metadata.js';
import {
  ASYMMETRIC_JWE_ALGORITHMS,
  ASYMMETRIC_JWS_ALGORITHMS,
  JWE_ENCRYPTION_ALGORITHMS,
} from '../metadata/jose-algorithms.js';
import { Rfc7591ClientMetadataDto } from './rfc7591-client-metadata.dto.js';

/** Longest algorithm name accepted before the name itself is checked. */
const MAX_ALGORITHM_LENGTH = 64;

const SIGNING = [...ASYMMETRIC_JWS_ALGORITHMS, 'none'];

/** A JOSE algorithm member: a short string, its value checked in `metadata/oidc-metadata.ts`. */
function Algorithm(description: string, values: readonly string[]): PropertyDecorator {
  return (target, key) => {
    // Applied in the order stacked decorators are (bottom first), so the type check runs first.
    IsString()(target, key);
    MaxLength(MAX_ALGORITHM_LENGTH)(target, key);
    IsOptional()(target, key);
    Expose()(target, key);
    ApiPropertyOptional({ description, enum: values })(target, key);
  };
}

/** A list of URIs: an array of strings, each checked in `metadata/`. */
function UriList(description: string, maxItems: number): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    IsString({ each: true })(target, key);
    ArrayMaxSize(maxItems)(target, key);
    MaxLength(MAX_URI_LENGTH, { each: true })(target, key);
    IsOptional()(target, key);
    Expose()(target, key);
    ApiPropertyOptional({ description, type: [String] })(target, key);
  };
}

/** A URI member: a string, checked in `metadata/`. */
function Uri(description: string): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MaxLength(MAX_URI_LENGTH)(target, key);
    IsOptional()(target, key);
    Expose()(target, key);
    ApiPropertyOptional({ description, format: 'uri' })(target, key);
  };
}
/**
 * The client metadata a client sends to register (RFC 7591 §2, §3.1): the RFC 7591 fields of
 * {@link Rfc7591ClientMetadataDto}, the OpenID Connect Registration 1.0 §2 members this server
 * stores and echoes, and the software statement.
 *
 * The decorators are the JSON-type layer of validation; algorithm names, URI rules and the
 * dependencies between members are checked by the pure functions under `metadata/`
 * (`oidc-metadata.ts` for the members declared here). Symmetric algorithms (HS*, A*KW, `dir`,
 * ...) are refused there: they are keyed with the client secret, which this server stores only
 * as a digest.
 *
 * Only the fields declared here and in the base class (marked `@Expose`) are read from a request;
 * anything else is ignored, as RFC 7591 §2 requires for metadata the server does not understand.
 * That includes values only the server may set (`client_id`, `client_secret`, ...).
 * Language-tagged variants such as `client_name#fr` (RFC 7591 §2.2) are read separately.
 */
export class ClientRegistrationRequestDto extends Rfc7591ClientMetadataDto {
  @ApiPropertyOptional({
    description:
      'Kind of application (OpenID Connect Registration 1.0 §2), `web` when omitted. Web clients use https redirect ' +
      'URIs and loopback http; native clients also private-use schemes. The strict redirect URI policy enforces the split.',
    enum: ['web', 'native'],
  })
  @Expose()
  @IsOptional()
  @IsIn(['web', 'native'])
  application_type?: string;

  @Uri(
    'https URL of a JSON array listing every redirect URI of the client, for pairwise subject identifiers (OpenID Connect Registration 1.0 §5).',
  )
  sector_identifier_uri?: string;

  @ApiPropertyOptional({
    description: 'Subject identifier type requested for responses to this client.',
    enum: ['public', 'pairwise'],
  })
  @Expose()
  @IsOptional()
  @IsIn(['public', 'pairwise'])
  subject_type?: string;

  @Algorithm('JWS algorithm of ID Tokens issued to this client.', SIGNING)
  id_token_signed_response_alg?: string;

  @Algorithm(
    "JWE algorithm for encrypting ID Tokens to the client's registered public key.",
    ASYMMETRIC_JWE_ALGORITHMS,
  )
  id_token_encrypted_response_alg?: string;

  @Algorithm(
    'JWE content encryption of ID Tokens; needs `id_token_encrypted_response_alg`.',
    JWE_ENCRYPTION_ALGORITHMS,
  )
  id_token_encrypted_response_enc?: string;

  @Algorithm('JWS algorithm of UserInfo responses, which are then JWTs.', SIGNING)
  userinfo_signed_response_alg?: string;

  @Algorithm(
    "JWE algorithm for encrypting UserInfo responses to the client's public key.",
    ASYMMETRIC_JWE_ALGORITHMS,
  )
  userinfo_encrypted_response_alg?: string;

  @Algorithm(
    'JWE content encryption of UserInfo responses; needs `userinfo_encrypted_response_alg`.',
    JWE_ENCRYPTION_ALGORITHMS,
  )
  userinfo_encrypted_response_enc?: string;

  @Algorithm(
    "JWS algorithm of the client's request objects, verified with its registered public keys.",
    SIGNING,
  )
  request_object_signing_alg?: string;

  @Algorithm(
    "JWE algorithm the client encrypts request objects with, to the server's keys.",
    ASYMMETRIC_JWE_ALGORITHMS,
  )
  request_object_encryption_alg?: string;

  @Algorithm(
    'JWE content encryption of request objects; needs `request_object_encryption_alg`.',
    JWE_ENCRYPTION_ALGORITHMS,
  )
  request_object_encryption_enc?: string;

  @Algorithm(
    'JWS algorithm of the client authentication JWT (`private_key_jwt`); never `none`.',
    ASYMMETRIC_JWS_ALGORITHMS,
  )
  token_endpoint_auth_signing_alg?: string;

  @ApiPropertyOptional({
    description: 'Default maximum authentication age, in seconds.',
    minimum: 0,
    example: 3600,
  })
  @Expose()
  @IsOptional()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  @IsInt()
  default_max_age?: number;

  @ApiPropertyOptional({ description: 'Whether the ID Token must carry `auth_time`.' })
  @Expose()
  @IsOptional()
  @IsBoolean()
  require_auth_time?: boolean;

  @ApiPropertyOptional({
    description: 'Default requested ACR values, in order of preference.',
    type: [String],
  })
  @Expose()
  @IsOptional()
  @MaxLength(MAX_TEXT_LENGTH, { each: true })
  @IsNotEmpty({ each: true })
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @IsArray()
  default_acr_values?: string[];

  @Uri('https URL a third party can use to start a login by the client.')
  initiate_login_uri?: string;

  @UriList(
    'Pre-registered https `request_uri` values; a fragment may carry the hash of the object.',
    16,
  )
  request_uris?: string[];

  @UriList(
    'Where the user agent may be sent after logout (RP-Initiated Logout 1.0), with the rules of `redirect_uris`.',
    64,
  )
  post_logout_redirect_uris?: string[];

  @ApiPropertyOptional({
    description:
      'A signed JWT asserting client metadata (RFC 7591 §2.3). It is accepted only from issuers the server trusts; ' +
      'a malformed one is answered with `invalid_software_statement`, an untrusted one with `unapproved_software_statement`.',
  })
  // Read and checked before the metadata (RFC 7591 §3.1.1: its claims take precedence), so it is
  // neither exposed here nor validated by decorators; see `software-statement/`.
  software_statement?: string;
}
