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
  'client_secret',
  'registration_access_token',
  'initial_access_token',
  'software_statement',
  'password',
  'body.client_secret',
  'body.registration_access_token',
  'body.initial_access_token',
  'body.software_statement',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The app's structured logger: one JSON object per line on stdout, credentials redacted. Writes are
 * asynchronous: under load, lines that arrive while a write is in progress go out together in the
 * next one, instead of a blocking system call per request. `flush()` before exiting.
 */
export function createJsonLogger(
  level: LevelWithSilent,
  destination: NodeJS.WritableStream | pino.DestinationStream = pino.destination({
    dest: 1,
    sync: false,
  }),
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
