import type { ResolvedRuleSet } from '../policy/registration-rules.js';

/**
 * Who is calling the registration endpoint, as its guard decided before anything read the body:
 * an anonymous caller, or the holder of a valid initial access token (RFC 7591 §3), known by the
 * token's id (never its value) and the rules bound to it.
 */
export type Registrant =
  | { readonly kind: 'anonymous'; readonly clientIp?: string }
  | {
      readonly kind: 'initial_access_token';
      readonly tokenId: string;
      /** The rules bound to the token (empty when it has none). */
      readonly rules: ResolvedRuleSet;
      readonly clientIp?: string;
    };
