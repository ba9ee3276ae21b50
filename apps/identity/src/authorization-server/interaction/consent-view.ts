import type { ResolvedClient } from '@agent-runtimes/dcr';
import type { ConsentView } from '../pages/interaction-pages.js';

/** The parameters of an authorization request the consent page shows. */
export interface ConsentRequest {
  readonly client_id?: unknown;
  readonly redirect_uri?: unknown;
  readonly scope?: unknown;
  readonly resource?: unknown;
}

/**
 * What the consent page shows about a request: the client's name (its id when it has none), the
 * host its answer goes to (the scheme of a private-use redirect URI, RFC 8252 §7.1), the document
 * host of a Client ID Metadata Document client (the MCP authorization spec asks to show it), the
 * scopes and the resources.
 */
export function consentViewOf(
  params: ConsentRequest,
  client: ResolvedClient | undefined,
): ConsentView {
  const clientId = String(params.client_id);
  const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : '';
  const redirect = URL.parse(redirectUri);
  return {
    clientName: client?.metadata.client_name ?? clientId,
    clientId,
    documentHost: client?.source === 'cimd' ? URL.parse(clientId)?.host : undefined,
    redirectHost: redirect === null ? redirectUri : redirect.host || redirect.protocol.slice(0, -1),
    scopes: typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [],
    resources: [params.resource]
      .flat()
      .filter((resource): resource is string => typeof resource === 'string'),
  };
}
