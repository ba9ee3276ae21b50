/**
 * Reads a V8 `.cpuprofile` (written by `node --cpu-prof`) and aggregates its samples by function
 * and by package: self time (the function was on top of the stack) and total time (it was
 * anywhere on the stack, counted once per sample).
 */
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock (the one `process.hrtime` reads). */
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Keep only the samples taken in this interval (microseconds, monotonic clock). */
export interface SampleWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

export interface ProfileRow {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface ProfileSummary {
  readonly windowMs: number;
  /** The sampling interval each sample counts for (median time between samples). */
  readonly intervalUs: number;
  /** Sampled time that was not idle: the percentages are of this. */
  readonly busyMs: number;
  readonly idleMs: number;
  readonly samples: number;
  readonly byPackage: ProfileRow[];
  readonly byFunction: ProfileRow[];
  /**
   * Self time charged to the nearest package (npm, `@agent-runtimes/dcr`, `apps/identity`) on the
   * stack: Node.js core and native code count for the package that called them, so socket
   * writes land on fastify, pg or pino. Stacks with no package stay with their own (`node:*`).
   */
  readonly byCaller: ProfileRow[];
}

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** Aggregates the samples of `profile` (those in `window`, if given). */
export function analyseProfile(profile: CpuProfile, window?: SampleWindow): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const stacks = new StackNames(nodes, parents);
  const self = { pkg: new Map<string, number>(), fn: new Map<string, number>() };
  const total = { pkg: new Map<string, number>(), fn: new Map<string, number>() };
  const byCaller = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  let count = 0;

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample counts for the sampling interval, not for the time until the next sample (as
  // Chrome DevTools does): on a machine whose CPUs are all busy, the thread is often descheduled
  // between samples, and that wait would be charged to whatever ran last (often `writev`, which
  // wakes the peer that then takes the CPU). Sample counts approximate time on the CPU.
  const weight = medianOf(deltas);
  let time = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    time += deltas[i] ?? 0;
    if (window && (time < window.fromUs || time > window.toUs)) continue;
    const node = nodes.get(samples[i]);
    if (!node) continue;
    count++;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += weight;
      continue;
    }
    busyUs += weight;
    add(self.pkg, stacks.packageOfNode(node.id), weight);
    add(byCaller, stacks.callerOfNode(node.id), weight);
    add(self.fn, functionName(node.callFrame), weight);
    for (const name of stacks.packages(node.id)) add(total.pkg, name, weight);
    for (const name of stacks.functions(node.id)) add(total.fn, name, weight);
  }

  const rows = (selfMap: Map<string, number>, totalMap: Map<string, number>) =>
    [...new Set([...selfMap.keys(), ...totalMap.keys()])]
      .map((name) => ({
        name,
        selfMs: (selfMap.get(name) ?? 0) / 1000,
        totalMs: (totalMap.get(name) ?? 0) / 1000,
      }))
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
  return {
    intervalUs: weight,
    windowMs: window
      ? (window.toUs - window.fromUs) / 1000
      : (profile.endTime - profile.startTime) / 1000,
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    samples: count,
    byPackage: rows(self.pkg, total.pkg),
    byFunction: rows(self.fn, total.fn),
    byCaller: rows(byCaller, new Map()),
  };
}

/** The distinct packages and functions on the stack of each node, computed once per node. */
class StackNames {
  private readonly packageMemo = new Map<number, string[]>();
  private readonly functionMemo = new Map<number, string[]>();
  private readonly nodePackage = new Map<number, string>();
  private readonly nodeCaller = new Map<number, string>();

  constructor(
    private readonly nodes: Map<number, ProfileNode>,
    private readonly parents: Map<number, number>,
  ) {}

  packages(id: number): string[] {
    return this.memo(this.packageMemo, id, (_frame, nodeId) => this.packageOfNode(nodeId));
  }

  functions(id: number): string[] {
    return this.memo(this.functionMemo, id, (frame) => functionName(frame));
  }

  /**
   * The package of a node; native code (V8 builtins, C++ bindings such as `writev`) is labelled
   * with the package that called it: `(native) via node:stream_base_commons`.
   */
  packageOfNode(id: number): string {
    const cached = this.nodePackage.get(id);
    if (cached !== undefined) return cached;
    const frame = this.nodes.get(id)?.callFrame;
    let name = frame ? packageOf(frame) : '?';
    const parent = this.parents.get(id);
    if (name === '(native)' && parent !== undefined) {
      const caller = this.packageOfNode(parent).replace(/^\(native\) via /, '');
      if (!SPECIAL.has(caller)) name = `(native) via ${caller}`;
    }
    this.nodePackage.set(id, name);
    return name;
  }

  /** The nearest package on the stack that is not Node.js core or native code. */
  callerOfNode(id: number): string {
    const cached = this.nodeCaller.get(id);
    if (cached !== undefined) return cached;
    const own = this.packageOfNode(id);
    const parent = this.parents.get(id);
    let caller = own;
    if (isCoreOrNative(own) && parent !== undefined) {
      const above = this.callerOfNode(parent);
      if (!isCoreOrNative(above) && !SPECIAL.has(above)) caller = above;
    }
    this.nodeCaller.set(id, caller);
    return caller;
  }

  private memo(
    cache: Map<number, string[]>,
    id: number,
    name: (frame: CallFrame, id: number) => string,
  ): string[] {
    const cached = cache.get(id);
    if (cached) return cached;
    const node = this.nodes.get(id);
    const parent = this.parents.get(id);
    const above = parent === undefined ? [] : this.memo(cache, parent, name);
    let names = above;
    if (node && node.callFrame.functionName !== '(root)') {
      const own = name(node.callFrame, id);
      if (!above.includes(own)) names = [...above, own];
    }
    cache.set(id, names);
    return names;
  }
}

/**
 * The package a frame belongs to: the npm package under `node_modules`, `@agent-runtimes/dcr` or
 * `apps/identity` for this workspace's code, `node:<module>` for Node's own JavaScript, and
 * `(native)` for V8 builtins and C++ with no script.
 */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return SPECIAL.has(functionName) ? functionName : '(native)';
  if (url.startsWith('node:')) {
    const parts = url
      .slice('node:'.length)
      .replace(/^internal\//, '')
      .split('/');
    const module = parts[0] === 'deps' ? parts[1] : parts[0];
    return `node:${module?.replace(/\.js$/, '')}`;
  }
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
  }
  if (path.includes('/libs/dcr/')) return '@agent-runtimes/dcr';
  if (path.includes('/apps/identity/')) return 'apps/identity';
  return path;
}

/** `name (where:line)`, short enough for a table. */
export function functionName(frame: CallFrame): string {
  const { url, functionName: name, lineNumber } = frame;
  if (url === '') return name || '(anonymous native)';
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const short = path
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/libs\/dcr\/dist\//, 'dcr/')
    .replace(/^.*\/apps\/identity\/dist\//, 'identity/');
  return `${name || '(anonymous)'} (${short}:${lineNumber + 1})`;
}

function isCoreOrNative(name: string): boolean {
  return name.startsWith('node:') || name.startsWith('(native)');
}

function medianOf(values: readonly number[]): number {
  const sorted = values.filter((value) => value > 0).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 1000;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
