import { describe, expect, it } from '@jest/globals';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from './to-oauth-error.js';

describe('toOAuthError', () => {
  it('returns an OAuthError as it is, the same instance', () => {
    const error = new OAuthError('invalid_redirect_uri', 'redirect_uris[0]: bad', 400, {
      'X-Test': '1',
    });
    expect(toOAuthError(error)).toBe(error);
  });

  it('returns an OAuthError with a non-400 status unchanged', () => {
    const error = new OAuthError('invalid_token', 'expired', 401);
    const result = toOAuthError(error);
    expect(result).toBe(error);
    expect(result?.status).toBe(401);
  });

  it('maps a 400 from the body parser to invalid_client_metadata', () => {
    const result = toOAuthError(
      new BadRequestException('Unexpected token } in JSON at position 1'),
    );
    expect(result).toBeInstanceOf(OAuthError);
    expect(result?.error).toBe('invalid_client_metadata');
    expect(result?.status).toBe(400);
    expect(result?.description).toBe('the request body is not valid JSON');
    expect(result?.headers).toEqual({});
  });

  it('maps 413 to invalid_client_metadata, keeping the 413 status', () => {
    const result = toOAuthError(new PayloadTooLargeException());
    expect(result?.error).toBe('invalid_client_metadata');
    expect(result?.status).toBe(413);
    expect(result?.description).toBe('the request body is larger than the server accepts');
  });

  it('maps 415 to invalid_client_metadata with status 400', () => {
    const result = toOAuthError(new UnsupportedMediaTypeException());
    expect(result?.error).toBe('invalid_client_metadata');
    expect(result?.status).toBe(400);
    expect(result?.description).toBe('Content-Type must be application/json (RFC 7591 §3.1)');
  });

  it('maps the status, not the exception class', () => {
    expect(toOAuthError(new HttpException('too big', 413))?.status).toBe(413);
    expect(toOAuthError(new HttpException('bad', 400))?.description).toBe(
      'the request body is not valid JSON',
    );
    expect(toOAuthError(new HttpException('media', 415))?.status).toBe(400);
  });

  it.each([
    [new NotFoundException('Cannot GET /register/x'), 404, 'Cannot GET /register/x'],
    [new MethodNotAllowedException('Method Not Allowed'), 405, 'Method Not Allowed'],
    [new UnauthorizedException('Unauthorized'), 401, 'Unauthorized'],
    [new ForbiddenException('Forbidden'), 403, 'Forbidden'],
    [new HttpException('Too Many Requests', 429), 429, 'Too Many Requests'],
  ])(
    'maps other 4xx (%p) to invalid_request with their status and message',
    (exception, status, message) => {
      const result = toOAuthError(exception);
      expect(result).toBeInstanceOf(OAuthError);
      expect(result?.error).toBe('invalid_request');
      expect(result?.status).toBe(status);
      expect(result?.description).toBe(message);
    },
  );

  it.each([
    ['500', new InternalServerErrorException('db down')],
    ['502', new HttpException('bad gateway', 502)],
    ['599', new HttpException('x', 599)],
  ])("returns undefined for a %s, which is not the client's fault", (_label, exception) => {
    expect(toOAuthError(exception)).toBeUndefined();
  });

  it('maps a 503 to temporarily_unavailable with Retry-After', () => {
    const error = toOAuthError(new ServiceUnavailableException());
    expect(error?.toBody()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'the service is temporarily unavailable; retry later',
    });
    expect(error?.status).toBe(503);
    expect(error?.headers).toEqual({ 'Retry-After': '1' });
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a SyntaxError', new SyntaxError('Unexpected token')],
    ['a string', 'invalid_client_metadata'],
    ['an OAuth error body', { error: 'invalid_client_metadata', error_description: 'x' }],
    ['an object with a status', { status: 400, message: 'bad' }],
    ['null', null],
    ['undefined', undefined],
  ])('returns undefined for %s', (_label, exception) => {
    expect(toOAuthError(exception)).toBeUndefined();
  });
});
