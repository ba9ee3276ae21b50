import { describe, expect, it } from '@jest/globals';
import {
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  resourcePath,
} from './protected-resource-metadata.js';

describe('protectedResourceMetadata', () => {
  it('names the issuer as the only authorization server and the header as the only bearer method', () => {
    expect(
      protectedResourceMetadata({
        resource: 'https://mcp.example.com/mcp',
        issuer: 'https://id.example.com',
        scopes: ['mcp:tools'],
      }),
    ).toEqual({
      resource: 'https://mcp.example.com/mcp',
      authorization_servers: ['https://id.example.com'],
      bearer_methods_supported: ['header'],
      scopes_supported: ['mcp:tools'],
      resource_name: 'Example MCP server',
    });
  });

  it('leaves scopes_supported out when no scope is required', () => {
    const metadata = protectedResourceMetadata({
      resource: 'https://mcp.example.com/mcp',
      issuer: 'https://id.example.com',
      scopes: [],
    });
    expect(metadata).not.toHaveProperty('scopes_supported');
  });
});

describe('protectedResourceMetadataUrl (RFC 9728 §3.1)', () => {
  it.each([
    [
      'https://mcp.example.com/mcp',
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
    ],
    [
      'https://mcp.example.com/mcp/',
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
    ],
    [
      'https://mcp.example.com/a/b',
      'https://mcp.example.com/.well-known/oauth-protected-resource/a/b',
    ],
    ['https://mcp.example.com', 'https://mcp.example.com/.well-known/oauth-protected-resource'],
    ['https://mcp.example.com/', 'https://mcp.example.com/.well-known/oauth-protected-resource'],
    ['http://127.0.0.1:4000/mcp', 'http://127.0.0.1:4000/.well-known/oauth-protected-resource/mcp'],
  ])('%s → %s', (resource, url) => {
    expect(protectedResourceMetadataUrl(resource)).toBe(url);
  });
});

describe('resourcePath', () => {
  it('drops trailing slashes, and is empty at the root of an origin', () => {
    expect(resourcePath('https://mcp.example.com/mcp/')).toBe('/mcp');
    expect(resourcePath('https://mcp.example.com')).toBe('');
  });
});
