import { describe, expect, it } from '@jest/globals';
import { canonicalHostPattern, matchesHostPattern } from './host-patterns.js';

describe('canonicalHostPattern', () => {
  it.each([
    ['client.example', 'client.example'],
    ['Client.EXAMPLE', 'client.example'],
    [' client.example ', 'client.example'],
    ['*.example.com', '*.example.com'],
    ['*.Example.com', '*.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['*.bücher.example', '*.xn--bcher-kva.example'],
    ['localhost', 'localhost'],
    ['192.0.2.7', '192.0.2.7'],
    ['[2001:DB8:0:0::7]', '[2001:db8::7]'],
  ])('reads %s as %s', (pattern, canonical) => {
    expect(canonicalHostPattern(pattern)).toBe(canonical);
  });

  it.each([
    '',
    '*',
    '*.',
    '**.example.com',
    'a*.example.com',
    '*example.com',
    'example.*',
    'client.example:443',
    'client.example/path',
    'https://client.example',
    'client..example',
    'client.example.',
    '-client.example',
    'under_score.example',
    '*.192.0.2.7',
    '[not-an-address]',
    '2001:db8::7', // an IPv6 address is written in brackets, as in a URL
  ])('refuses %j', (pattern) => {
    expect(canonicalHostPattern(pattern)).toBeUndefined();
  });
});

describe('matchesHostPattern', () => {
  const patterns = ['claude.ai', '*.example.com', '[2001:db8::7]', '192.0.2.7'];

  it.each(['claude.ai', 'a.example.com', 'a.b.example.com', '[2001:db8::7]', '192.0.2.7'])(
    'matches %s',
    (host) => {
      expect(matchesHostPattern(host, patterns)).toBe(true);
    },
  );

  it.each([
    'example.com',
    'xexample.com',
    'sub.claude.ai',
    'claude.ai.evil.example',
    'example.com.evil.example',
    '192.0.2.70',
  ])('does not match %s', (host) => {
    expect(matchesHostPattern(host, patterns)).toBe(false);
  });

  it('matches nothing with no patterns', () => {
    expect(matchesHostPattern('claude.ai', [])).toBe(false);
  });
});
