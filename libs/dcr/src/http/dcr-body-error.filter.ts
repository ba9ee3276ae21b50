import { Catch, HttpException, Inject, Injectable, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';

/**
 * A global filter for host apps: gives the RFC error shape to the errors that the HTTP adapter
 * raises before routing (malformed JSON, a body too large, an unsupported media type) when they
 * concern the module's registration endpoint, and leaves every other error of the app to Nest's
 * default handling.
 *
 * ```ts
 * app.useGlobalFilters(app.get(DcrBodyErrorFilter));
 * ```
 *
 * Requests are recognised by the path of the public registration endpoint (the `issuer` and
 * `path` options, or `registrationEndpoint`), so that option must be the URL the app serves.
 */
@Catch(HttpException)
@Injectable()
export class DcrBodyErrorFilter extends BaseExceptionFilter {
  private readonly registrationPath: string;

  constructor(
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
    private readonly dcrFilter: DcrExceptionFilter,
  ) {
    super();
    this.registrationPath = new URL(options.registrationEndpoint).pathname.replace(/\/+$/, '');
  }

  override catch(exception: HttpException, host: ArgumentsHost): void {
    const { url } = host.switchToHttp().getRequest<{ url?: string; originalUrl?: string }>();
    if (this.isRegistrationRequest(url ?? '')) {
      this.dcrFilter.catch(exception, host);
    } else {
      super.catch(exception, host);
    }
  }

  /** The registration endpoint itself, or a client configuration endpoint under it. */
  private isRegistrationRequest(url: string): boolean {
    const path = url.split('?', 1)[0]?.replace(/\/+$/, '') ?? '';
    if (path === this.registrationPath) return true;
    const rest = path.startsWith(`${this.registrationPath}/`)
      ? path.slice(this.registrationPath.length + 1)
      : undefined;
    return rest !== undefined && rest !== '' && !rest.includes('/');
  }
}
