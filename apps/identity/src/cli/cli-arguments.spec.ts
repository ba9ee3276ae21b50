import { describe, expect, it } from '@jest/globals';
import { UsageError, parseCliArguments } from './cli-arguments.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['30m', 1800],
    ['12h', 43200],
    ['7d', 604800],
    ['2w', 1209600],
  ])('reads %p as %p seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '1.5h', '-1d', '7 days', 'd', '7y', '99999999999d'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseCliArguments', () => {
  it('reads iat create into the admin API request', () => {
    expect(
      parseCliArguments([
        'iat',
        'create',
        '--uses',
        '5',
        '--expires-in=7d',
        '--label',
        'Acme onboarding',
        '--policy',
        '{"allowed_scopes": ["mcp:tools"]}',
      ]),
    ).toEqual({
      command: 'iat create',
      request: {
        expires_in: 604800,
        max_uses: 5,
        label: 'Acme onboarding',
        policy: { allowed_scopes: ['mcp:tools'] },
      },
      json: false,
    });
  });

  it('reads list, revoke and approve', () => {
    expect(parseCliArguments(['iat', 'list', '--json'])).toEqual({
      command: 'iat list',
      json: true,
    });
    expect(parseCliArguments(['iat', 'revoke', 'abc'])).toEqual({
      command: 'iat revoke',
      id: 'abc',
    });
    expect(parseCliArguments(['client', 'approve', 'cid'])).toEqual({
      command: 'client approve',
      clientId: 'cid',
    });
    expect(parseCliArguments([])).toEqual({ command: 'help' });
    expect(parseCliArguments(['--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['iat', 'create', '--uses', '5'], /needs --uses <n> and --expires-in/],
    [['iat', 'create', '--uses', 'five', '--expires-in', '1h'], /--uses must be a whole number/],
    [['iat', 'create', '--uses', '5', '--expires-in', 'soon'], /--expires-in must be a duration/],
    [['iat', 'create', '--uses', '5', '--uses', '6', '--expires-in', '1h'], /given twice/],
    [
      ['iat', 'create', '--uses', '5', '--expires-in', '1h', '--policy', '{'],
      /--policy must be a JSON object/,
    ],
    [['iat', 'create', '--uses'], /--uses needs a value/],
    [['iat', 'create', '--force'], /unknown option --force/],
    [['iat', 'revoke'], /usage: iat revoke <id>/],
    [['iat', 'revoke', 'a', 'b'], /usage: iat revoke <id>/],
    [['iat', 'list', 'extra'], /takes no argument/],
    [['iat', 'delete'], /unknown command "iat delete"/],
    [['token'], /unknown command "token"/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCliArguments(args)).toThrow(UsageError);
    expect(() => parseCliArguments(args)).toThrow(message);
  });
});
