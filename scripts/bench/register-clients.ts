/** A registered client, as the loads need it. */
export interface ClientCredentials {
  readonly clientId: string;
  /** Its client secret (for loads that authenticate the client, e.g. at a token endpoint). */
  readonly clientSecret: string;
  /** Path of the `registration_client_uri`, e.g. `/register/<client_id>`. */
  readonly path: string;
  /** Its registration access token (RFC 7592 §3). */
  readonly token: string;
}

/** A realistic confidential web client (RFC 7591 §2), sent by every measured POST. */
export const REGISTRATION_BODY = JSON.stringify({
  client_name: 'Bench Web App',
  redirect_uris: [
    'https://app.example.com/oauth/callback',
    'https://app.example.com/oauth/silent-callback',
  ],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'openid profile email offline_access',
  contacts: ['ops@example.com', 'security@example.com'],
  client_uri: 'https://app.example.com',
  logo_uri: 'https://app.example.com/static/logo.png',
});

interface RegistrationResponse {
  client_id?: unknown;
  client_secret?: unknown;
  registration_access_token?: unknown;
  registration_client_uri?: unknown;
}

/**
 * Registers one client with `metadata` (the bench body unless given); throws unless the answer is a
 * 201 with credentials.
 */
export async function registerClient(
  baseUrl: string,
  metadata: string = REGISTRATION_BODY,
): Promise<ClientCredentials> {
  const response = await fetch(`${baseUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: metadata,
  });
  const text = await response.text();
  const body = (response.status === 201 ? JSON.parse(text) : {}) as RegistrationResponse;
  if (
    typeof body.client_id !== 'string' ||
    typeof body.client_secret !== 'string' ||
    typeof body.registration_access_token !== 'string' ||
    typeof body.registration_client_uri !== 'string'
  ) {
    throw new Error(`POST ${baseUrl}/register answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return {
    clientId: body.client_id,
    clientSecret: body.client_secret,
    path: new URL(body.registration_client_uri).pathname,
    token: body.registration_access_token,
  };
}

/** Creates `count` clients (with `metadata`, see `registerClient`) through the API, `concurrency` at a time. */
export async function registerClients(
  baseUrl: string,
  count: number,
  concurrency = 16,
  metadata: string = REGISTRATION_BODY,
): Promise<ClientCredentials[]> {
  const clients: ClientCredentials[] = [];
  const worker = async () => {
    while (clients.length < count) {
      clients.push(await registerClient(baseUrl, metadata));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return clients.slice(0, count);
}

/** Reads one registration (RFC 7592 §2.1); throws unless the answer is a 200 for that client. */
export async function checkRead(baseUrl: string, client: ClientCredentials): Promise<void> {
  const response = await fetch(`${baseUrl}${client.path}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  const text = await response.text();
  const clientId = client.path.split('/').pop();
  if (
    response.status !== 200 ||
    (JSON.parse(text) as RegistrationResponse).client_id !== clientId
  ) {
    throw new Error(
      `GET ${baseUrl}${client.path} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
}
