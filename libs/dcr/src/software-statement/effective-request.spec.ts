import { describe, expect, it } from '@jest/globals';
import {
  SOFTWARE_STATEMENT_ISSUER_FIELDS,
  checkIssuerFields,
  effectiveRequest,
  statementMetadata,
} from './effective-request.js';

describe('statementMetadata', () => {
  it('keeps client metadata claims and drops the JWT claims and a nested statement', () => {
    expect(
      statementMetadata({
        iss: 'https://issuer.example',
        sub: 's',
        aud: 'a',
        exp: 1,
        nbf: 1,
        iat: 1,
        jti: 'j',
        software_statement: 'x.y.z',
        software_id: 'sw',
        client_name: 'Statement name',
        'client_name#fr': 'Nom',
      }),
    ).toEqual({ software_id: 'sw', client_name: 'Statement name', 'client_name#fr': 'Nom' });
  });

  it('copies a __proto__ claim as data, never as a prototype', () => {
    const claims = JSON.parse('{"__proto__": {"polluted": true}, "client_name": "x"}') as Record<
      string,
      unknown
    >;
    const metadata = statementMetadata(claims);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(metadata)).toEqual(['__proto__', 'client_name']);
  });
});

describe('effectiveRequest (RFC 7591 §3.1.1)', () => {
  it("lets the statement's values take precedence over the body's", () => {
    expect(
      effectiveRequest(
        {
          client_name: 'Body name',
          redirect_uris: ['https://a.example/cb'],
          software_statement: 'x.y.z',
        },
        { client_name: 'Statement name', software_id: 'sw' },
      ),
    ).toEqual({
      client_name: 'Statement name',
      redirect_uris: ['https://a.example/cb'],
      software_statement: 'x.y.z',
      software_id: 'sw',
    });
  });
});

describe('checkIssuerFields', () => {
  const understood = ['client_name', 'redirect_uris', 'software_id', 'logo_uri'];

  it('accepts members the issuer may set, and claims the server does not understand', () => {
    expect(
      checkIssuerFields({ software_id: 'sw', org_id: 7 }, ['software_id'], understood, 'iss'),
    ).toBeUndefined();
  });

  it('refuses members the issuer may not set, language-tagged variants included', () => {
    expect(
      checkIssuerFields(
        { software_id: 'sw', redirect_uris: [], 'client_name#fr': 'x' },
        ['software_id'],
        understood,
        'https://issuer.example',
      ),
    ).toEqual({
      error: 'unapproved_software_statement',
      policy: SOFTWARE_STATEMENT_ISSUER_FIELDS,
      field: '/software_statement',
      reason:
        'issuer "https://issuer.example" may not set redirect_uris, client_name#fr (it may set: software_id)',
    });
  });
});
