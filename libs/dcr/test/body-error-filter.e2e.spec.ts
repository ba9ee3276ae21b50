import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException, Body, Controller, Get, Post } from '@nestjs/common';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

@Controller('host')
class HostController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Get('fails')
  fails(): never {
    throw new BadRequestException('the host says no');
  }
}

// DcrBodyErrorFilter, bound globally, must give the RFC shape to body errors on the module's
// routes and leave the host app's own errors exactly as Nest would answer them.
describe.each(['fastify', 'express'] as const)('DcrBodyErrorFilter on %s', (adapter) => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adapter, hostControllers: [HostController] });
  });

  afterAll(async () => {
    await t.close();
  });

  const malformed = (path: string, method: 'post' | 'put' = 'post') =>
    request(t.server)[method](path).set('content-type', 'application/json').send('{"a":');

  it('answers malformed JSON on the registration and configuration endpoints as RFC errors', async () => {
    for (const response of [
      await malformed('/register'),
      await malformed('/register/abc', 'put'),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'invalid_client_metadata',
        error_description: expect.any(String),
      });
    }
  });

  it("leaves the host app's body errors to Nest", async () => {
    const response = await malformed('/host/echo');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400 });
    expect(response.body).not.toHaveProperty('error_description');
  });

  it("leaves the host app's own exceptions and unknown routes to Nest", async () => {
    const fails = await request(t.server).get('/host/fails').expect(400);
    expect(fails.body).toEqual({
      statusCode: 400,
      message: 'the host says no',
      error: 'Bad Request',
    });

    const unknown = await request(t.server).get('/nowhere').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    expect(unknown.body).not.toHaveProperty('error_description');
  });

  it('answers a path of 100,000 slashes at once, whatever it is', async () => {
    // Node refuses a request line over 16 KiB with a 431 before any app code runs: let this one
    // through (the server reads `maxHeaderSize` for each new connection), so that the filter and
    // the routing see the whole path.
    (t.server as { maxHeaderSize?: number }).maxHeaderSize = 1024 * 1024;
    const started = performance.now();
    const response = await malformed(`/${'/'.repeat(100_000)}x`);
    // A hang guard: the quadratic regex this replaces took many seconds here.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).not.toBe(431);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('does not take a look-alike path of the host for the registration endpoint', async () => {
    const response = await malformed('/host/register');
    expect(response.body).not.toHaveProperty('error_description');
  });
});

// Fastify matches the route before it parses the body, so the module's routes are recognised by
// their route config: behind a global prefix, without `registrationEndpoint` saying so.
describe('DcrBodyErrorFilter on fastify behind a global prefix', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ adapter: 'fastify', globalPrefix: 'api/v1' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers malformed JSON on the prefixed module routes as RFC errors', async () => {
    for (const [method, path] of [
      ['post', '/api/v1/register'],
      ['put', '/api/v1/register/abc'],
    ] as const) {
      const agent = request(t.server);
      const response = await (method === 'post' ? agent.post(path) : agent.put(path))
        .set('content-type', 'application/json')
        .send('{"a":');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'invalid_client_metadata',
        error_description: expect.any(String),
      });
    }
  });
});
