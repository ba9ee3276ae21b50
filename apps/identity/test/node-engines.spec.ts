import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import semver from 'semver';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface LockEntry {
  version?: string;
  link?: boolean;
  resolved?: string;
  optional?: boolean;
  dev?: boolean;
  engines?: { node?: string } | string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Manifest {
  engines?: { node?: string };
}

const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const rootEngines = nodeRange(JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')));
const dcrEngines = nodeRange(JSON.parse(readFileSync(`${ROOT}libs/dcr/package.json`, 'utf8')));

/**
 * The Node.js line the project is tested on (CI) although these packages, which NestJS 12 pulls
 * in, declare `node >= 22`; the README says so. When one of them widens its range, or another
 * package narrows its own, this list (and the README's "Node.js versions") must change with it.
 */
const TESTED_DESPITE_ENGINES = {
  range: '^20.19.0',
  packages: ['content-disposition', 'cookie', 'file-type'],
};

function nodeRange(manifest: Manifest): string {
  const range = manifest.engines?.node;
  if (!range || !semver.validRange(range)) throw new Error('no valid engines.node');
  return range;
}

/** The package name of a lock path (`node_modules/a/node_modules/@s/b` -> `@s/b`). */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** The lock path `name` resolves to from the package at `from`, as Node resolves it. */
function resolveFrom(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** The lock paths of the packages `start` needs at run time, itself included. */
function runtimeClosure(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    const entry = lock.packages[path];
    if (!entry || seen.has(path)) return;
    seen.add(path);
    if (entry.link && entry.resolved) visit(entry.resolved);
    for (const name of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) {
      const target = resolveFrom(path, name);
      if (target) visit(target);
    }
  };
  visit(start);
  return seen;
}

/** The packages among `paths` whose declared engines do not cover every version of `range`. */
function narrowerThan(range: string, paths: Iterable<string>) {
  return [...paths].flatMap((path) => {
    const engines = lock.packages[path]?.engines;
    const declared = engines && !Array.isArray(engines) ? engines.node : undefined;
    if (!declared || semver.subset(range, declared)) return [];
    return [{ name: nameOf(path), declared }];
  });
}

/**
 * Every disagreement must be the documented one: Node 20, for the documented packages. Returns
 * the names of the packages that disagree.
 */
function expectOnlyTheDocumentedExceptions(range: string, paths: Iterable<string>): string[] {
  const narrower = narrowerThan(range, paths);
  const undocumented = narrower.filter(
    ({ name, declared }) =>
      !TESTED_DESPITE_ENGINES.packages.includes(name) ||
      !semver.subset(range, `${declared} || ${TESTED_DESPITE_ENGINES.range}`),
  );
  expect(undocumented).toEqual([]);
  return [...new Set(narrower.map(({ name }) => name))].sort();
}

describe('engines.node', () => {
  it('is the same range for the workspace and @agent-runtimes/dcr', () => {
    expect(dcrEngines).toBe(rootEngines);
  });

  it('admits the Node.js running these tests (the one CI tests)', () => {
    expect({
      node: process.version,
      admitted: semver.satisfies(process.version, rootEngines),
    }).toEqual({ node: process.version, admitted: true });
  });

  it("of the workspace is within every installed package's engines, but the documented ones", () => {
    const paths = Object.keys(lock.packages).filter((path) => path.includes('node_modules/'));
    expect(paths.length).toBeGreaterThan(100);
    // Exactly the documented ones: the README's list must not outlive the reason for it.
    expect(expectOnlyTheDocumentedExceptions(rootEngines, paths)).toEqual(
      TESTED_DESPITE_ENGINES.packages,
    );
  });

  it('of @agent-runtimes/dcr is within the engines of what it needs at run time', () => {
    const closure = runtimeClosure('libs/dcr');
    // Its peers, and what they need, are part of it: that is what a host installs with it.
    for (const name of ['@nestjs/common', '@nestjs/typeorm', 'typeorm', 'jose', 'file-type']) {
      expect([...closure].map(nameOf)).toContain(name);
    }
    closure.delete('libs/dcr');
    expectOnlyTheDocumentedExceptions(dcrEngines, closure);
  });
});
