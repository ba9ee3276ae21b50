import type { ExamplesObject } from '@nestjs/swagger';
import type { OAuthErrorBody } from '../errors/oauth-error.js';

interface ErrorExample {
  summary: string;
  value: OAuthErrorBody;
}

/** Request examples shown in Swagger UI ("Try it out" starts from the first). */
export const REGISTRATION_REQUEST_EXAMPLES: ExamplesObject = {
  publicNativeClient: {
    summary: 'Public client with a loopback redirect (an MCP client or desktop app, using PKCE)',
    value: {
      client_name: 'Example Agent',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
  },
  confidentialWebClient: {
    summary: 'Confidential web client',
    value: {
      client_name: 'Example Web App',
      'client_name#fr': 'Application web exemple',
      client_uri: 'https://app.example.com',
      redirect_uris: ['https://app.example.com/oauth/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile',
      contacts: ['ops@example.com'],
    },
  },
};

/** Error examples for the 400 response. */
export const REGISTRATION_ERROR_EXAMPLES: Record<string, ErrorExample> = {
  invalidRedirectUri: {
    summary: 'A redirect URI that is not allowed',
    value: {
      error: 'invalid_redirect_uri',
      error_description:
        'redirect_uris[0]: http is allowed only for loopback hosts (127.0.0.1, [::1], localhost); use https',
    },
  },
  policyRefusal: {
    summary: 'A rule of the registration policy refuses a redirect URI',
    value: {
      error: 'invalid_redirect_uri',
      error_description:
        "redirect_uris[1]: host 'evil.example' is not a trusted redirect host (trusted: *.example.com); a rule of the module rules (policy trusted_redirect_hosts)",
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/1',
    },
  },
  unapprovedSoftwareStatement: {
    summary: 'A software statement from an issuer the server does not trust',
    value: {
      error: 'unapproved_software_statement',
      error_description:
        "software_statement: issuer 'https://unknown.example' is not trusted (policy trusted_software_statement_issuers)",
      policy: 'trusted_software_statement_issuers',
      field: '/software_statement',
    },
  },
  invalidClientMetadata: {
    summary: 'Inconsistent metadata',
    value: {
      error: 'invalid_client_metadata',
      error_description:
        'response_types includes "code", so grant_types must include "authorization_code" (RFC 7591 §2.1)',
    },
  },
};

/** Error examples for the 403 of a full quota. */
export const QUOTA_ERROR_EXAMPLES: Record<string, ErrorExample> = {
  maxClients: {
    summary: 'The server holds its maximum number of clients',
    value: {
      error: 'access_denied',
      error_description:
        'the registration: this server has reached its limit of 1000 registered clients (policy max_clients)',
      policy: 'max_clients',
      field: '',
    },
  },
};

/** A registration response, for the 201 of POST and the 200 of GET/PUT. */
export const REGISTRATION_RESPONSE_EXAMPLES = {
  publicNativeClient: {
    summary: 'A public client: no secret',
    value: {
      client_id: 'pQ7v3n1cZ0b8Xk2mR5tW9A',
      client_id_issued_at: 1764201600,
      registration_access_token: 'q1Jm8e2Xl5Pz0bVw7Ck4Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mc',
      registration_client_uri: 'http://localhost:3000/register/pQ7v3n1cZ0b8Xk2mR5tW9A',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Example Agent',
    },
  },
  confidentialWebClient: {
    summary: 'A confidential client: its secret is shown once',
    value: {
      client_id: 'Zk4mR2tW9ApQ7v3n1cZ0b8',
      client_secret: 'Yk3mV0sYfQm5mZJQw8r9f1l2xj0c7q4TqN8b6v5h2Ws',
      client_id_issued_at: 1764201600,
      client_secret_expires_at: 0,
      registration_access_token: 'Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mcq1Jm8e2Xl5Pz0bVw7Ck4',
      registration_client_uri: 'http://localhost:3000/register/Zk4mR2tW9ApQ7v3n1cZ0b8',
      redirect_uris: ['https://app.example.com/oauth/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Example Web App',
      'client_name#fr': 'Application web exemple',
      client_uri: 'https://app.example.com',
      scope: 'openid profile',
      contacts: ['ops@example.com'],
    },
  },
};

/** The 413 answer to a body over the limit. */
export const PAYLOAD_TOO_LARGE_EXAMPLE: ErrorExample = {
  summary: 'A body over the size limit',
  value: {
    error: 'invalid_client_metadata',
    error_description: 'the request body is larger than the server accepts',
  },
};

/** The 503 answer while the database cannot be reached. */
export const UNAVAILABLE_EXAMPLE: ErrorExample = {
  summary: 'The database is unreachable; retry after the Retry-After delay',
  value: {
    error: 'temporarily_unavailable',
    error_description: 'the service is temporarily unavailable; retry later',
  },
};

/** The 429 answers to a registration over a rate limit. */
export const RATE_LIMITED_EXAMPLES: Record<string, ErrorExample> = {
  perClientIp: {
    summary: 'Too many registrations from one client address',
    value: {
      error: 'slow_down',
      error_description:
        'too many registrations from this client address (more than 20 in 60 seconds); retry after 42 seconds',
      policy: 'rate_limit_per_client_ip',
    },
  },
  global: {
    summary: 'The server-wide cap is reached',
    value: {
      error: 'temporarily_unavailable',
      error_description:
        'too many registrations on this server (more than 1000 in 60 seconds); retry after 17 seconds',
      policy: 'rate_limit_global',
    },
  },
};
