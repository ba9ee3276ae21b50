import { OutboundFetchError } from '../outbound/outbound-fetch-error.js';
import { CIMD_DRAFT, unusableClient, type CimdClientError } from './cimd-client-error.js';

/**
 * The refusal for a document the outbound fetcher could not get (draft §5.1: the authorization
 * request is aborted): a special-use address (§8.6), a redirect (§5: never followed), a timeout,
 * a body over the cap (§8.7), an answer other than 2xx, a body that is not JSON. The fetcher's
 * message starts with the host and never carries the path, a credential or a resolved address,
 * so it is given as it is. Anything else is not a fetch failure and is rethrown.
 */
export function fetchRefusal(error: unknown): CimdClientError {
  if (!(error instanceof OutboundFetchError)) throw error;
  return unusableClient(
    'fetch',
    `the client's metadata document could not be fetched (${CIMD_DRAFT} §5): ${error.message}`,
  );
}

/** Draft §5: the document is served with 200 OK; any other answer is an error. */
export function statusRefusal(status: number): CimdClientError {
  return unusableClient(
    'status',
    `the client's metadata document was answered with ${status}, not 200 (${CIMD_DRAFT} §5)`,
  );
}
