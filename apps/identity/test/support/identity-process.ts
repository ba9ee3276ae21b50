import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtAppEnv,
  killAllBuiltApps,
  spawnBuiltApp,
  type BuiltAppProcess,
  type Exit,
} from '@agent-runtimes/testing';
import { IDENTITY_ENV } from '../../src/config/identity-env.js';

// The built app, run the way `npm start` runs it: from the workspace root. The Nx `test` target
// depends on `build`, so dist is current when the tests run through Nx.
export const WORKSPACE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
export const MAIN = join(WORKSPACE_ROOT, 'apps/identity/dist/main.js');

// PGlite compiles PostgreSQL to WebAssembly and runs initdb on a fresh folder: a start takes
// seconds, more on a busy machine.
export const START_TIMEOUT_MS = 45_000;

/** Every variable the app reads: none is inherited from the environment the tests run in. */
const IDENTITY_VARIABLES = Object.keys(IDENTITY_ENV);

export { stripAnsi, type Exit } from '@agent-runtimes/testing';

/** A running `node apps/identity/dist/main.js`. */
export type AppProcess = Omit<BuiltAppProcess, 'output'>;

export interface RunningApp extends AppProcess {
  readonly url: string;
}

/** The app's environment: only what a test sets, plus what Node itself needs. */
export function appEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return builtAppEnv(IDENTITY_VARIABLES, env);
}

export function assertBuilt(): void {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the app first (npx nx run identity:build)`);
  }
}

/** Runs `node apps/identity/dist/main.js` from the workspace root with `env`. */
export function spawnApp(env: Record<string, string>): AppProcess {
  return spawnBuiltApp({ main: MAIN, cwd: WORKSPACE_ROOT, appVariables: IDENTITY_VARIABLES, env });
}

/** Starts the app on a free port and waits for its "Listening on http://127.0.0.1:PORT" line. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  // The port is picked by the OS, so the issuer cannot derive from it: any loopback issuer will do.
  return untilListening(spawnApp({ PORT: '0', ISSUER: 'http://127.0.0.1', ...env }));
}

/** Waits for a started app's "Listening on http://127.0.0.1:PORT" line. */
export async function untilListening(app: AppProcess): Promise<RunningApp> {
  const listening = /Listening on (http:\/\/127\.0\.0\.1:(\d+))/;
  const line = await untilLogged(
    app,
    (entry) => listening.test(String(entry.msg)),
    START_TIMEOUT_MS,
  );
  return { ...app, url: listening.exec(String(line.msg))?.[1] as string };
}

/**
 * Waits until the app has written a log line that `matches` (lines are written asynchronously, so
 * a line may come a moment after the response it describes). Fails with the app's output if the
 * app exits first or `timeoutMs` passes.
 */
export async function untilLogged(
  app: AppProcess,
  matches: (entry: Record<string, unknown>) => boolean,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  return new Promise((resolveLine, rejectLine) => {
    const describeOutput = () => `\nstdout:\n${app.stdout()}\nstderr:\n${app.stderr()}`;
    const stop = () => {
      clearInterval(poll);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      stop();
      rejectLine(new Error(`no matching log line in ${timeoutMs} ms${describeOutput()}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const line = logLines(app).find(matches);
      if (line) {
        stop();
        resolveLine(line);
      }
    }, 25);
    void app.exited.then((exit) => {
      const line = logLines(app).find(matches);
      stop();
      if (line) resolveLine(line);
      else rejectLine(new Error(`the app exited: ${JSON.stringify(exit)}${describeOutput()}`));
    });
  });
}

export async function stopApp(app: AppProcess): Promise<Exit> {
  app.child.kill('SIGTERM');
  return app.exited;
}

/** Kills every app still running, even after a failed test. */
export function killAllApps(): Promise<void> {
  return killAllBuiltApps();
}

/** The JSON log lines the app wrote to stdout. */
export function logLines(app: AppProcess): Record<string, unknown>[] {
  return app
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
