import { describe, expect, it } from '@jest/globals';
import {
  defaultResource,
  findResource,
  resourcePolicy,
  resourceServerInfo,
  withDefaultScope,
} from './resource-policy.js';

const ISSUER = 'https://as.example.com';
const MCP = 'https://mcp.example.com/mcp';
const API = 'https://api.example.com';
const policy = resourcePolicy([MCP, API], ISSUER, ['mcp:tools', 'mcp:read'], 600, 'ES256');

describe('resourcePolicy', () => {
  it('keeps the configured resources in order', () => {
    expect(policy.resources).toEqual([MCP, API]);
  });

  it('falls back to the issuer as the one resource when none is configured', () => {
    expect(resourcePolicy([], ISSUER, ['s'], 60, 'ES256').resources).toEqual([ISSUER]);
  });
});

describe('findResource (RFC 8707 §2)', () => {
  it.each([
    [MCP, MCP],
    [API, API],
    ['https://api.example.com/', API],
    ['HTTPS://MCP.EXAMPLE.COM/mcp', MCP],
  ])('finds %s as %s', (requested, expected) => {
    expect(findResource(policy, requested)).toBe(expected);
  });

  it.each([
    'https://mcp.example.com/mcp/',
    'https://mcp.example.com/other',
    'https://evil.example.com/mcp',
    'http://mcp.example.com/mcp',
    'not a uri',
    '',
  ])('does not know %p', (requested) => {
    expect(findResource(policy, requested)).toBeUndefined();
  });
});

describe('defaultResource', () => {
  it('is the first configured resource', () => {
    expect(defaultResource(policy)).toBe(MCP);
    expect(defaultResource(policy, [])).toBe(MCP);
  });

  it('chooses among granted resources: the default when granted, else the first', () => {
    expect(defaultResource(policy, [API, MCP])).toBe(MCP);
    expect(defaultResource(policy, [API, 'https://x.example'])).toBe(API);
  });
});

describe('resourceServerInfo', () => {
  it('describes an RFC 9068 JWT for the resource', () => {
    expect(resourceServerInfo(policy, API)).toEqual({
      scope: 'mcp:tools mcp:read',
      audience: API,
      accessTokenTTL: 600,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    });
  });
});

describe('withDefaultScope', () => {
  it.each([
    [undefined, 'mcp:tools mcp:read'],
    ['', 'mcp:tools mcp:read'],
    ['offline_access', 'offline_access mcp:tools mcp:read'],
    ['openid offline_access', 'openid offline_access mcp:tools mcp:read'],
    ['unknown', 'unknown mcp:tools mcp:read'],
  ])('adds the resource scope to %p', (requested, expected) => {
    expect(withDefaultScope(policy, requested)).toBe(expected);
  });

  it.each([
    ['mcp:read', 'mcp:read'],
    ['openid mcp:tools offline_access', 'openid mcp:tools offline_access'],
    ['mcp:read unknown', 'mcp:read unknown'],
  ])('keeps %p, which names a resource scope', (requested, expected) => {
    expect(withDefaultScope(policy, requested)).toBe(expected);
  });
});
