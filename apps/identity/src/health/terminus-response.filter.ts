import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';

/**
 * Lets Terminus answer a failed probe in its own format (503 with the failing checks) rather than
 * as an OAuth error: the app's global filter would flatten it.
 */
@Catch()
export class TerminusResponseFilter extends BaseExceptionFilter {
  constructor(adapterHost: HttpAdapterHost) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    super.catch(exception, host);
  }
}
