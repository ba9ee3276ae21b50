// An `http` URI on a loopback host (RFC 8252 §7.3), split into what precedes the port, the port,
// and the rest. The text is matched as it was sent, not as a URL parser would rewrite it: the
// comparison below is a string comparison (RFC 6749 §3.1.2.3), so `HTTP://`, user information,
// a trailing dot or a percent-encoded host never match a registered loopback URI.
const LOOPBACK_HTTP_URI =
  /^(http:\/\/(?:127\.0\.0\.1|\[::1\]|localhost))(?::(\d{1,5}))?([/?][^#]*)?$/;

/** The highest TCP port. */
const MAX_PORT = 65535;

/**
 * The parts of a loopback `http` URI that must match exactly: everything but the port, or
 * `undefined` when `uri` is not one (or its port is not a TCP port).
 */
function withoutLoopbackPort(uri: string): string | undefined {
  const match = LOOPBACK_HTTP_URI.exec(uri);
  if (!match) return undefined;
  const [, schemeAndHost, port, rest = ''] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > MAX_PORT)) return undefined;
  return `${schemeAndHost}${rest}`;
}

/**
 * Whether the redirection URI of an authorization request, `requested`, is one the client
 * registered. The comparison is an exact string comparison (RFC 6749 §3.1.2.3; OAuth 2.1 §2.3.1;
 * RFC 9700 §4.1.3), with one exception: a registered `http` URI on a loopback host (`127.0.0.1`,
 * `[::1]` or `localhost`) matches the same URI with any port, including a registration without a
 * port (RFC 8252 §7.3: native apps listen on a port the operating system picks at the time of the
 * request). Scheme, host, path and query still match exactly, and `127.0.0.1` does not match
 * `localhost`.
 *
 * Pure and synchronous, for any authorization server: node-oidc-provider's
 * `Client.prototype.redirectUriAllowed`, or a host's own authorization endpoint.
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const wanted = withoutLoopbackPort(requested);
  if (wanted === undefined) return false;
  return registered.some((uri) => withoutLoopbackPort(uri) === wanted);
}
