import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  assertBuilt,
  killAllApps,
  startApp,
  stopApp,
  type RunningApp,
} from './support/identity-process.js';

// The embedded PostgreSQL (PGlite) keeps ONE backend session for every socket connection, so
// session state outlives the pool's connections. Named prepared statements did: after the pool
// closed an idle connection, the next statement failed with 42P05 "already exists" and every
// request answered 500 until a restart. The idle timeout is shortened so that the gaps below
// outlast it several times.
const IDLE_TIMEOUT_MS = 200;
const GAP_MS = 600;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm start on the embedded database, after idle periods', () => {
  let folder: string;
  let app: RunningApp;

  beforeAll(async () => {
    assertBuilt();
    folder = await mkdtemp(join(tmpdir(), 'identity-idle-'));
    app = await startApp({ DATA_DIR: folder, DATABASE_IDLE_TIMEOUT_MS: `${IDLE_TIMEOUT_MS}` });
  }, 60_000);

  afterAll(async () => {
    if (app) await stopApp(app);
    await killAllApps();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers every kind of request after gaps longer than every pool timeout, never 5xx', async () => {
    const statuses: [string, number][] = [];
    const call = async (label: string, path: string, init: RequestInit = {}) => {
      const response = await fetch(`${app.url}${path}`, init);
      statuses.push([label, response.status]);
      return response;
    };
    const json = { 'Content-Type': 'application/json' };
    const body = {
      client_name: 'Idle',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      token_endpoint_auth_method: 'none',
    };

    const first = (await (
      await call('register', '/register', {
        method: 'POST',
        headers: json,
        body: JSON.stringify(body),
      })
    ).json()) as { client_id: string; registration_access_token: string };
    const auth = { Authorization: `Bearer ${first.registration_access_token}` };
    const path = `/register/${first.client_id}`;

    const steps: [string, () => Promise<Response>][] = [
      [
        'register',
        () =>
          call('register', '/register', {
            method: 'POST',
            headers: json,
            body: JSON.stringify(body),
          }),
      ],
      ['read', () => call('read', path, { headers: auth })],
      [
        'update',
        () =>
          call('update', path, {
            method: 'PUT',
            headers: { ...json, ...auth },
            body: JSON.stringify({ ...body, client_id: first.client_id, client_name: 'Idle 2' }),
          }),
      ],
      ['ready', () => call('ready', '/health/ready')],
      ['delete', () => call('delete', path, { method: 'DELETE', headers: auth })],
      [
        'register',
        () =>
          call('register', '/register', {
            method: 'POST',
            headers: json,
            body: JSON.stringify(body),
          }),
      ],
    ];
    for (const [, step] of steps) {
      await sleep(GAP_MS);
      await step();
    }
    expect(statuses).toEqual([
      ['register', 201],
      ['register', 201],
      ['read', 200],
      ['update', 200],
      ['ready', 200],
      ['delete', 204],
      ['register', 201],
    ]);
  }, 60_000);
});
