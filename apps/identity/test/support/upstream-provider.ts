import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Provider } from 'oidc-provider';

/** How the stand-in upstream provider answers its login prompt. */
export type UpstreamAnswer = 'sign-in' | 'deny';

/** The account the upstream provider signs in. */
export const UPSTREAM_ACCOUNT = {
  sub: 'upstream|ada-8d1f',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
} as const;

/** A running stand-in of an enterprise OpenID Connect provider. */
export interface UpstreamProvider {
  readonly issuer: string;
  /** What its login prompt does next. */
  answer: UpstreamAnswer;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider standing in for the enterprise one (a third-party IdP, so its
 * own in-memory storage is fine): node-oidc-provider on a loopback port, with one static
 * confidential client (our identity app, redirect URI `callbackUrl`), PKCE required, no
 * development interactions. Its login prompt is answered by the test (`answer`): the fixed
 * {@link UPSTREAM_ACCOUNT} is signed in, or the request is denied; consent is implied.
 * The account's e-mail and name are in the ID token (`conformIdTokenClaims` off). With `host`
 * `localhost`, a real browser keeps its cookies apart from those of an app on `127.0.0.1` (cookies
 * do not tell ports apart), as it would for two real hosts.
 */
export async function startUpstreamProvider(
  port: number,
  client: { clientId: string; clientSecret: string; callbackUrl: string },
  host: '127.0.0.1' | 'localhost' = '127.0.0.1',
): Promise<UpstreamProvider> {
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.callbackUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    conformIdTokenClaims: false,
    cookies: { keys: ['upstream-fixture-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) =>
      Promise.resolve({
        accountId: sub,
        claims: () => Promise.resolve({ ...UPSTREAM_ACCOUNT, sub }),
      }),
    interactions: {
      url: (_ctx, interaction) => Promise.resolve(`/interaction/${interaction.uid}`),
    },
    // Consent is implied: the grant covers whatever was asked.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      const scope = ctx.oidc.params?.scope;
      grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
      await grant.save();
      return grant;
    },
  });
  const state: { answer: UpstreamAnswer } = { answer: 'sign-in' };
  const handle = provider.callback();
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    if (!request.url?.startsWith('/interaction/')) {
      void handle(request, response);
      return;
    }
    void provider
      .interactionFinished(
        request,
        response,
        state.answer === 'sign-in'
          ? { login: { accountId: UPSTREAM_ACCOUNT.sub } }
          : { error: 'access_denied', error_description: 'the person said no upstream' },
        { mergeWithLastSubmission: false },
      )
      .catch((error: unknown) => {
        response.statusCode = 400;
        response.end(String(error));
      });
  };
  // `localhost` may resolve to either loopback address.
  const servers: Server[] = [];
  for (const address of host === 'localhost' ? ['127.0.0.1', '::1'] : ['127.0.0.1']) {
    const server = createServer(listener);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, resolve);
    });
    servers.push(server);
  }
  return {
    issuer,
    get answer() {
      return state.answer;
    },
    set answer(value) {
      state.answer = value;
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
