import { CimdClientError, toErrorDescription } from '@agent-runtimes/dcr';
import { errors } from 'oidc-provider';

/**
 * The oidc-provider error for a Client ID Metadata Document client that cannot be used, or
 * `undefined` for any other failure (a database error stays what it is: a server error, never
 * `invalid_client`). An RFC 6749 error: `invalid_request` for a malformed `client_id` URL,
 * `invalid_client` otherwise, status 400, its description naming the rule (`(rule: fetch)`), in
 * the characters RFC 6749 §5.2 allows. It may never be redirected (RFC 6749 §4.1.2.1): the
 * client's redirect URIs are unknown, so the authorization endpoint shows the error page.
 */
export function clientRefusal(error: unknown): errors.OIDCProviderError | undefined {
  if (!(error instanceof CimdClientError)) return undefined;
  const description = toErrorDescription(`${error.description} (rule: ${error.rule})`);
  const refusal =
    error.error === 'invalid_request'
      ? new errors.InvalidRequest(description)
      : new errors.InvalidClient(description);
  refusal.allow_redirect = false;
  return refusal;
}
