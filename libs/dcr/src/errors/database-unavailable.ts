// SQLSTATE classes and codes that mean "the database cannot serve now", not "the query is wrong"
// (PostgreSQL Appendix A): connection exceptions, shutdown, too many connections, and the
// server's own statement timeout.
const UNAVAILABLE_SQLSTATE_CLASSES = ['08']; // connection_exception
const UNAVAILABLE_SQLSTATES = [
  '57P01', // admin_shutdown (e.g. pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '53300', // too_many_connections
  '57014', // query_canceled (statement_timeout)
];
// Node socket errors seen when the server is down or the connection is cut.
const UNAVAILABLE_SOCKET_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
];
// Messages of the pg driver and pool for a lost or unobtainable connection, which carry no code.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /Query read timeout/i,
];

/**
 * Whether an error (from TypeORM or the pg driver, possibly wrapped) means the database is
 * unreachable or refusing work right now. Such requests are answered 503 `temporarily_unavailable`
 * and may be retried; everything else stays a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (UNAVAILABLE_SQLSTATES.includes(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2)))
        return true;
      if (UNAVAILABLE_SOCKET_CODES.includes(code)) return true;
    }
    if (
      typeof message === 'string' &&
      UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))
    ) {
      return true;
    }
    // TypeORM's QueryFailedError keeps the driver's error as `driverError`; others use `cause`.
    current =
      (current as { driverError?: unknown; cause?: unknown }).driverError ??
      (current as { cause?: unknown }).cause;
  }
  return false;
}
