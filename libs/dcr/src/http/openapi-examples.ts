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
  invalidClientMetadata: {
    summary: 'Inconsistent metadata',
    value: {
      error: 'invalid_client_metadata',
      error_description:
        'response_types includes "code", so grant_types must include "authorization_code" (RFC 7591 §2.1)',
    },
  },
};
