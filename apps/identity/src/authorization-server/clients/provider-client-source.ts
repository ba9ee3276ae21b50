import type { DcrClientResolver } from '@agent-runtimes/dcr';
import type { ClientMetadataSource } from '../persistence/oidc-adapter.js';
import { clientRefusal } from './client-refusal.js';
import { toOidcClientMetadata } from './oidc-client-metadata.js';

/**
 * The clients of oidc-provider's `Client` adapter: `DcrClientResolver`'s answer (registered
 * clients and Client ID Metadata Document clients) as oidc-provider metadata. A document client
 * that cannot be used is thrown as an RFC 6749 error naming the rule (`clientRefusal`); any other
 * failure (the database) is rethrown as it is, and answered as a server error.
 *
 * A refusal is remembered for the rest of the request (`currentRequest` is oidc-provider's
 * `Provider.ctx`): oidc-provider's authorization error handler looks the client up once more to
 * decide where to send the error, and that second look-up must neither fetch the document again
 * nor answer otherwise.
 */
export function providerClientSource(
  clients: DcrClientResolver,
  placeholderSecret: string,
  currentRequest: () => object | undefined,
): ClientMetadataSource {
  const refusals = new WeakMap<object, { clientId: string; error: Error }>();
  return {
    async find(clientId) {
      const request = currentRequest();
      const refused = request ? refusals.get(request) : undefined;
      if (refused?.clientId === clientId) throw refused.error;
      try {
        const client = await clients.resolve(clientId);
        return client ? toOidcClientMetadata(client, placeholderSecret) : undefined;
      } catch (error) {
        const refusal = clientRefusal(error);
        if (!refusal) throw error;
        if (request) refusals.set(request, { clientId, error: refusal });
        throw refusal;
      }
    },
  };
}
