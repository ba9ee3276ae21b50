import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createJsonLogger } from './json-logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const out = capture();
    createJsonLogger('info', out.stream).info({ reqId: 'r1' }, 'request');
    expect(out.lines()).toEqual([
      expect.objectContaining({ level: 'info', service: 'identity', reqId: 'r1', msg: 'request' }),
    ]);
    expect(typeof out.lines()[0]?.time).toBe('number');
  });

  it('redacts credentials wherever they are logged', () => {
    const out = capture();
    const logger = createJsonLogger('info', out.stream);
    logger.info(
      {
        authorization: 'Bearer top-secret-1',
        headers: { authorization: 'Basic top-secret-2', cookie: 'session=top-secret-3' },
        client_secret: 'top-secret-4',
        registration_access_token: 'top-secret-5',
        software_statement: 'top-secret-6',
        body: { client_secret: 'top-secret-7', client_name: 'kept' },
      },
      'careless',
    );
    const [line] = out.lines();
    expect(JSON.stringify(line)).not.toMatch(/top-secret/);
    expect(line).toMatchObject({
      authorization: '[redacted]',
      client_secret: '[redacted]',
      body: { client_secret: '[redacted]', client_name: 'kept' },
    });
  });

  it('redacts the OAuth parameters that carry credentials, in a body or a query too', () => {
    const out = capture();
    createJsonLogger('info', out.stream).info(
      {
        code: 'top-secret-code',
        body: {
          code_verifier: 'top-secret-verifier',
          refresh_token: 'top-secret-refresh',
          client_assertion: 'top-secret-assertion',
          grant_type: 'refresh_token',
        },
        query: { code: 'top-secret-query-code', state: 'kept-state' },
        access_token: 'top-secret-access',
        id_token: 'top-secret-id',
        token: 'top-secret-token',
      },
      'careless',
    );
    const [line] = out.lines();
    expect(JSON.stringify(line)).not.toMatch(/top-secret/);
    expect(line).toMatchObject({
      body: { grant_type: 'refresh_token' },
      query: { state: 'kept-state', code: '[redacted]' },
    });
  });

  it('writes nothing at level silent', () => {
    const out = capture();
    createJsonLogger('silent', out.stream).error('nothing');
    expect(out.lines()).toEqual([]);
  });
});
