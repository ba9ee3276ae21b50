import { Catch, HttpException, Inject, Injectable, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { DcrExceptionFilter } from './dcr-exception.filter.js';
import { isModulePath, pathWithoutTrailingSlashes, routedToModule } from './module-route.js';

/**
 * A global filter for host apps: gives the RFC error shape to the errors that the HTTP adapter
 * raises before the handler runs (malformed JSON, a body too large, an unsupported media type)
 * when they concern the module's registration or configuration endpoints, and leaves every other
 * error of the app to Nest's default handling.
 *
 * ```ts
 * app.useGlobalFilters(app.get(DcrBodyErrorFilter));
 * ```
 *
 * On Fastify the request knows its route before the body is parsed, so the module's routes are
 * recognised by their route config, behind any global prefix or `RouterModule`. Express parses
 * bodies before routing, so there the requests are recognised by the path of the public
 * registration endpoint (the `issuer` and `path` options, or `registrationEndpoint`), which must
 * then be the URL the app serves.
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
    this.registrationPath = pathWithoutTrailingSlashes(
      new URL(options.registrationEndpoint).pathname,
    );
  }

  override catch(exception: HttpException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{ url?: string }>();
    const ours = routedToModule(request) ?? isModulePath(request.url ?? '', this.registrationPath);
    if (ours) {
      this.dcrFilter.catch(exception, host);
    } else {
      super.catch(exception, host);
    }
  }
}
