/** The longest echo of a value in a message; the rest is cut (a message is one line). */
const MAX_ECHO_LENGTH = 120;

/**
 * `raw` with anything that may be URL user credentials replaced by `***`: everything from after
 * `scheme://` (or from the start, without one) up to the last `@`. WHATWG parsers accept
 * `https:user:pass@host` and backslashes for slashes, so the cut does not trust the value to be a
 * well-formed URL: it may hide more than the credentials, never less.
 */
export function maskUserinfo(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(raw)?.[0] ?? '';
  // An `@` inside the scheme (impossible) or right after it leaves nothing to hide but the `@`.
  return `${scheme}***${raw.slice(Math.max(at, scheme.length))}`;
}

/**
 * How a message quotes a value it may show: credentials masked, as a JSON string (so that a line
 * break in the value cannot split the one-line message, and quotes stay unambiguous), and cut
 * after {@link MAX_ECHO_LENGTH} characters.
 */
export function quoteValue(raw: string): string {
  const masked = maskUserinfo(raw);
  const cut = masked.length > MAX_ECHO_LENGTH ? `${masked.slice(0, MAX_ECHO_LENGTH)}…` : masked;
  return JSON.stringify(cut);
}
