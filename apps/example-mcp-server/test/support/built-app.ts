import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MCP_SERVER_VARIABLES } from '../../src/config/mcp-server-config.js';

const WORKSPACE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The built app's entry point; the Nx `test` target builds it first. */
export const MAIN = join(WORKSPACE_ROOT, 'apps/example-mcp-server/dist/main.js');

const START_TIMEOUT_MS = 30_000;

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `node dist/main.js`. */
export interface AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** Everything it wrote to stdout and stderr so far, without colours. */
  output(): string;
}

const children = new Set<ChildProcess>();

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Starts the built app with `env`; none of the app's variables is inherited from the tests. */
export function spawnApp(env: Record<string, string>): AppProcess {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of MCP_SERVER_VARIABLES) delete inherited[name];
  // Jest's own flags (--experimental-vm-modules) would add warnings to the app's output.
  delete inherited.NODE_OPTIONS;
  const child = spawn(process.execPath, [MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<Exit>((resolveExit, rejectExit) => {
    child.once('error', rejectExit);
    child.once('close', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });
  return { child, exited, output: () => stripAnsi(output) };
}

/** Waits for the "Listening on http://127.0.0.1:PORT" line and returns that URL. */
export async function listeningUrl(app: AppProcess): Promise<string> {
  const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/;
  return new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      rejectUrl(new Error(`the app did not start in ${START_TIMEOUT_MS} ms:\n${app.output()}`));
    }, START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const url = listening.exec(app.output())?.[1];
      if (url) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveUrl(url);
      }
    }, 50);
    void app.exited.then((exit) => {
      clearInterval(poll);
      clearTimeout(timer);
      rejectUrl(
        new Error(`the app exited before listening: ${JSON.stringify(exit)}\n${app.output()}`),
      );
    });
  });
}

/** Kills every app still running, even when a test failed half-way, and waits for them. */
export async function killAllApps(): Promise<void> {
  const running = [...children];
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => new Promise((done) => child.once('close', done))));
}
