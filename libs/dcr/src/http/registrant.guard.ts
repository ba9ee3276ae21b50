import {
  Inject,
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { invalidToken, missingToken } from '../errors/oauth-error.js';
import { InitialAccessTokens } from '../initial-access/initial-access-tokens.service.js';
import type { Registrant } from '../initial-access/registrant.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { readBearerCredentials } from './bearer-token.js';

const REGISTRANT = Symbol('dcr.registrant');

/** The parts of an HTTP request (Express or Fastify) that the registration guards read. */
export interface RegistrationRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The client's address, as the adapter reports it (trust-proxy settings applied). */
  readonly ip?: unknown;
  [REGISTRANT]?: Registrant;
}

/**
 * Decides who is calling the registration endpoint (RFC 7591 §3), before anything reads the body,
 * by the registration mode:
 * - `open`: everyone is anonymous (an `Authorization` header is not looked at);
 * - `protected`: an initial access token is required: without credentials, 401 with the RFC 6750
 *   §3.1 challenge and no error code; with a token that is malformed, unknown, expired, revoked or
 *   used up, 401 `invalid_token`;
 * - `mixed`: without credentials, anonymous; with them, as in `protected`.
 *
 * The token is only checked here; its use is counted when the client is stored. The registrant is
 * handed to the handler through {@link CurrentRegistrant}, and to later guards (a rate limit that
 * exempts token holders) through {@link registrantOf}.
 */
@Injectable()
export class RegistrantGuard implements CanActivate {
  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly tokens: InitialAccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RegistrationRequest>();
    const clientIp = typeof request.ip === 'string' ? request.ip : undefined;
    request[REGISTRANT] = await this.registrant(request, clientIp);
    return true;
  }

  private async registrant(request: RegistrationRequest, clientIp?: string): Promise<Registrant> {
    const { mode } = this.options.registration;
    if (mode === 'open') return { kind: 'anonymous', clientIp };
    const { authorization } = request.headers;
    const credentials = readBearerCredentials(
      typeof authorization === 'string' ? authorization : undefined,
    );
    if (credentials === 'none') {
      if (mode === 'mixed') return { kind: 'anonymous', clientIp };
      throw missingToken(
        this.options.issuer,
        'registration requires an initial access token (Authorization: Bearer, RFC 7591 §3)',
      );
    }
    if (credentials === 'malformed') throw invalidToken('the initial access token is not valid');
    return this.tokens.authenticate(credentials.token, clientIp);
  }
}

/** The registrant {@link RegistrantGuard} decided on, or `undefined` before it ran. */
export function registrantOf(request: unknown): Registrant | undefined {
  return (request as RegistrationRequest | undefined)?.[REGISTRANT];
}

/** The registrant {@link RegistrantGuard} decided on, for the registration handler. */
export const CurrentRegistrant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Registrant => {
    const registrant = registrantOf(context.switchToHttp().getRequest());
    if (!registrant) throw new Error('RegistrantGuard did not run for this route');
    return registrant;
  },
);
