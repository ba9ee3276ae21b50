import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  killAllBuiltApps,
  listeningUrl as untilListening,
  spawnBuiltApp,
  type BuiltAppProcess,
} from '@agent-runtimes/testing';
import { MCP_SERVER_VARIABLES } from '../../src/config/mcp-server-config.js';

const WORKSPACE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The built app's entry point; the Nx `test` target builds it first. */
export const MAIN = join(WORKSPACE_ROOT, 'apps/example-mcp-server/dist/main.js');

const START_TIMEOUT_MS = 30_000;

/** A running `node dist/main.js`. */
export type AppProcess = BuiltAppProcess;
export type { Exit } from '@agent-runtimes/testing';

/** Starts the built app with `env`; none of the app's variables is inherited from the tests. */
export function spawnApp(env: Record<string, string>): AppProcess {
  return spawnBuiltApp({
    main: MAIN,
    cwd: WORKSPACE_ROOT,
    appVariables: MCP_SERVER_VARIABLES,
    env,
  });
}

/** Waits for the "Listening on http://127.0.0.1:PORT" line and returns that URL. */
export function listeningUrl(app: AppProcess): Promise<string> {
  return untilListening(app, START_TIMEOUT_MS);
}

/** Kills every app still running, even when a test failed half-way, and waits for them. */
export function killAllApps(): Promise<void> {
  return killAllBuiltApps();
}
