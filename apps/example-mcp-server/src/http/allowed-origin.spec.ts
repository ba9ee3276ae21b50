import { describe, expect, it } from '@jest/globals';
import { isAllowedOrigin } from './allowed-origin.js';

const RESOURCE = 'http://localhost:4000/mcp';

describe('isAllowedOrigin', () => {
  it('allows requests without an Origin, and from the resource origin', () => {
    expect(isAllowedOrigin(undefined, RESOURCE)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', RESOURCE)).toBe(true);
    expect(isAllowedOrigin('HTTP://LOCALHOST:4000', RESOURCE)).toBe(true);
    expect(isAllowedOrigin('https://mcp.example.com:443', 'https://mcp.example.com/mcp')).toBe(
      true,
    );
  });

  it.each([
    'http://evil.example',
    'http://localhost:4001',
    'https://localhost:4000',
    'null',
    'x',
    '',
  ])('refuses Origin %j', (origin) => {
    expect(isAllowedOrigin(origin, RESOURCE)).toBe(false);
  });
});
