import type { ServerDefinition } from '../definitions.js';
import { freePort } from '../children.js';
import { EXPRESS_APP } from '../paths.js';
import { childEnv, launchServer } from '../server-process.js';

/**
 * `express-app.ts`: a bench-only host app composing `DcrModule` from the built library on
 * `@nestjs/platform-express`, as a host app does (see that file for what it does per request).
 * `--app-env` applies to it as to the identity app: `--app-env LOG_LEVEL=warn` turns the request
 * log lines of both off.
 */
export const EXPRESS: ServerDefinition = {
  id: 'express',
  label: 'Express',
  role: 'app',
  description:
    'a host app composing DcrModule on Nest + Express (express-app.ts), JSON request log lines',
  async start({ databaseUrl, poolSize, appEnv }) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = childEnv({
      EXPRESS_PORT: String(port),
      EXPRESS_ISSUER: url,
      EXPRESS_DATABASE_URL: databaseUrl,
      EXPRESS_POOL_SIZE: String(poolSize),
      ...appEnv,
    });
    // Start-up runs the migrations (under the lock, after the identity app's): allow it time.
    return launchServer('express', [EXPRESS_APP], env, url, '/health', 120_000);
  },
};
