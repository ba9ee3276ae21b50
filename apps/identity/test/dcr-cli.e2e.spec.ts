import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { appEnv, assertBuilt, WORKSPACE_ROOT } from './support/identity-process.js';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';
import { databaseUrlFor } from './support/test-database-url.js';

const CLI = join(WORKSPACE_ROOT, 'apps/identity/dist/cli/dcr-cli.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with `env` (and nothing of the identity variables of the test's own). */
async function dcr(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: WORKSPACE_ROOT,
      env: appEnv(env),
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const { startApp, schema } = useIdentityOnTestSchema();

describe('npm run dcr -- iat … (the operator CLI, on the database the app uses)', () => {
  let app: RunningApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    app = await startApp({ REGISTRATION_MODE: 'protected' });
    env = { DATABASE_URL: databaseUrlFor(schema()) };
  });

  it('is the dcr script of the workspace', async () => {
    const manifest = JSON.parse(await readFile(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.dcr).toContain('node apps/identity/dist/cli/dcr-cli.js');
  });

  it('mints a token, printed once and alone on stdout, that registers a client with the app', async () => {
    const created = await dcr(
      ['iat', 'create', '--uses', '2', '--expires-in', '7d', '--label', 'from the CLI'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    expect(created.stderr).toMatch(
      /^Initial access token [A-Za-z0-9_-]{22} \("from the CLI"\): 2 uses, expires /,
    );
    expect(created.stderr).not.toContain(token);

    await request(app.server)
      .post('/register')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT)
      .expect(201);

    const listed = await dcr(['iat', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID +STATUS +USES LEFT +EXPIRES +LABEL\n/);
    expect(listed.stdout).toMatch(/ active +1\/2 +\d{4}-\d\d-\d\dT[\d:]+Z +from the CLI\n/);
    expect(listed.stdout).not.toContain(token);

    const id = /Initial access token ([A-Za-z0-9_-]{22})/.exec(created.stderr)?.[1] as string;
    const revoked = await dcr(['iat', 'revoke', id], env);
    expect(revoked).toMatchObject({ code: 0, stdout: '' });
    await request(app.server)
      .post('/register')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT)
      .expect(401);
    const json = await dcr(['iat', 'list', '--json'], env);
    expect(
      (JSON.parse(json.stdout) as { id: string; status: string }[]).find((entry) => entry.id === id)
        ?.status,
    ).toBe('revoked');
  }, 120_000);

  it('binds a policy to the token', async () => {
    const created = await dcr(
      [
        'iat',
        'create',
        '--uses',
        '1',
        '--expires-in',
        '1h',
        '--json',
        '--policy',
        '{"allowed_scopes": ["mcp:tools"]}',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const minted = JSON.parse(created.stdout) as { token: string; policy: unknown };
    expect(minted.policy).toEqual({ allowed_scopes: ['mcp:tools'] });
    const refused = await request(app.server)
      .post('/register')
      .set('Authorization', `Bearer ${minted.token}`)
      .set('Content-Type', 'application/json')
      .send({ ...PUBLIC_CLIENT, scope: 'admin' })
      .expect(400);
    expect(refused.body.policy).toBe('allowed_scopes');
  }, 60_000);

  it("refuses bad requests with the module's message (exit 1) and bad usage with the usage (exit 2)", async () => {
    const refused = await dcr(['iat', 'create', '--uses', '0', '--expires-in', '1h'], env);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('dcr: max_uses: must be a whole number from 1 to 1000000\n');
    const unknown = await dcr(['iat', 'revoke', 'AAAAAAAAAAAAAAAAAAAAAA'], env);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'dcr: no initial access token has this id\n',
    });
    const usage = await dcr(['iat', 'create', '--uses', '1'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(
      /^dcr: iat create needs --uses <n> and --expires-in <duration>\n\nusage: npm run dcr/,
    );
  }, 60_000);

  it('reads the same configuration declaration: an invalid variable stops it (exit 1)', async () => {
    const result = await dcr(['iat', 'list'], { ...env, REGISTRATION_MODE: 'closed' });
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'dcr: invalid configuration: REGISTRATION_MODE must be one of open, protected, mixed (got "closed")\n',
    });
  }, 60_000);
});

describe('npm run dcr on the embedded database (DATA_DIR)', () => {
  let dataDir: string;

  beforeAll(async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'identity-cli-pglite-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the schema (migrations first) and keeps tokens across runs', async () => {
    const created = await dcr(['iat', 'create', '--uses', '3', '--expires-in', '1d'], {
      DATA_DIR: dataDir,
    });
    expect(created.code).toBe(0);
    const listed = await dcr(['iat', 'list', '--json'], { DATA_DIR: dataDir });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ status: 'active', max_uses: 3, remaining_uses: 3 }),
    ]);
  }, 120_000);
});
