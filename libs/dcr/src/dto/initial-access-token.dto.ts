import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InitialAccessTokenPolicy } from '../initial-access/initial-access-token-policy.js';
import {
  MAX_EXPIRES_IN_SECONDS,
  MAX_LABEL_LENGTH,
  MAX_USES,
} from '../initial-access/initial-access-token-request.js';
import type {
  InitialAccessTokenStatus,
  InitialAccessTokenView,
  MintedInitialAccessToken,
} from '../initial-access/initial-access-token-view.js';

/** The rules bound to an initial access token, applied to every client it registers. */
export class InitialAccessTokenPolicyDto implements InitialAccessTokenPolicy {
  @ApiPropertyOptional({
    type: [String],
    description:
      'Hosts the redirect URIs may use: `app.example.com`, `*.example.com` (any subdomain), `127.0.0.1`, or ' +
      '`com.example.app:` for a private-use scheme.',
    example: ['*.example.com', '127.0.0.1'],
  })
  trusted_redirect_hosts?: string[];

  @ApiPropertyOptional({ type: [String], example: ['authorization_code', 'refresh_token'] })
  allowed_grant_types?: string[];

  @ApiPropertyOptional({ type: [String], example: ['none', 'client_secret_basic'] })
  allowed_token_endpoint_auth_methods?: string[];

  @ApiPropertyOptional({ type: [String], example: ['mcp:tools'] })
  allowed_scopes?: string[];

  @ApiPropertyOptional({ description: 'Registrations must carry a verified software statement.' })
  require_software_statement?: boolean;
}

/** A request to mint an initial access token (RFC 7591 §3). */
export class CreateInitialAccessTokenRequestDto {
  @ApiProperty({
    description: 'Seconds until the token expires.',
    minimum: 1,
    maximum: MAX_EXPIRES_IN_SECONDS,
    example: 604800,
  })
  expires_in!: number;

  @ApiProperty({
    description: 'How many clients the token may register.',
    minimum: 1,
    maximum: MAX_USES,
    example: 5,
  })
  max_uses!: number;

  @ApiPropertyOptional({ maxLength: MAX_LABEL_LENGTH, example: 'Acme onboarding' })
  label?: string;

  @ApiPropertyOptional({ type: InitialAccessTokenPolicyDto })
  policy?: InitialAccessTokenPolicyDto;
}

/** An initial access token as operators see it: never its value. Times are Unix seconds. */
export class InitialAccessTokenDto implements InitialAccessTokenView {
  @ApiProperty({ description: 'Identifier (not a credential).', example: 'c2Vjb25kLXRva2VuLWlk00' })
  id!: string;

  @ApiPropertyOptional({ example: 'Acme onboarding' })
  label?: string;

  @ApiProperty({ enum: ['active', 'expired', 'used_up', 'revoked'], example: 'active' })
  status!: InitialAccessTokenStatus;

  @ApiProperty({ example: 1764201600 })
  created_at!: number;

  @ApiProperty({ example: 1764806400 })
  expires_at!: number;

  @ApiProperty({ example: 5 })
  max_uses!: number;

  @ApiProperty({
    description:
      'Registrations the token may still make. An instance serving a token with 128 or more uses ' +
      'left takes up to 16 at a time from it; those it holds and has not used are counted back ' +
      'within a second, and at once when it shuts down.',
    example: 5,
  })
  remaining_uses!: number;

  @ApiPropertyOptional({ description: 'When it was revoked (Unix seconds).' })
  revoked_at?: number;

  @ApiPropertyOptional({ type: InitialAccessTokenPolicyDto })
  policy?: InitialAccessTokenPolicyDto;
}

/** A freshly minted token: its value is shown this once; the server keeps only a digest. */
export class MintedInitialAccessTokenDto
  extends InitialAccessTokenDto
  implements MintedInitialAccessToken
{
  @ApiProperty({
    description:
      'The token (256 random bits, base64url), for `Authorization: Bearer` on POST /register.',
    example: 'q1Jm8e2Xl5Pz0bVw7Ck4Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mc',
  })
  token!: string;
}
