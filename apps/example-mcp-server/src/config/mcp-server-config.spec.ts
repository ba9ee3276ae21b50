import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadMcpServerConfig } from './mcp-server-config.js';

/** The error `loadMcpServerConfig` throws for `env`, or fails the test when it throws none. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadMcpServerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadMcpServerConfig', () => {
  it('applies the defaults: port 4000, /mcp, apps/identity on port 3000, mcp:tools', () => {
    expect(loadMcpServerConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      resource: 'http://localhost:4000/mcp',
      mcpRoute: 'mcp',
      resourceMetadataUrl: 'http://localhost:4000/.well-known/oauth-protected-resource/mcp',
      issuer: 'http://localhost:3000',
      requiredScopes: ['mcp:tools'],
    });
  });

  it('serves the endpoint at the path of MCP_RESOURCE, kept verbatim', () => {
    const config = loadMcpServerConfig({
      PORT: '8080',
      MCP_RESOURCE: 'https://tools.example.com/v1/mcp',
      IDENTITY_ISSUER: 'https://id.example.com/',
    });
    expect(config.resource).toBe('https://tools.example.com/v1/mcp');
    expect(config.mcpRoute).toBe('v1/mcp');
    expect(config.resourceMetadataUrl).toBe(
      'https://tools.example.com/.well-known/oauth-protected-resource/v1/mcp',
    );
    // apps/identity drops trailing slashes from its issuer.
    expect(config.issuer).toBe('https://id.example.com');
  });

  it('serves a resource at the root of its origin at /', () => {
    const config = loadMcpServerConfig({ MCP_RESOURCE: 'https://tools.example.com' });
    expect(config.mcpRoute).toBe('');
    expect(config.resourceMetadataUrl).toBe(
      'https://tools.example.com/.well-known/oauth-protected-resource',
    );
  });

  it('requires MCP_RESOURCE when PORT is 0', () => {
    expect(configErrorFor({ PORT: '0' }).variable).toBe('MCP_RESOURCE');
    expect(loadMcpServerConfig({ PORT: '0', MCP_RESOURCE: 'http://127.0.0.1:4100/mcp' }).port).toBe(
      0,
    );
  });

  it.each([
    'http://mcp.example.com/mcp',
    'https://mcp.example.com/mcp?x=1',
    'https://mcp.example.com/mcp#part',
    'https://user:s3cret@mcp.example.com/mcp',
    'mcp.example.com/mcp',
    'https://mcp.example.com/:id',
    'https://mcp.example.com/a%20b',
  ])('refuses MCP_RESOURCE %j', (resource) => {
    const error = configErrorFor({ MCP_RESOURCE: resource });
    expect(error.variable).toBe('MCP_RESOURCE');
    expect(error.message).not.toContain('s3cret');
  });

  it.each(['http://id.example.com', 'https://id.example.com/?tenant=a', 'ftp://id.example.com'])(
    'refuses IDENTITY_ISSUER %j',
    (issuer) => {
      expect(configErrorFor({ IDENTITY_ISSUER: issuer }).variable).toBe('IDENTITY_ISSUER');
    },
  );

  it('reads MCP_SCOPES separated by spaces or commas, and an empty value as no scope', () => {
    expect(
      loadMcpServerConfig({ MCP_SCOPES: 'mcp:tools  mcp:read,mcp:tools' }).requiredScopes,
    ).toEqual(['mcp:tools', 'mcp:read']);
    expect(loadMcpServerConfig({ MCP_SCOPES: '' }).requiredScopes).toEqual([]);
    expect(configErrorFor({ MCP_SCOPES: 'mcp:"tools"' }).variable).toBe('MCP_SCOPES');
  });

  it.each(['x', '70000', '-1', '3.5'])('refuses PORT %j', (port) => {
    expect(configErrorFor({ PORT: port }).variable).toBe('PORT');
  });

  it('refuses an empty HOST', () => {
    expect(configErrorFor({ HOST: ' ' }).variable).toBe('HOST');
  });
});
