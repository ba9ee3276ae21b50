/**
 * What a subject identifier (the `sub` of tokens) may be: at most 255 ASCII characters (OIDC Core
 * §2), here printable ASCII without spaces, so that it can be shown and logged as it is. The
 * development sign-in form and `IDENTITY_TEST_LOGIN_SUBJECT` both follow it.
 */
export const SUBJECT_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What {@link SUBJECT_PATTERN} says, in words, for error messages. */
export const SUBJECT_RULE = '1 to 255 printable ASCII characters without spaces';

/** Whether `value` may be used as a subject identifier. */
export function isValidSubject(value: string): boolean {
  return SUBJECT_PATTERN.test(value);
}
