import {
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import {
  RegistrationTokenAuthenticator,
  type RegistrationCaller,
} from '../configuration/registration-token-authenticator.js';
import { readBearerCredentials } from './bearer-token.js';

const CALLER = Symbol('dcr.registrationCaller');

/** The parts of an HTTP request (Express or Fastify) that guards read. */
export interface GuardedRequest {
  readonly params?: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  [CALLER]?: RegistrationCaller;
}

/**
 * Authenticates a request to the client configuration endpoint (RFC 7592 §2) by its registration
 * access token, before anything else looks at the request: a body, a content type or a client id
 * of any shape is never read for an unauthenticated caller. The authenticated caller is handed to
 * the handler through {@link AuthenticatedRegistrationCaller}.
 */
@Injectable()
export class RegistrationAccessTokenGuard implements CanActivate {
  constructor(private readonly authenticator: RegistrationTokenAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const authorization = request.headers.authorization;
    request[CALLER] = await this.authenticator.authenticate(
      request.params?.client_id ?? '',
      readBearerCredentials(typeof authorization === 'string' ? authorization : undefined),
    );
    return true;
  }
}

/** The caller that {@link RegistrationAccessTokenGuard} authenticated. */
export const AuthenticatedRegistrationCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RegistrationCaller => {
    const caller = context.switchToHttp().getRequest<GuardedRequest>()[CALLER];
    if (!caller) throw new Error('RegistrationAccessTokenGuard did not run for this route');
    return caller;
  },
);
