import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The key of the interaction forms' CSRF tokens, derived (HKDF-SHA256, RFC 5869) from the server's
 * current cookie-signing key, so that it is as secret as the cookies and shared by every instance.
 */
export function formTokenKey(cookieKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', cookieKey, Buffer.alloc(0), 'identity interaction form', 32),
  );
}

/**
 * The CSRF token of the forms of one interaction: an HMAC of its uid. A page of another site can
 * neither read it nor compute it (it knows neither the key nor the uid, which travels in the
 * person's URL and cookie only), so a forged form post is refused.
 */
export function formToken(key: Buffer, uid: string): string {
  return createHmac('sha256', key).update(`interaction:${uid}`).digest('base64url');
}

/** Whether `presented` is the form token of the interaction `uid`, compared in constant time. */
export function formTokenMatches(key: Buffer, uid: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(formToken(key, uid));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
