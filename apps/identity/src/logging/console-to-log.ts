import { format } from 'node:util';
import type { Logger } from 'pino';

/**
 * Routes `console.info`, `console.warn` and `console.error` to the app's JSON logger, so that
 * what libraries print that way (node-oidc-provider's notices, e.g. "Unsupported runtime" on
 * Node.js 20) comes out as the app's own JSON lines instead of bare text on stdout and stderr.
 */
export function routeConsoleToLog(log: Logger): void {
  const context = { context: 'console' };
  /* eslint-disable no-console -- replacing the console is the point */
  console.info = (...args: unknown[]) => log.info(context, format(...args));
  console.warn = (...args: unknown[]) => log.warn(context, format(...args));
  console.error = (...args: unknown[]) => log.error(context, format(...args));
  /* eslint-enable no-console */
}
