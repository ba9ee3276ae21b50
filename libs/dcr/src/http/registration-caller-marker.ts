/**
 * Who is registering, as a guard that authenticated the request records it for the guards that
 * run after it on the registration endpoint. Today one kind: a request that carries a valid
 * initial access token (RFC 7591 §3), by the token's id (never its value).
 */
export interface InitialAccessTokenCaller {
  readonly kind: 'initial_access_token';
  /** The id of the initial access token, as stored (never the token itself). */
  readonly tokenId: string;
}

/** What {@link markRegistrationCaller} records. */
export type RegistrationCallerMarker = InitialAccessTokenCaller;

/**
 * The request property the marker is kept under. A registered symbol (`Symbol.for`), so that two
 * copies of the library in one process agree, and no JSON body or header can set it.
 */
export const REGISTRATION_CALLER_MARKER: unique symbol = Symbol.for(
  '@agent-runtimes/dcr:registration-caller',
);

/**
 * Records on the request (the object `context.switchToHttp().getRequest()` returns, Express or
 * Fastify) who is registering. The guard that validates initial access tokens calls it once the
 * token is valid: `markRegistrationCaller(request, { kind: 'initial_access_token', tokenId })`.
 * The registration rate-limit guard, which runs after it, then does not count the request when
 * `registrationRateLimit.exemptInitialAccessTokens` is on.
 */
export function markRegistrationCaller(request: object, caller: RegistrationCallerMarker): void {
  Object.defineProperty(request, REGISTRATION_CALLER_MARKER, {
    value: Object.freeze({ ...caller }),
    configurable: true,
    enumerable: false,
    writable: false,
  });
}

/** The caller a preceding guard recorded with {@link markRegistrationCaller}, if any. */
export function registrationCallerOf(request: unknown): RegistrationCallerMarker | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const marker = (request as { [REGISTRATION_CALLER_MARKER]?: unknown })[
    REGISTRATION_CALLER_MARKER
  ];
  if (typeof marker !== 'object' || marker === null) return undefined;
  const { kind, tokenId } = marker as Partial<InitialAccessTokenCaller>;
  return kind === 'initial_access_token' && typeof tokenId === 'string'
    ? { kind, tokenId }
    : undefined;
}
