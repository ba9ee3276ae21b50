import type { ClientWithSecretCheck, DcrClientResolver } from '@agent-runtimes/dcr';
import type { AdapterPayload } from 'oidc-provider';
import type { ClientMetadataSource } from '../persistence/oidc-adapter.js';
import { clientRefusal } from './client-refusal.js';
import { toOidcClientMetadata } from './oidc-client-metadata.js';

/** The clients of oidc-provider, and the check of their secrets. */
export interface ProviderClientSource extends ClientMetadataSource {
  /** `Client.prototype.compareClientSecret`: whether `secret` is the client's current secret. */
  verifySecret(clientId: string, secret: string): Promise<boolean>;
}

/** What one request has learnt of a client. */
type Seen =
  | { readonly clientId: string; readonly refusal: Error }
  | { readonly clientId: string; readonly unknown: true }
  | {
      readonly clientId: string;
      readonly check: ClientWithSecretCheck;
      readonly metadata: AdapterPayload;
    };

/**
 * The clients of oidc-provider's `Client` adapter: `DcrClientResolver`'s answer (registered
 * clients and Client ID Metadata Document clients) as oidc-provider metadata. A document client
 * that cannot be used is thrown as an RFC 6749 error naming the rule (`clientRefusal`); any other
 * failure (the database) is rethrown as it is, and answered as a server error.
 *
 * What a look-up found is remembered for the rest of the request (`currentRequest` is
 * oidc-provider's `Provider.ctx`), and for that request only:
 * - a refusal: oidc-provider's authorization error handler looks the client up once more to
 *   decide where to send the error, and that second look-up must neither fetch the document again
 *   nor answer otherwise;
 * - the metadata and the secret check bound to the row the look-up read, or that there is no such
 *   client: the token endpoint finds the client (twice when `keepBuiltClients` builds it or finds
 *   none), then compares its secret, and one read of the row serves them all.
 */
export function providerClientSource(
  clients: DcrClientResolver,
  placeholderSecret: string,
  currentRequest: () => object | undefined,
): ProviderClientSource {
  const seen = new WeakMap<object, Seen>();
  return {
    async find(clientId) {
      const request = currentRequest();
      const earlier = request ? seen.get(request) : undefined;
      if (earlier?.clientId === clientId) {
        if ('refusal' in earlier) throw earlier.refusal;
        return 'unknown' in earlier ? undefined : earlier.metadata;
      }
      try {
        const found = await clients.resolveForAuthentication(clientId);
        if (!found) {
          if (request) seen.set(request, { clientId, unknown: true });
          return undefined;
        }
        const metadata = toOidcClientMetadata(found.client, placeholderSecret);
        if (request) seen.set(request, { clientId, check: found, metadata });
        return metadata;
      } catch (error) {
        const refusal = clientRefusal(error);
        if (!refusal) throw error;
        if (request) seen.set(request, { clientId, refusal });
        throw refusal;
      }
    },
    verifySecret(clientId, secret) {
      const request = currentRequest();
      const earlier = request ? seen.get(request) : undefined;
      if (earlier?.clientId === clientId && 'check' in earlier) {
        return Promise.resolve(earlier.check.verifySecret(secret));
      }
      return clients.verifyClientSecret(clientId, secret);
    },
  };
}
