import {
  Body,
  Controller,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  UseFilters,
} from '@nestjs/common';
import { DcrExceptionFilter } from '@agent-runtimes/dcr';
import { assertFormContentType } from './form-content-type.js';
import { TokenEndpointService } from './token-endpoint.service.js';
import type { TokenStubResponse } from './token-stub-response.js';

/** Route of the token endpoint under the app's global prefix. */
export const TOKEN_PATH = 'oauth/token';

/**
 * A stub token endpoint (RFC 6749 §3.2): it authenticates the client and says who it is, but
 * issues no token. HTTP only; errors are answered by the module's filter as RFC 6749 §5.2 bodies.
 */
@Controller(TOKEN_PATH)
@UseFilters(DcrExceptionFilter)
export class TokenController {
  constructor(private readonly tokens: TokenEndpointService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  // RFC 6749 §5.1: token responses are not cached.
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Readonly<Record<string, unknown>> | undefined,
  ): Promise<TokenStubResponse> {
    assertFormContentType(contentType);
    return this.tokens.authenticateClient({ authorization, body });
  }
}
