import { parseDuration } from './duration.js';

/** What the `dcr` CLI was asked to do. */
export type CliCommand =
  | {
      readonly command: 'iat create';
      /** The admin API's body: `{expires_in, max_uses, label?, policy?}`, checked by the module. */
      readonly request: Readonly<Record<string, unknown>>;
      readonly json: boolean;
    }
  | { readonly command: 'iat list'; readonly json: boolean }
  | { readonly command: 'iat revoke'; readonly id: string }
  | { readonly command: 'client approve'; readonly clientId: string }
  | { readonly command: 'help' };

/** A command line the CLI cannot run; the message says why. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The CLI's usage text. */
export const USAGE = `usage: npm run dcr -- <command>

  iat create --uses <n> --expires-in <duration> [--label <text>] [--policy <json>] [--json]
      Mint an initial access token (RFC 7591 §3). The token is printed once, alone on stdout
      (with --json: the whole record); the details go to stderr. Durations: 3600, 90s, 30m,
      12h, 7d, 2w. --policy takes the admin API's policy object, e.g.
      '{"trusted_redirect_hosts": ["*.example.com"], "allowed_scopes": ["mcp:tools"]}'.
  iat list [--json]
      List initial access tokens (never their values).
  iat revoke <id>
      Revoke an initial access token.
  client approve <client_id>
      Approve a client registered under REGISTRATION_APPROVAL.

The CLI reads the app's configuration (DATABASE_URL, or the embedded database in DATA_DIR, which
the app must not be using at the same time) and runs the migrations first.
`;

/** Parses the CLI's arguments (after `npm run dcr --`). Throws {@link UsageError}. */
export function parseCliArguments(args: readonly string[]): CliCommand {
  const [noun, verb, ...rest] = args;
  if (noun === undefined || noun === 'help' || noun === '--help' || noun === '-h') {
    return { command: 'help' };
  }
  const options = readOptions(rest);
  switch (`${noun} ${verb ?? ''}`) {
    case 'iat create':
      return {
        command: 'iat create',
        request: createRequest(options),
        json: options.flags.has('json'),
      };
    case 'iat list':
      noPositionals(options, 'iat list');
      return { command: 'iat list', json: options.flags.has('json') };
    case 'iat revoke':
      return { command: 'iat revoke', id: onePositional(options, 'iat revoke <id>') };
    case 'client approve':
      return {
        command: 'client approve',
        clientId: onePositional(options, 'client approve <client_id>'),
      };
    default:
      throw new UsageError(`unknown command "${[noun, verb].filter(Boolean).join(' ')}"`);
  }
}

interface Options {
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
  readonly positionals: string[];
}

const VALUE_OPTIONS = new Set(['uses', 'expires-in', 'label', 'policy']);
const FLAG_OPTIONS = new Set(['json']);

function readOptions(args: readonly string[]): Options {
  const options: Options = { values: new Map(), flags: new Set(), positionals: [] };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg.startsWith('--')) {
      options.positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAG_OPTIONS.has(name) && inline === undefined) {
      options.flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? args[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (options.values.has(name)) throw new UsageError(`--${name} is given twice`);
      options.values.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return options;
}

function createRequest(options: Options): Record<string, unknown> {
  noPositionals(options, 'iat create');
  const uses = options.values.get('uses');
  const expiresIn = options.values.get('expires-in');
  if (uses === undefined || expiresIn === undefined) {
    throw new UsageError('iat create needs --uses <n> and --expires-in <duration>');
  }
  if (!/^\d{1,9}$/.test(uses))
    throw new UsageError(`--uses must be a whole number (got "${uses}")`);
  const seconds = parseDuration(expiresIn);
  if (seconds === undefined) {
    throw new UsageError(
      `--expires-in must be a duration such as 3600, 30m, 12h or 7d (got "${expiresIn}")`,
    );
  }
  const request: Record<string, unknown> = { expires_in: seconds, max_uses: Number(uses) };
  const label = options.values.get('label');
  if (label !== undefined) request.label = label;
  const policy = options.values.get('policy');
  if (policy !== undefined) {
    try {
      request.policy = JSON.parse(policy) as unknown;
    } catch {
      throw new UsageError('--policy must be a JSON object');
    }
  }
  return request;
}

function noPositionals(options: Options, command: string): void {
  if (options.positionals.length > 0) {
    throw new UsageError(`${command} takes no argument "${options.positionals[0]}"`);
  }
}

function onePositional(options: Options, usage: string): string {
  if (options.positionals.length !== 1 || options.values.size > 0 || options.flags.size > 0) {
    throw new UsageError(`usage: ${usage}`);
  }
  return options.positionals[0];
}
