import { OAuthError } from '../errors/oauth-error.js';
import { jsonPointer } from '../policy/policy-refusal.js';
import {
  parseInitialAccessTokenPolicy,
  type InitialAccessTokenPolicy,
} from './initial-access-token-policy.js';

/** What an operator asks for when minting an initial access token. */
export interface InitialAccessTokenRequest {
  /** Seconds until the token expires. */
  readonly expiresIn: number;
  /** How many registrations the token allows. */
  readonly maxUses: number;
  readonly label: string | null;
  readonly policy: InitialAccessTokenPolicy | null;
}

/** Longest lifetime of a token: ten years, far beyond any sensible use, and a safe date. */
export const MAX_EXPIRES_IN_SECONDS = 10 * 366 * 86_400;
/** Most registrations one token may allow. */
export const MAX_USES = 1_000_000;
/** Longest label. */
export const MAX_LABEL_LENGTH = 200;

const MEMBERS = ['expires_in', 'max_uses', 'label', 'policy'];

/**
 * Checks a request to mint a token (`{"expires_in", "max_uses", "label"?, "policy"?}`), the same
 * for the admin API, the CLI and host tooling. Throws `invalid_request` naming the member, as text
 * and as a JSON pointer in `field`.
 */
export function parseInitialAccessTokenRequest(body: unknown): InitialAccessTokenRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('', 'the request body must be a JSON object');
  }
  const request = body as Readonly<Record<string, unknown>>;
  const unknown = Object.keys(request).find((member) => !MEMBERS.includes(member));
  if (unknown !== undefined) {
    throw invalid(
      jsonPointer(unknown),
      `${unknown}: unknown member (known: ${MEMBERS.join(', ')})`,
    );
  }
  return {
    expiresIn: wholeNumber(request.expires_in, 'expires_in', 1, MAX_EXPIRES_IN_SECONDS),
    maxUses: wholeNumber(request.max_uses, 'max_uses', 1, MAX_USES),
    label: label(request.label),
    policy: parseInitialAccessTokenPolicy(request.policy),
  };
}

function wholeNumber(value: unknown, member: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(jsonPointer(member), `${member}: must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function label(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  // Printable text on one line: it is shown in listings and terminals.
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_LABEL_LENGTH ||
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value)
  ) {
    throw invalid(
      jsonPointer('label'),
      `label: must be text of 1 to ${MAX_LABEL_LENGTH} characters, without control characters`,
    );
  }
  return value;
}

function invalid(field: string, description: string): OAuthError {
  return new OAuthError('invalid_request', description, 400, {}, { field });
}
