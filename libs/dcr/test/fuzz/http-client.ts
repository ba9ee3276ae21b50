import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

/** What came back for one request. */
export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The request as it goes on the wire. */
export interface WireRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body: string | Uint8Array;
  readonly contentType: string | readonly string[] | undefined;
  readonly contentEncoding: string | undefined;
  readonly authorization?: string;
  readonly chunked: boolean;
}

/** A request that got no complete response in time: the server hangs on this input. */
export class NoResponseError extends Error {
  override readonly name = 'NoResponseError';
}

/**
 * Sends exact bytes and headers (supertest would re-encode bodies and add a Content-Type) over one
 * kept-alive connection, and fails a request that has no complete response within `timeoutMs`.
 */
export class FuzzHttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  private constructor(
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  /** Makes the app listen on a free loopback port and returns a client for it. */
  static async listen(app: INestApplication, timeoutMs: number): Promise<FuzzHttpClient> {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as AddressInfo;
    return new FuzzHttpClient(address.port, timeoutMs);
  }

  async send(request: WireRequest): Promise<HttpResult> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      // Node's documented race: the server closed an idle kept-alive socket just as it was
      // reused. The request never reached the app, so it is sent again on a new connection.
      if ((error as { reusedSocket?: boolean }).reusedSocket) return this.sendOnce(request);
      throw error;
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private sendOnce(request: WireRequest): Promise<HttpResult> {
    const bytes = Buffer.from(request.body);
    const headers: http.OutgoingHttpHeaders = {};
    if (request.contentType !== undefined) {
      headers['content-type'] =
        typeof request.contentType === 'string' ? request.contentType : [...request.contentType];
    }
    if (request.contentEncoding !== undefined)
      headers['content-encoding'] = request.contentEncoding;
    if (request.authorization !== undefined) headers.authorization = request.authorization;
    if (!request.chunked) headers['content-length'] = bytes.length;
    return new Promise<HttpResult>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const req = http.request({
        agent: this.agent,
        host: '127.0.0.1',
        port: this.port,
        method: request.method,
        path: request.path,
        headers,
      });
      const timer = setTimeout(() => {
        settle(() =>
          reject(new NoResponseError(`no complete response within ${this.timeoutMs} ms`)),
        );
        req.destroy();
      }, this.timeoutMs);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          settle(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          ),
        );
        res.on('error', (error) => settle(() => reject(error)));
      });
      req.on('error', (error) =>
        settle(() => reject(Object.assign(error, { reusedSocket: req.reusedSocket }))),
      );
      if (request.chunked) {
        // Two chunks, so that a body split mid-character or mid-token is read across them.
        const half = Math.floor(bytes.length / 2);
        req.write(bytes.subarray(0, half));
        req.end(bytes.subarray(half));
      } else {
        req.end(bytes);
      }
    });
  }
}
