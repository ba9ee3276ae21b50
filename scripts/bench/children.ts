import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Child processes started by the bench that have not exited yet. */
const running = new Set<ChildProcess>();

/** Spawns a child process that is stopped when the bench exits or is interrupted. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Resolves when `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Asks `child` to stop (SIGTERM, so the identity app closes its pool and a CPU profile gets
 * written), and kills it if it has not exited after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Undo actions (drop the bench database, delete temporary files) run on Ctrl-C. */
const cleanups = new Set<() => Promise<void>>();
let interrupted = false;

/** Registers `action` to run if the bench is interrupted; call the result once it is done. */
export function onInterrupt(action: () => Promise<void>): () => void {
  cleanups.add(action);
  return () => cleanups.delete(action);
}

/** Whether the bench is stopping after Ctrl-C or SIGTERM (children exit on purpose then). */
export function isInterrupted(): boolean {
  return interrupted;
}

/** Stops every child on exit, Ctrl-C or SIGTERM, so no server outlives the bench. */
export function installCleanup(): void {
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: stopping ${running.size} child process(es) and cleaning up`);
      void Promise.allSettled([...running].map((child) => stopChild(child, 5_000)))
        .then(() => Promise.allSettled([...cleanups].map((action) => action())))
        .then(() => process.exit(130));
    });
  }
}

/** A free TCP port on the loopback interface (the identity app needs it before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A child's stdout and stderr, sent to a temporary file rather than a pipe: the identity app logs
 * every request, and a pipe read by the bench (busy generating load on the same CPUs) would make
 * the app block on its own log writes. A file costs the app what a log file does in production.
 */
export class ChildLog {
  private constructor(
    readonly path: string,
    readonly fd: number,
  ) {}

  static async open(name: string): Promise<ChildLog> {
    const dir = await mkdtemp(join(tmpdir(), 'dcr-bench-log-'));
    const path = join(dir, `${name}.log`);
    return new ChildLog(path, openSync(path, 'a'));
  }

  /** The last lines written, indented, for an error message. */
  tail(lines = 40): string {
    try {
      const size = statSync(this.path).size;
      const length = Math.min(size, 16 * 1024);
      const buffer = Buffer.alloc(length);
      const reader = openSync(this.path, 'r');
      readSync(reader, buffer, 0, length, size - length);
      closeSync(reader);
      return buffer
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(-lines)
        .map((line) => `    | ${line}`)
        .join('\n');
    } catch {
      return `    (no output in ${this.path})`;
    }
  }

  private removed = false;

  /** Closes and deletes the file (once). */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    closeSync(this.fd);
    await rm(dirname(this.path), { recursive: true, force: true });
  }
}

/** Waits until `url` answers 200, failing early if `child` exits. */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  log: ChildLog,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (${child.exitCode ?? child.signalCode}):\n${log.tail()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${log.tail()}`);
}
