import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { checkAdminToken } from '../admin/admin-token.js';
import { missingToken } from '../errors/oauth-error.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { readBearerCredentials } from './bearer-token.js';
import type { GuardedRequest } from './registration-access-token.guard.js';

/**
 * Authenticates the operator on the admin API by the configured admin token, compared with its
 * digest in constant time, before anything else looks at the request.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const { authorization } = context.switchToHttp().getRequest<GuardedRequest>().headers;
    const credentials = readBearerCredentials(
      typeof authorization === 'string' ? authorization : undefined,
    );
    // RFC 6750 §3.1: no credentials at all, no error code in the challenge.
    if (credentials === 'none') throw missingToken(this.options.issuer);
    checkAdminToken(
      credentials === 'malformed' ? undefined : credentials.token,
      this.options.adminTokenDigest,
    );
    return true;
  }
}
