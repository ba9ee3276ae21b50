import * as oauth from 'oauth4webapi';
import { TestBrowser, expectRedirect, type FlowEnd } from './browser.js';
import type { Json } from './operations-requests.js';

/** oauth4webapi's options for a server on plain http (loopback only, in tests). */
export const INSECURE = { [oauth.allowInsecureRequests]: true } as const;

/** The default loopback redirect URI test clients register. */
export const REDIRECT_URI = 'http://127.0.0.1:33418/callback';

/** The authorization server's metadata, through RFC 8414 discovery. */
export async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  const response = await oauth.discoveryRequest(url, { ...INSECURE, algorithm: 'oauth2' });
  return oauth.processDiscoveryResponse(url, response);
}

/** Registers a client (RFC 7591) and returns the registration response. */
export async function register(as: oauth.AuthorizationServer, metadata: Json): Promise<Json> {
  const response = await fetch(as.registration_endpoint as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [REDIRECT_URI], ...metadata }),
  });
  const body = (await response.json()) as Json;
  if (response.status !== 201) throw new Error(`registration failed: ${JSON.stringify(body)}`);
  return body;
}

/** What an authorization request carries besides PKCE. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri?: string;
  readonly scope?: string;
  readonly resource?: string | string[];
  readonly state?: string;
  /** Other parameters, e.g. `response_mode`; `null` removes a default one. */
  readonly extra?: Record<string, string | null>;
}

/** The authorization URL of a request with PKCE S256 (`challenge`). */
export function authorizationUrl(
  as: oauth.AuthorizationServer,
  request: AuthorizationRequest,
  challenge: string,
): URL {
  const url = new URL(as.authorization_endpoint as string);
  const params: Record<string, string | null> = {
    client_id: request.clientId,
    redirect_uri: request.redirectUri ?? REDIRECT_URI,
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: request.state ?? 'state-1',
    ...(request.scope === undefined ? {} : { scope: request.scope }),
    ...request.extra,
  };
  for (const [name, value] of Object.entries(params)) {
    if (value !== null) url.searchParams.set(name, value);
  }
  for (const resource of [request.resource ?? []].flat())
    url.searchParams.append('resource', resource);
  return url;
}

/** Where an authorization request ended, and the PKCE verifier to redeem its code with. */
export interface Authorized {
  readonly end: FlowEnd;
  readonly verifier: string;
  readonly browser: TestBrowser;
}

/** Sends the browser through an authorization request (test switches sign in and consent). */
export async function authorize(
  as: oauth.AuthorizationServer,
  origin: string,
  request: AuthorizationRequest,
  browser = new TestBrowser(),
): Promise<Authorized> {
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const end = await browser.follow(authorizationUrl(as, request, challenge).href, origin);
  return { end, verifier, browser };
}

/** The code of a successful authorization (the state and `iss` checked by oauth4webapi). */
export async function authorizeCode(
  as: oauth.AuthorizationServer,
  origin: string,
  request: AuthorizationRequest,
): Promise<{ params: URLSearchParams; verifier: string }> {
  const { end, verifier } = await authorize(as, origin, request);
  const params = oauth.validateAuthResponse(
    as,
    { client_id: request.clientId },
    expectRedirect(end),
    request.state ?? 'state-1',
  );
  return { params, verifier };
}

/** A whole authorization code flow, with the token response processed by oauth4webapi. */
export async function codeFlow(
  as: oauth.AuthorizationServer,
  origin: string,
  request: AuthorizationRequest,
  auth: oauth.ClientAuth = oauth.None(),
): Promise<oauth.TokenEndpointResponse> {
  const { params, verifier } = await authorizeCode(as, origin, request);
  const client = { client_id: request.clientId };
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    request.redirectUri ?? REDIRECT_URI,
    verifier,
    INSECURE,
  );
  return oauth.processAuthorizationCodeResponse(as, client, response);
}

/** A token endpoint request as a plain form post, for answers oauth4webapi would refuse. */
export async function tokenRequest(
  as: oauth.AuthorizationServer,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(as.token_endpoint as string, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** HTTP Basic credentials of a client (RFC 6749 §2.3.1). */
export function basic(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

/** The decoded header and payload of a JWT, unverified (to look at; verify with jose). */
export function decodeJwt(jwt: string): { header: Json; payload: Json } {
  const [header = '', payload = ''] = jwt.split('.');
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;
  return { header: decode(header), payload: decode(payload) };
}
