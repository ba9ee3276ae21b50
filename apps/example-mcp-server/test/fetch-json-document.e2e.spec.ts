import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fetchJsonDocument } from '../src/auth/fetch-json-document.js';

const LIMITS = { timeoutMs: 2_000, maxBytes: 1_024 };
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/ok':
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return response.end('{"issuer":"x"}');
      case '/declared-too-large':
        response.writeHead(200, { 'Content-Length': '2048' });
        return response.end('x'.repeat(2048));
      case '/streamed-too-large':
        // No Content-Length: chunked, so the size is known only while reading.
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write(`{"a":"${'x'.repeat(800)}`);
        return response.end(`${'x'.repeat(800)}"}`);
      case '/redirect':
        response.writeHead(302, { Location: '/ok' });
        return response.end();
      case '/not-json':
        response.writeHead(200);
        return response.end('<html>');
      case '/slow':
        return setTimeout(() => response.end('{}'), 3_000).unref();
      default:
        response.writeHead(404);
        return response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchJsonDocument', () => {
  it('reads a JSON document', async () => {
    expect(await fetchJsonDocument(`${origin}/ok`, LIMITS)).toEqual({ issuer: 'x' });
  });

  it.each([
    ['a status other than 200', '/missing', 'HTTP status 404'],
    ['a redirect', '/redirect', 'fetch failed'],
    ['a declared size over the limit', '/declared-too-large', 'larger than 1024 bytes'],
    ['a streamed size over the limit', '/streamed-too-large', 'larger than 1024 bytes'],
    ['a body that is not JSON', '/not-json', 'not JSON'],
    ['no answer in time', '/slow', /aborted|timeout/i],
  ])('refuses %s', async (_, path, message) => {
    await expect(fetchJsonDocument(`${origin}${path}`, LIMITS)).rejects.toThrow(message);
  });
});
