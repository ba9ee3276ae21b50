import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root: this file runs as `scripts/dist/bench/paths.js`. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built identity app (`npx nx run identity:build`). */
export const IDENTITY_MAIN = join(WORKSPACE_ROOT, 'apps/identity/dist/main.js');

/** The compiled floor server, started as a child process. */
export const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.js', import.meta.url));

/** The compiled bench-only Express host app, started as a child process. */
export const EXPRESS_APP = fileURLToPath(new URL('./express-app.js', import.meta.url));

/** Where results and profiles are written (git-ignored). */
export const RESULTS_DIR = join(WORKSPACE_ROOT, 'bench-results');

/** The compiled bare Nest floor (`nest-floor-server.ts`), started as a child process. */
export const NEST_FLOOR_SERVER = fileURLToPath(new URL('./nest-floor-server.js', import.meta.url));

/** The compiled bare node-oidc-provider floor (`provider-floor-server.ts`), a child process. */
export const PROVIDER_FLOOR_SERVER = fileURLToPath(
  new URL('./provider-floor-server.js', import.meta.url),
);
