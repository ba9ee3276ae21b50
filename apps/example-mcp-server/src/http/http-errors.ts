import { OAuthError } from '@agent-runtimes/dcr';

/**
 * MCP Streamable HTTP transport, security warning: a request whose `Origin` is present and not
 * allowed gets 403, which keeps DNS-rebinding pages away from the endpoint.
 */
export function originNotAllowed(): OAuthError {
  return new OAuthError('invalid_request', 'requests from this Origin are not allowed', 403);
}

/**
 * MCP Streamable HTTP transport: a server that offers no SSE stream answers GET with 405; this
 * stateless server has no session to DELETE either.
 */
export function methodNotAllowed(): OAuthError {
  return new OAuthError('invalid_request', 'the MCP endpoint accepts POST only', 405, {
    Allow: 'POST',
  });
}
