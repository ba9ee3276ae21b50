import { pino, type Logger, type LevelWithSilent } from 'pino';

/**
 * Keys whose values are credentials wherever they appear in a logged object. Nothing in this app
 * logs request bodies or headers; this is the second line of defence for what someone adds later.
 */
// Exact paths only: wildcards make redaction cost more on every line.
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  ...credentialKeys([
    // RFC 7591/7592
    'client_secret',
    'registration_access_token',
    'initial_access_token',
    'software_statement',
    // RFC 6749, RFC 7636, RFC 7523, RFC 7009/7662, OpenID Connect: what node-oidc-provider's
    // endpoints receive and return
    'code',
    'code_verifier',
    'refresh_token',
    'access_token',
    'id_token',
    'token',
    'client_assertion',
    'id_token_hint',
    'logout_token',
  ]),
];

/** A credential's key, at the top of a logged object and in a logged request body or query. */
function credentialKeys(keys: readonly string[]): string[] {
  return keys.flatMap((key) => [key, `body.${key}`, `query.${key}`, `params.${key}`]);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Bytes of log lines gathered before a write: one system call for a few dozen request lines. */
const LOG_BUFFER_BYTES = 4096;

/** The longest a log line waits in the buffer on a quiet server. */
const LOG_FLUSH_INTERVAL_MS = 200;

/**
 * Standard output, written asynchronously in batches: lines are gathered up to
 * {@link LOG_BUFFER_BYTES} and written together (a write per request line cost about as much CPU
 * as the rest of a registration read), and what is gathered is written at least every
 * {@link LOG_FLUSH_INTERVAL_MS} and at exit, so that a quiet server's lines still show at once.
 */
function bufferedStdout(): pino.DestinationStream {
  return pino.destination({
    dest: 1,
    sync: false,
    minLength: LOG_BUFFER_BYTES,
    periodicFlush: LOG_FLUSH_INTERVAL_MS,
  });
}

/**
 * The app's structured logger: one JSON object per line on stdout, credentials redacted. Writes are
 * asynchronous and batched (see {@link bufferedStdout}), instead of a system call per request.
 * `flush()` before exiting.
 */
export function createJsonLogger(
  level: LevelWithSilent,
  destination: NodeJS.WritableStream | pino.DestinationStream = bufferedStdout(),
): Logger {
  return pino(
    {
      level,
      base: { service: 'identity' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
