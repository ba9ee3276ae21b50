import { describe, expect, it } from '@jest/globals';
import {
  invalidClient,
  invalidClientMetadata,
  invalidRedirectUri,
  invalidToken,
  missingToken,
  OAuthError,
  toErrorDescription,
} from './oauth-error.js';

const DEFAULT_TOKEN_DESCRIPTION =
  'the access token is missing, malformed, expired or not valid for this resource';

/** RFC 6750 §3: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ). */
const RFC6750_DESCRIPTION_CHARS = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

describe('OAuthError', () => {
  it('is an Error named OAuthError with a message of code and description', () => {
    const error = new OAuthError('invalid_request', 'something is off');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.name).toBe('OAuthError');
    expect(error.message).toBe('invalid_request: something is off');
  });

  it('defaults to status 400 and no headers', () => {
    const error = new OAuthError('invalid_request', 'x');
    expect(error.status).toBe(400);
    expect(error.headers).toEqual({});
  });

  it('keeps the status and headers it is given', () => {
    const error = new OAuthError('temporarily_unavailable', 'busy', 503, { 'Retry-After': '5' });
    expect(error.error).toBe('temporarily_unavailable');
    expect(error.description).toBe('busy');
    expect(error.status).toBe(503);
    expect(error.headers).toEqual({ 'Retry-After': '5' });
  });

  it('toBody is exactly {error, error_description} (RFC 7591 §3.2.2)', () => {
    const error = new OAuthError('server_error', 'boom', 500, { 'X-Extra': '1' });
    const body = error.toBody();
    expect(body).toStrictEqual({ error: 'server_error', error_description: 'boom' });
    expect(Object.keys(body)).toEqual(['error', 'error_description']);
    expect(JSON.stringify(body)).toBe('{"error":"server_error","error_description":"boom"}');
  });
});

describe('invalidClientMetadata (RFC 7591 §3.2.2)', () => {
  it('is invalid_client_metadata, 400, no headers, with the given description', () => {
    const error = invalidClientMetadata('client_name: too long');
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_client_metadata');
    expect(error.status).toBe(400);
    expect(error.headers).toEqual({});
    expect(error.description).toBe('client_name: too long');
    expect(error.toBody()).toStrictEqual({
      error: 'invalid_client_metadata',
      error_description: 'client_name: too long',
    });
  });
});

describe('invalidRedirectUri (RFC 7591 §3.2.2)', () => {
  it('is invalid_redirect_uri, 400, no headers, with the given description', () => {
    const error = invalidRedirectUri('redirect_uris[0]: must not contain a fragment');
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_redirect_uri');
    expect(error.status).toBe(400);
    expect(error.headers).toEqual({});
    expect(error.toBody()).toStrictEqual({
      error: 'invalid_redirect_uri',
      error_description: 'redirect_uris[0]: must not contain a fragment',
    });
  });
});

describe('the field extension member of metadata errors (RFC 6901 pointer)', () => {
  it.each([
    ['invalidClientMetadata', invalidClientMetadata, 'invalid_client_metadata'],
    ['invalidRedirectUri', invalidRedirectUri, 'invalid_redirect_uri'],
  ] as const)('%s puts the pointer after error and error_description', (_name, make, code) => {
    const body = make('redirect_uris[1]: no', '/redirect_uris/1').toBody();
    expect(body).toStrictEqual({
      error: code,
      error_description: 'redirect_uris[1]: no',
      field: '/redirect_uris/1',
    });
    expect(Object.keys(body)).toEqual(['error', 'error_description', 'field']);
  });

  it('keeps the empty pointer, which names the whole body (RFC 6901 §5)', () => {
    expect(invalidClientMetadata('not an object', '').toBody().field).toBe('');
  });

  it('adds no field when none is given', () => {
    expect(Object.keys(invalidClientMetadata('x').toBody())).toEqual([
      'error',
      'error_description',
    ]);
  });
});

describe('invalidToken (RFC 6750 §3.1)', () => {
  it('is invalid_token, 401, with the default description', () => {
    const error = invalidToken();
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_token');
    expect(error.status).toBe(401);
    expect(error.description).toBe(DEFAULT_TOKEN_DESCRIPTION);
    expect(error.toBody()).toStrictEqual({
      error: 'invalid_token',
      error_description: DEFAULT_TOKEN_DESCRIPTION,
    });
  });

  it('sends a Bearer challenge naming the error and the description', () => {
    expect(invalidToken().headers).toEqual({
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${DEFAULT_TOKEN_DESCRIPTION}"`,
    });
  });

  it('uses a given description in both the body and the challenge', () => {
    const error = invalidToken('the token expired');
    expect(error.description).toBe('the token expired');
    expect(error.status).toBe(401);
    expect(error.headers).toEqual({
      'WWW-Authenticate': 'Bearer error="invalid_token", error_description="the token expired"',
    });
  });

  it('has only the WWW-Authenticate header', () => {
    expect(Object.keys(invalidToken().headers)).toEqual(['WWW-Authenticate']);
  });

  it('keeps the default description within the RFC 6750 §3 error_description characters', () => {
    expect(DEFAULT_TOKEN_DESCRIPTION).toMatch(RFC6750_DESCRIPTION_CHARS);
  });

  it('does not leak whether the client exists (RFC 7592 §2.1)', () => {
    expect(invalidToken().description).not.toMatch(/client|unknown|not found|exist/i);
  });
});

describe('invalidClient (RFC 6749 §5.2)', () => {
  it('is invalid_client, 401, without a challenge by default', () => {
    const error = invalidClient('client authentication failed');
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.error).toBe('invalid_client');
    expect(error.status).toBe(401);
    expect(error.description).toBe('client authentication failed');
    expect(error.headers).toEqual({});
    expect(error.toBody()).toStrictEqual({
      error: 'invalid_client',
      error_description: 'client authentication failed',
    });
  });

  it('has no challenge when basicChallenge is false', () => {
    expect(invalidClient('x', false).headers).toEqual({});
  });

  it('sends exactly the Basic challenge when the client used HTTP Basic', () => {
    const error = invalidClient('client authentication failed', true);
    expect(error.error).toBe('invalid_client');
    expect(error.status).toBe(401);
    expect(error.headers).toEqual({
      'WWW-Authenticate': 'Basic realm="token", charset="UTF-8"',
    });
  });

  it('does not put the description into the Basic challenge', () => {
    const error = invalidClient('a "quoted" description', true);
    expect(error.headers['WWW-Authenticate']).toBe('Basic realm="token", charset="UTF-8"');
    expect(error.toBody().error_description).toBe("a 'quoted' description");
  });
});

describe('toErrorDescription (RFC 6749 §5.2 character set)', () => {
  it('maps what the set excludes and keeps everything else', () => {
    expect(toErrorDescription('scope: "a\\b" not supported (RFC 6749 §3.3) — é')).toBe(
      "scope: 'a/b' not supported (RFC 6749 section 3.3) ? ?",
    );
    expect(toErrorDescription('plain text, 100% ASCII!')).toBe('plain text, 100% ASCII!');
  });

  it('is what the JSON body and the Bearer challenge carry', () => {
    const error = invalidToken('the token "x" is not valid (RFC 6750 §3.1)');
    expect(error.toBody().error_description).toBe(
      "the token 'x' is not valid (RFC 6750 section 3.1)",
    );
    expect(error.headers['WWW-Authenticate']).toBe(
      `Bearer error="invalid_token", error_description="the token 'x' is not valid (RFC 6750 section 3.1)"`,
    );
    expect(error.description).toBe('the token "x" is not valid (RFC 6750 §3.1)');
  });
});

describe('OAuthError extension members', () => {
  it('follows error and error_description with the extension members, in order', () => {
    const error = new OAuthError(
      'invalid_client_metadata',
      'no',
      400,
      {},
      {
        policy: 'trusted_redirect_hosts',
        field: '/redirect_uris/1',
      },
    );
    expect(JSON.stringify(error.toBody())).toBe(
      '{"error":"invalid_client_metadata","error_description":"no","policy":"trusted_redirect_hosts","field":"/redirect_uris/1"}',
    );
  });

  it('cannot replace error or error_description', () => {
    const error = new OAuthError(
      'invalid_request',
      'real',
      400,
      {},
      {
        error: 'server_error',
        error_description: 'fake',
      },
    );
    expect(error.toBody()).toStrictEqual({ error: 'invalid_request', error_description: 'real' });
  });
});

describe('missingToken (RFC 6750 §3.1)', () => {
  it('is a 401 whose challenge names the realm and no error code', () => {
    const error = missingToken('https://issuer.example');
    expect(error.status).toBe(401);
    expect(error.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="https://issuer.example"' });
    expect(error.headers['WWW-Authenticate']).not.toMatch(/error=/);
    expect(error.toBody().error).toBe('invalid_token');
  });
});
