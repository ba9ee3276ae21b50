import { describe, expect, it } from '@jest/globals';
import {
  clearedUpstreamReturnCookie,
  upstreamReturnCookie,
  upstreamReturnUid,
} from './upstream-return-cookie.js';

describe('the upstream return cookie', () => {
  it('is scoped to the callback path, http-only, lax, secure on https', () => {
    expect(
      upstreamReturnCookie('abc_DEF-1', 'https://id.example/t/interaction/callback/upstream', 600),
    ).toBe(
      'identity_upstream=abc_DEF-1; Path=/t/interaction/callback/upstream; Max-Age=600; HttpOnly; SameSite=Lax; Secure',
    );
    expect(
      upstreamReturnCookie('u', 'http://127.0.0.1:3000/interaction/callback/upstream', 600),
    ).not.toContain('Secure');
    expect(clearedUpstreamReturnCookie('https://id.example/x')).toContain('Max-Age=0');
  });

  it.each([
    ['a=1; identity_upstream=uid_1-A; b=2', 'uid_1-A'],
    ['identity_upstream=../admin', undefined],
    ['identity_upstream=', undefined],
    ['other=uid', undefined],
    [undefined, undefined],
  ])('reads the uid of %p as %p', (header, uid) => {
    expect(upstreamReturnUid(header)).toBe(uid);
  });
});
