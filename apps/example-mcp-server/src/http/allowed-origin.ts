/**
 * MCP Streamable HTTP transport (security warning): servers validate the `Origin` header of every
 * request, against DNS rebinding. A request without one (any non-browser client) is allowed; a
 * browser's request is allowed only from the resource's own origin, since this server sends no
 * CORS headers for the endpoint anyway.
 */
export function isAllowedOrigin(origin: string | undefined, resource: string): boolean {
  if (origin === undefined) return true;
  // Origins are compared as serialized by the URL parser (scheme and host lowercased, default
  // port dropped); `null` and anything unparsable are refused.
  const parsed = URL.parse(origin);
  return parsed !== null && parsed.origin !== 'null' && parsed.origin === new URL(resource).origin;
}
