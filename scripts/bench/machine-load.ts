/**
 * How much CPU other work on the machine took while the bench measured (Linux `/proc` only): a
 * shared machine (builds, tests) makes throughput and tail latency meaningless, so measurements
 * taken under foreign load are flagged, and the bench waits for a quiet machine before each one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

interface ProcessTicks {
  readonly ppid: number;
  /** User + system. */
  readonly ticks: number;
  readonly systemTicks: number;
}

export interface CpuSnapshot {
  /** All CPUs' ticks, busy and idle. */
  readonly total: number;
  readonly idle: number;
  /** Ticks in user, nice and system mode: what processes are charged with. */
  readonly processTime: number;
  readonly processes: Map<number, ProcessTicks>;
}

/** Foreign load above this share of the machine flags a measurement. */
export const FOREIGN_LOAD_LIMIT_PCT = 15;

/** CPU counters now, or `undefined` where there is no `/proc`. */
export function cpuSnapshot(withProcesses = true): CpuSnapshot | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const fields = (stat.split('\n', 1)[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // user nice system idle iowait irq softirq steal
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const processTime = (fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0);
  return { total, idle, processTime, processes: withProcesses ? processTicks() : new Map() };
}

/** Where the CPU went between two snapshots. */
export interface CpuBreakdown {
  /**
   * Share of the machine's CPU (0–100) used by anything but the bench: this process and its
   * descendants (load generator, servers) and the PostgreSQL processes that serve the bench
   * database or the whole server (WAL writer, checkpointer, ...). Processes that started and
   * ended in between count as foreign (only the machine total sees them).
   */
  readonly foreignPct: number;
  /** CPU time of the server process under load (user + system), in milliseconds. */
  readonly serverMs: number | undefined;
  /** The part of `serverMs` spent in the kernel (system calls: sockets, pipes, files). */
  readonly serverSystemMs: number | undefined;
  /** CPU time of PostgreSQL's bench-database backends and shared processes, in milliseconds. */
  readonly postgresMs: number;
}

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export function cpuBreakdown(
  before: CpuSnapshot,
  after: CpuSnapshot,
  database: string,
  serverPid?: number,
): CpuBreakdown {
  const elapsed = after.total - before.total;
  // Interrupt time is left out: the loopback traffic of the bench itself is handled there.
  const busy = after.processTime - before.processTime;
  let bench = 0;
  let postgres = 0;
  let server: number | undefined;
  let serverSystem: number | undefined;
  for (const [pid, now] of after.processes) {
    const kind = classify(pid, after.processes, database);
    if (kind === 'foreign') continue;
    // A process that started in between (a new pooled connection) counts from zero.
    const ticks = now.ticks - (before.processes.get(pid)?.ticks ?? 0);
    bench += ticks;
    if (kind === 'postgres') postgres += ticks;
    if (pid === serverPid) {
      server = ticks;
      serverSystem = now.systemTicks - (before.processes.get(pid)?.systemTicks ?? 0);
    }
  }
  const ms = (ticks: number) => (1000 * ticks) / TICKS_PER_SECOND;
  return {
    foreignPct: elapsed > 0 ? Math.max(0, (100 * (busy - bench)) / elapsed) : 0,
    serverMs: server === undefined ? undefined : ms(server),
    serverSystemMs: serverSystem === undefined ? undefined : ms(serverSystem),
    postgresMs: ms(postgres),
  };
}

/** Waits (up to `maxSeconds`) until the machine is nearly idle; returns the last busy share. */
export async function waitForQuiet(maxSeconds: number): Promise<number | undefined> {
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const before = cpuSnapshot(false);
    await sleep(500);
    const after = cpuSnapshot(false);
    if (!before || !after) return undefined;
    const elapsed = after.total - before.total;
    const busyPct = elapsed > 0 ? (100 * (elapsed - (after.idle - before.idle))) / elapsed : 0;
    if (busyPct < FOREIGN_LOAD_LIMIT_PCT / 2 || Date.now() >= deadline) return busyPct;
  }
}

function classify(
  pid: number,
  processes: Map<number, ProcessTicks>,
  database: string,
): 'bench' | 'postgres' | 'foreign' {
  if (isDescendantOf(pid, process.pid, processes)) return 'bench';
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'foreign';
  }
  if (!cmdline.startsWith('postgres:') && !/\/bin\/postgres\0/.test(cmdline)) return 'foreign';
  // Backends are titled "postgres: [<cluster>: ]<user> <database> <client>(<port>) <state>";
  // the postmaster, WAL writer, checkpointer etc. serve everyone, so count as the bench's.
  const backend = /^postgres: (?:\S+: )?\S+ (\S+) [^\s(]+\(\d+\)/.exec(cmdline);
  return !backend || backend[1] === database ? 'postgres' : 'foreign';
}

function isDescendantOf(pid: number, ancestor: number, processes: Map<number, ProcessTicks>) {
  for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
    if (current === ancestor) return true;
    current = processes.get(current)?.ppid ?? 0;
  }
  return false;
}

function processTicks(): Map<number, ProcessTicks> {
  const processes = new Map<number, ProcessTicks>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after "(comm)": state ppid ... utime(14) stime(15), counted from the pid.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(entry), {
        ppid: Number(rest[1]),
        ticks: Number(rest[11]) + Number(rest[12]),
        systemTicks: Number(rest[12]),
      });
    } catch {
      // The process ended meanwhile.
    }
  }
  return processes;
}
