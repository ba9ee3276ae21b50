import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';
import { WORKSPACE_ROOT, appEnv } from './support/identity-process.js';
import { useIdentityOnTestSchema, type RunningApp } from './support/in-process-identity.js';

// A client generated from the committed openapi.json (openapi-typescript types + openapi-fetch),
// type-checked against those types and run against the app: register, read, update, delete. The
// update body is typed by the document, so a document that left out `client_id` (RFC 7592 §2.2)
// gave generated clients a 400 on every PUT, or a compile error for sending it.
const FLOW = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

const client = createClient<paths>({ baseUrl: process.env.BASE_URL });
const redirect_uris = ['http://127.0.0.1:33418/callback'];
const results: Record<string, unknown> = {};

const registered = await client.POST('/register', {
  body: { client_name: 'Generated', redirect_uris, token_endpoint_auth_method: 'client_secret_basic' },
});
results.register = { status: registered.response.status, error: registered.error };
// 201: registered; the document's 200 is the dry run's answer, without credentials.
if (!registered.data || !('registration_access_token' in registered.data)) {
  throw new Error('registration failed');
}
const { client_id, registration_access_token } = registered.data;
const headers = { Authorization: \`Bearer \${registration_access_token}\` };
const path = { client_id };

const read = await client.GET('/register/{client_id}', { params: { path }, headers });
results.read = { status: read.response.status, client_name: read.data?.client_name };

const updated = await client.PUT('/register/{client_id}', {
  params: { path },
  headers,
  body: { client_id, client_name: 'Generated, updated', redirect_uris, token_endpoint_auth_method: 'client_secret_basic' },
});
results.update = { status: updated.response.status, client_name: updated.data?.client_name, error: updated.error };

const deleted = await client.DELETE('/register/{client_id}', { params: { path }, headers });
results.delete = { status: deleted.response.status };

const gone = await client.GET('/register/{client_id}', { params: { path }, headers });
results.afterDelete = { status: gone.response.status, error: gone.error };

process.stdout.write(JSON.stringify(results));
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    rootDir: '.',
    outDir: 'out',
  },
  files: ['flow.ts', 'schema.d.ts'],
};

const run = promisify(execFile);

describe('a client generated from openapi.json', () => {
  const identity = useIdentityOnTestSchema();
  let app: RunningApp;
  let folder: string;
  let baseUrl: string;

  beforeAll(async () => {
    app = await identity.startApp({ ISSUER: 'http://127.0.0.1' });
    await app.identity.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Inside the workspace, so that the generated code resolves openapi-fetch from node_modules.
    await mkdir(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
    folder = await mkdtemp(join(WORKSPACE_ROOT, 'tmp', 'openapi-client-'));
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('type-checks, and registers, reads, updates and deletes a client', async () => {
    const schema = astToString(await openapiTS(new URL(`file://${WORKSPACE_ROOT}/openapi.json`)));
    await writeFile(join(folder, 'schema.d.ts'), schema);
    await writeFile(join(folder, 'flow.ts'), FLOW);
    await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(TSCONFIG));

    const tsc = join(WORKSPACE_ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', folder], { cwd: folder, timeout: 60_000 }).catch(
      (error: { stdout?: string }) => {
        throw new Error(`the generated client does not type-check:\n${error.stdout ?? ''}`);
      },
    );
    const { stdout } = await run(process.execPath, [join(folder, 'out/flow.js')], {
      cwd: folder,
      env: { ...appEnv({}), BASE_URL: baseUrl },
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      register: { status: 201 },
      read: { status: 200, client_name: 'Generated' },
      update: { status: 200, client_name: 'Generated, updated' },
      delete: { status: 204 },
      afterDelete: {
        status: 401,
        error: { error: 'invalid_token', error_description: expect.any(String) },
      },
    });
  }, 120_000);
});
