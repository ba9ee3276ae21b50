import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the registration and configuration endpoints, so that browser-based agents can
 * register and manage themselves. Any origin is allowed, without credentials: the endpoints use
 * bearer tokens, never cookies, so there is nothing ambient for another origin to borrow. The
 * admin API is not covered. Preflight requests are answered here.
 */
@Injectable()
export class DcrCorsMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      response.setHeader('Access-Control-Max-Age', '600');
      response.statusCode = 204;
      response.end();
      return;
    }
    next();
  }
}
