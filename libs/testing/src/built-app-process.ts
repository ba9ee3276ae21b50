import { spawn, type ChildProcess } from 'node:child_process';

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `node <main>` of one of the workspace's built apps. */
export interface BuiltAppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** What it wrote to stdout so far, without colours. */
  stdout(): string;
  /** What it wrote to stderr so far, without colours. */
  stderr(): string;
  /** Everything it wrote to stdout and stderr so far, in order, without colours. */
  output(): string;
}

/** What to start: the entry point, where from, and which of the app's variables not to inherit. */
export interface BuiltAppStart {
  readonly main: string;
  readonly cwd: string;
  /** Every variable the app reads: none is inherited from the environment the tests run in. */
  readonly appVariables: readonly string[];
  readonly env: Record<string, string>;
}

const children = new Set<ChildProcess>();

/** `text` without ANSI colour sequences. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The app's environment: only what a test sets, plus what Node itself needs. */
export function builtAppEnv(
  appVariables: readonly string[],
  env: Record<string, string>,
): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of appVariables) delete inherited[name];
  // Jest's own flags (--experimental-vm-modules) would add warnings to the app's output.
  delete inherited.NODE_OPTIONS;
  return { ...inherited, NO_COLOR: '1', ...env };
}

/** Runs `node <main>` with the test's environment, recording its output. */
export function spawnBuiltApp(start: BuiltAppStart): BuiltAppProcess {
  const child = spawn(process.execPath, [start.main], {
    cwd: start.cwd,
    env: builtAppEnv(start.appVariables, start.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    output += chunk;
  });
  const exited = new Promise<Exit>((resolveExit, rejectExit) => {
    child.once('error', rejectExit);
    child.once('close', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });
  return {
    child,
    exited,
    stdout: () => stripAnsi(stdout),
    stderr: () => stripAnsi(stderr),
    output: () => stripAnsi(output),
  };
}

/** Kills every built app still running, even when a test failed half-way, and waits for them. */
export async function killAllBuiltApps(): Promise<void> {
  const running = [...children];
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => new Promise((done) => child.once('close', done))));
}

/**
 * Waits for the app's "Listening on http://127.0.0.1:PORT" line and returns that URL; rejects with
 * its output when it exits first or takes longer than `timeoutMs`.
 */
export function listeningUrl(app: BuiltAppProcess, timeoutMs: number): Promise<string> {
  const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/;
  return new Promise<string>((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      rejectUrl(new Error(`the app did not start in ${timeoutMs} ms:\n${app.output()}`));
    }, timeoutMs);
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
