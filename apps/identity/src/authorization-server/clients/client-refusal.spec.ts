import { describe, expect, it } from '@jest/globals';
import { CimdClientError, OAuthError } from '@agent-runtimes/dcr';
import { errors } from 'oidc-provider';
import { clientRefusal } from './client-refusal.js';

describe('clientRefusal', () => {
  it('answers a refused document client with invalid_client naming the rule, never redirected', () => {
    const refusal = clientRefusal(
      new CimdClientError(
        'invalid_client',
        'auth_method',
        'may only use "none" or "private_key_jwt" (draft §4.1)',
      ),
    );
    expect(refusal).toBeInstanceOf(errors.InvalidClient);
    expect(refusal).toMatchObject({
      error: 'invalid_client',
      statusCode: 400,
      expose: true,
      allow_redirect: false,
      // RFC 6749 §5.2's characters: no double quote, no section sign.
      error_description:
        "may only use 'none' or 'private_key_jwt' (draft section 4.1) (rule: auth_method)",
    });
  });

  it('answers a malformed client_id URL with invalid_request', () => {
    const refusal = clientRefusal(
      new CimdClientError('invalid_request', 'query', 'client_id: no query'),
    );
    expect(refusal).toBeInstanceOf(errors.InvalidRequest);
    expect(refusal).toMatchObject({
      error: 'invalid_request',
      statusCode: 400,
      allow_redirect: false,
      error_description: 'client_id: no query (rule: query)',
    });
  });

  it('leaves every other failure alone: a database error is not invalid_client', () => {
    expect(clientRefusal(new Error('connection terminated'))).toBeUndefined();
    expect(clientRefusal(new OAuthError('invalid_client_metadata', 'x', 400))).toBeUndefined();
  });
});
