/**
 * The RFC 6901 JSON pointer of a value in the request body, from its path: member names and array
 * indexes. `~` and `/` in a member name are escaped as `~0` and `~1` (RFC 6901 §3), so a
 * language-tagged key with a slash still names one member. The empty path is the empty pointer,
 * the whole body (RFC 6901 §5).
 */
export function jsonPointer(...path: readonly (string | number)[]): string {
  return path
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}
