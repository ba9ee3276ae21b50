import { describe, expect, it } from '@jest/globals';
import type { ResolvedClient } from '@agent-runtimes/dcr';
import { consentViewOf } from './consent-view.js';

const client = (source: 'registration' | 'cimd', name?: string) =>
  ({ source, metadata: { client_name: name } }) as unknown as ResolvedClient;

describe('consentViewOf', () => {
  it('shows a registered client by name, where the answer goes, the scopes and the resource', () => {
    expect(
      consentViewOf(
        {
          client_id: 'abc',
          redirect_uri: 'http://127.0.0.1:33418/callback',
          scope: 'openid  mcp:tools',
          resource: 'https://mcp.example.com/mcp',
        },
        client('registration', 'Agent'),
      ),
    ).toEqual({
      clientName: 'Agent',
      clientId: 'abc',
      documentHost: undefined,
      redirectHost: '127.0.0.1:33418',
      scopes: ['openid', 'mcp:tools'],
      resources: ['https://mcp.example.com/mcp'],
    });
  });

  it('names a client without a name by its id, and a private-use redirect by its scheme', () => {
    const view = consentViewOf(
      { client_id: 'abc', redirect_uri: 'com.example.app:/cb', resource: ['https://a', 7] },
      client('registration'),
    );
    expect(view).toMatchObject({
      clientName: 'abc',
      redirectHost: 'com.example.app',
      scopes: [],
      resources: ['https://a'],
    });
  });

  it('shows the document host of a Client ID Metadata Document client', () => {
    const view = consentViewOf(
      { client_id: 'https://agent.example/client.json', redirect_uri: 'https://x.example/cb' },
      client('cimd', 'Doc Agent'),
    );
    expect(view).toMatchObject({ documentHost: 'agent.example', redirectHost: 'x.example' });
  });
});
