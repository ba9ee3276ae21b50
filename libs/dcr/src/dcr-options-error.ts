/** Raised for options a `DcrModule` cannot start with; the message names the option. */
export class DcrOptionsError extends Error {
  override readonly name = 'DcrOptionsError';
}
