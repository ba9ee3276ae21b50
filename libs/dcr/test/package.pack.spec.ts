import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/**
 * The library as its users get it: `npm pack` of the build (the `test` target depends on `build`),
 * unpacked into `node_modules/@agent-runtimes/dcr` of a scratch folder under the workspace's `tmp/`,
 * so that the peer dependencies resolve from the workspace's `node_modules` while the package itself
 * resolves from the tarball, never from the workspace's link to `libs/dcr`.
 */
const LIBRARY = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE = resolve(LIBRARY, '../..');
const TSC = join(WORKSPACE, 'node_modules/typescript/bin/tsc');
const PACKAGE_NAME = '@agent-runtimes/dcr';

/** Declared but never imported by the code, and why they are needed all the same. */
const NOT_IMPORTED_ON_PURPOSE: Record<string, string> = {
  pg: "TypeORM's PostgreSQL driver: the migrations and the entity are PostgreSQL-only",
  'reflect-metadata': "the decorator metadata that Nest's DI and Swagger read",
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let scratch: string | undefined;
let installed: string;
let packedFiles: string[];
let packedManifest: Record<string, unknown>;

beforeAll(async () => {
  for (const built of ['dist/index.js', 'dist/index.d.ts']) {
    if (!existsSync(join(LIBRARY, built))) {
      throw new Error(
        `libs/dcr/${built} is missing: build the library first (npx nx run dcr:build; nx test dcr does it)`,
      );
    }
  }
  await mkdir(join(WORKSPACE, 'tmp'), { recursive: true });
  scratch = await mkdtemp(join(WORKSPACE, 'tmp', 'dcr-pack-'));

  const pack = await run('npm', ['pack', '--json', '--pack-destination', scratch], LIBRARY);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed.files.map((file) => file.path).sort();

  installed = join(scratch, 'node_modules', ...PACKAGE_NAME.split('/'));
  await mkdir(installed, { recursive: true });
  const tarball = join(scratch, packed.filename);
  const untar = await run(
    'tar',
    ['-xzf', tarball, '-C', installed, '--strip-components=1'],
    scratch,
  );
  if (untar.code !== 0) throw new Error(`tar failed:\n${untar.stderr}`);
  packedManifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * The library's sources that the build compiles (not tests, their helpers or type tests: the
 * `exclude` of tsconfig.lib.json), relative to src/.
 */
async function compiledSources(): Promise<string[]> {
  const entries = await readdir(join(LIBRARY, 'src'), { recursive: true });
  return entries
    .filter((path) => path.endsWith('.ts'))
    .filter((path) => !/\.(?:spec|spec-helpers|type-test)\.ts$/.test(path))
    .map((path) => path.replaceAll('\\', '/').replace(/\.ts$/, ''))
    .sort();
}

/** The packages (not node: built-ins) that the packed JavaScript and declarations import. */
async function importedPackages(): Promise<string[]> {
  const specifier = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;
  const names = new Set<string>();
  for (const path of packedFiles.filter((file) => /\.(?:js|d\.ts)$/.test(file))) {
    const text = await readFile(join(installed, path), 'utf8');
    for (const [, spec] of text.matchAll(specifier)) {
      if (!spec || spec.startsWith('.') || spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

describe(`npm pack of ${PACKAGE_NAME}`, () => {
  it('holds the package.json, the README, the LICENSE and the build, and nothing else', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.d.ts',
      ]),
    );
    const unexpected = packedFiles.filter(
      (path) =>
        !['package.json', 'README.md', 'LICENSE'].includes(path) &&
        !/^dist\/.+\.(?:js|d\.ts|js\.map)$/.test(path),
    );
    expect(unexpected).toEqual([]);
    const forbidden = packedFiles.filter((path) =>
      /(?:^|\/)(?:src|test)\/|\.spec\.|\.type-test\.|tsbuildinfo|(?<!\.d)\.ts$/.test(path),
    );
    expect(forbidden).toEqual([]);
  });

  it('holds JavaScript and declarations for every source file, and no stale build output', async () => {
    const sources = await compiledSources();
    const missing = sources.flatMap((source) =>
      [`dist/${source}.js`, `dist/${source}.d.ts`].filter((path) => !packedFiles.includes(path)),
    );
    expect(missing).toEqual([]);
    // A file removed from src/ stays in dist/ (tsc does not clean): it must not be published.
    const stale = packedFiles
      .filter((path) => path.endsWith('.js'))
      .map((path) => path.replace(/^dist\//, '').replace(/\.js$/, ''))
      .filter((compiled) => !sources.includes(compiled));
    expect({
      stale,
      fix: stale.length ? 'rm -rf libs/dcr/dist && npx nx run dcr:build' : '',
    }).toEqual({ stale: [], fix: '' });
  });

  it('has a publishable package.json whose entry points are in the package', () => {
    expect(packedManifest).toMatchObject({ name: PACKAGE_NAME, type: 'module' });
    expect(packedManifest).not.toHaveProperty('private');
    expect(packedManifest.version).toMatch(/^\d+\.\d+\.\d+/);
    const exports = packedManifest.exports as Record<string, Record<string, string>>;
    const entryPoints = [
      packedManifest.main,
      packedManifest.types,
      exports['.']?.types,
      exports['.']?.default,
    ];
    for (const entryPoint of entryPoints) {
      expect(typeof entryPoint).toBe('string');
      expect(packedFiles).toContain((entryPoint as string).replace(/^\.\//, ''));
    }
  });

  it('declares every package its code imports, as a dependency or a peer dependency', async () => {
    const declared = {
      ...(packedManifest.dependencies as Record<string, string>),
      ...(packedManifest.peerDependencies as Record<string, string>),
    };
    const imported = await importedPackages();
    expect(imported).toEqual(expect.arrayContaining(['@nestjs/common', '@nestjs/swagger']));
    expect(imported.filter((name) => !(name in declared))).toEqual([]);
    const unused = Object.keys(declared).filter(
      (name) => !imported.includes(name) && !(name in NOT_IMPORTED_ON_PURPOSE),
    );
    expect(unused).toEqual([]);
    // Nest, TypeORM and Swagger hold state that must be the host app's own copy: peers, never bundled.
    const dependencies = Object.keys(packedManifest.dependencies as Record<string, string>);
    expect(
      dependencies.filter((name) => /^(?:@nestjs\/|typeorm$|reflect-metadata$)/.test(name)),
    ).toEqual([]);
  });

  it(`is imported as ${PACKAGE_NAME} by an ES module, from the tarball's files`, async () => {
    const consumer = join(scratch!, 'consumer.mjs');
    await writeFile(
      consumer,
      `import 'reflect-metadata';
import * as dcr from '${PACKAGE_NAME}';
import { ClientAuthenticationService, DCR_MIGRATIONS, DcrModule } from '${PACKAGE_NAME}';

const registered = DcrModule.forRoot({ issuer: 'https://auth.example.com' });
let deepImport = 'allowed';
try {
  await import('${PACKAGE_NAME}/dist/index.js');
} catch (error) {
  deepImport = error.code;
}
console.log(JSON.stringify({
  resolved: import.meta.resolve('${PACKAGE_NAME}'),
  exports: Object.keys(dcr).sort(),
  classes: [DcrModule, ClientAuthenticationService].map((value) => typeof value + ' ' + value.name),
  migrations: DCR_MIGRATIONS.map((migration) => migration.name),
  forRoot: { sameModule: registered.module === DcrModule, controllers: registered.controllers.length },
  deepImport,
}));
`,
    );
    const result = await run(process.execPath, [consumer], scratch!);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const seen = JSON.parse(result.stdout);

    expect(seen.resolved).toBe(pathToFileURL(join(installed, 'dist/index.js')).href);
    const source = await import('../src/index.js');
    expect(seen.exports).toEqual(Object.keys(source).sort());
    expect(seen.exports).toEqual(
      expect.arrayContaining([
        'ClientAuthenticationService',
        'DCR_MIGRATIONS',
        'DcrAdminService',
        'DcrClientEntity',
        'DcrExceptionFilter',
        'DcrMetadataService',
        'DcrModule',
      ]),
    );
    expect(seen.classes).toEqual(['function DcrModule', 'function ClientAuthenticationService']);
    expect(seen.migrations).toEqual(source.DCR_MIGRATIONS.map((migration) => migration.name));
    expect(seen.migrations.length).toBeGreaterThan(0);
    expect(seen.forRoot).toEqual({ sameModule: true, controllers: 2 });
    expect(seen.deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, 30_000);

  it('type-checks a consumer against the packed declarations (module nodenext)', async () => {
    await writeFile(
      join(scratch!, 'consumer.mts'),
      `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ClientAuthenticationService,
  DCR_ENTITIES,
  DCR_MIGRATIONS,
  DcrModule,
  type DcrModuleOptions,
  type RegisteredClient,
} from '${PACKAGE_NAME}';

const options: DcrModuleOptions = { issuer: 'https://auth.example.com', clientSecretLifetimeSeconds: 0 };

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      entities: [...DCR_ENTITIES],
      migrations: [...DCR_MIGRATIONS],
      migrationsRun: true,
    }),
    DcrModule.forRoot(options),
  ],
})
export class AppModule {}

export const configured = DcrModule.forRootAsync({ useFactory: () => options, path: 'oauth/register' });

export async function clientIdOf(service: ClientAuthenticationService, authorization: string): Promise<string> {
  const client: RegisteredClient = await service.authenticate({ authorization, body: {} });
  return client.clientId;
}

// The declarations are real types, not \`any\`: these misuses must be errors.
// @ts-expect-error issuer is required
DcrModule.forRoot({});
// @ts-expect-error authenticate takes the request's header and body, not a string
export const wrong = (service: ClientAuthenticationService) => service.authenticate('Basic x');
`,
    );
    await writeFile(
      join(scratch!, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['consumer.mts'],
      }),
    );
    const result = await run(
      process.execPath,
      [TSC, '-p', 'tsconfig.json', '--listFiles'],
      scratch!,
    );
    const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
    const errors = lines.filter((line) => / error TS\d+:/.test(line));
    expect({ code: result.code, errors }).toEqual({ code: 0, errors: [] });

    // The consumer's types came from the tarball's declarations, not from the workspace's libs/dcr.
    const fromPackage = lines
      .filter((path) => path.includes('agent-runtimes/dcr') || path.includes('/libs/dcr/'))
      .map((path) => relative(scratch!, path));
    expect(fromPackage).toContain(join('node_modules/@agent-runtimes/dcr/dist/index.d.ts'));
    expect(fromPackage.filter((path) => !path.startsWith('node_modules/'))).toEqual([]);
  }, 60_000);
});
