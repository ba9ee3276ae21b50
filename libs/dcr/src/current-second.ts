/**
 * The current time truncated to whole seconds. Responses report Unix seconds (RFC 7591 §3.2.1);
 * storing the same precision makes a later read report exactly what registration reported.
 */
export function currentSecond(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}
