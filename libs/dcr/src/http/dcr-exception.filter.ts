import {
  Catch,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from './to-oauth-error.js';

/**
 * Answers every error with an RFC-style JSON body (`{"error", "error_description"}`, RFC 7591
 * §3.2.2, RFC 6749 §5.2) and `Cache-Control: no-store`, never with Nest's default body. It is bound
 * to the module's controllers; bind it to your token endpoint's controller too
 * (`@UseFilters(DcrExceptionFilter)`). An app that is entirely an OAuth API may bind it globally;
 * other apps use {@link DcrBodyErrorFilter} globally, which leaves their own errors alone. Works
 * with the Express and the Fastify adapter.
 */
@Catch()
@Injectable()
export class DcrExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DcrModule');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toOAuthError(exception) ?? this.serverError(exception);
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    // RFC 7591 §3.2.2 / RFC 6749 §5.1: responses that may concern credentials are not cached.
    httpAdapter.setHeader(response, 'Cache-Control', 'no-store');
    httpAdapter.setHeader(response, 'Pragma', 'no-cache');
    for (const [name, value] of Object.entries(error.headers)) {
      httpAdapter.setHeader(response, name, value);
    }
    httpAdapter.reply(response, error.toBody(), error.status);
  }

  private serverError(exception: unknown): OAuthError {
    // Only the error itself is logged: never the request, whose body and headers carry credentials.
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return new OAuthError('server_error', 'the server could not complete the request', 500);
  }
}
