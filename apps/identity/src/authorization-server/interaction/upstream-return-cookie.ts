/** Name of the cookie that remembers which interaction went to the upstream provider. */
export const UPSTREAM_RETURN_COOKIE = 'identity_upstream';

/** What an interaction uid (oidc-provider's nanoid) looks like. */
const UID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The `Set-Cookie` value that remembers the interaction `uid` while the person is at the upstream
 * provider, scoped to the callback's path (node-oidc-provider's own interaction cookie is scoped
 * to `/interaction/:uid`, so the callback URL, which is fixed, does not get it). `SameSite=Lax`:
 * the upstream provider's redirect back is a top-level `GET`, which carries it (RFC 6265bis
 * §5.4.7). It only names the interaction: the callback sends the browser on to
 * `/interaction/:uid/upstream`, where oidc-provider's signed cookie must match, as for every form.
 */
export function upstreamReturnCookie(
  uid: string,
  callbackUrl: string,
  maxAgeSeconds: number,
): string {
  const url = new URL(callbackUrl);
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  return `${UPSTREAM_RETURN_COOKIE}=${uid}; Path=${url.pathname}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/** The `Set-Cookie` value that removes the cookie of {@link upstreamReturnCookie}. */
export function clearedUpstreamReturnCookie(callbackUrl: string): string {
  return upstreamReturnCookie('', callbackUrl, 0);
}

/** The interaction uid of a request's `Cookie` header, if it carries a well-formed one. */
export function upstreamReturnUid(cookieHeader: string | undefined): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== UPSTREAM_RETURN_COOKIE) continue;
    const value = pair.slice(separator + 1).trim();
    if (UID.test(value)) return value;
  }
  return undefined;
}
