import { describeIssuerProblem } from '@agent-runtimes/dcr';
import {
  protectedResourceMetadataUrl,
  resourcePath,
} from '../metadata/protected-resource-metadata.js';

/** Port of the app unless `PORT` says otherwise. */
export const DEFAULT_PORT = 4000;

/** apps/identity's default issuer (its `ISSUER` default, `http://localhost:$PORT` on port 3000). */
export const DEFAULT_IDENTITY_ISSUER = 'http://localhost:3000';

/** The scope a token needs unless `MCP_SCOPES` says otherwise. */
export const DEFAULT_SCOPES: readonly string[] = ['mcp:tools'];

/** Every environment variable the app reads; nothing else in the environment is looked at. */
export const MCP_SERVER_VARIABLES = [
  'PORT',
  'HOST',
  'MCP_RESOURCE',
  'IDENTITY_ISSUER',
  'MCP_SCOPES',
] as const;

/** The configuration of `apps/example-mcp-server`, read from the environment once, at start-up. */
export interface McpServerConfig {
  readonly port: number;
  readonly host: string;
  /**
   * The resource identifier (RFC 8707, RFC 9728 §2), exactly as configured: tokens must carry it
   * in `aud`. Its path is where the MCP endpoint is served.
   */
  readonly resource: string;
  /** Route of the MCP endpoint: the resource's path without leading or trailing slashes. */
  readonly mcpRoute: string;
  /** URL of this resource's metadata document, named in every challenge (RFC 9728 §5.1). */
  readonly resourceMetadataUrl: string;
  /** Issuer identifier of the authorization server (apps/identity): tokens must carry it in `iss`. */
  readonly issuer: string;
  /** Scopes a token must hold to use the MCP endpoint; empty when none is required. */
  readonly requiredScopes: readonly string[];
}

/** A configuration value the app cannot start with. The message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly variable: (typeof MCP_SERVER_VARIABLES)[number],
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// Route segments made of RFC 3986 unreserved characters: nothing Express would read as a pattern.
const ROUTE_PATH = /^(\/[A-Za-z0-9._~-]+)*$/;
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Reads and checks the environment. Each variable is read here and nowhere else. */
export function loadMcpServerConfig(env: Env): McpServerConfig {
  const port = integer(env, 'PORT', DEFAULT_PORT, 0, 65535);
  const resource = resourceOf(env, port);
  const path = resourcePath(resource);
  return {
    port,
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    resource,
    mcpRoute: path.replace(/^\//, ''),
    resourceMetadataUrl: protectedResourceMetadataUrl(resource),
    issuer: issuerOf(env),
    requiredScopes: scopesOf(env),
  };
}

function resourceOf(env: Env, port: number): string {
  const raw = env.MCP_RESOURCE?.trim();
  if (raw === undefined || raw === '') {
    if (port === 0) {
      throw new ConfigError(
        'MCP_RESOURCE',
        'must be set when PORT is 0: the port is not known before listening',
      );
    }
    return `http://localhost:${port}/mcp`;
  }
  // RFC 9728 §2 and RFC 8707 §2: an https URL with no query or fragment, the same rule as an
  // issuer identifier (http is accepted for loopback hosts, for development).
  const problem = describeIssuerProblem(raw);
  if (problem) throw new ConfigError('MCP_RESOURCE', `${problem} (got "${safe(raw)}")`);
  if (!ROUTE_PATH.test(resourcePath(raw))) {
    throw new ConfigError(
      'MCP_RESOURCE',
      `must have a path of letters, digits and "._~-" segments, where the MCP endpoint is served (got "${raw}")`,
    );
  }
  // Kept exactly as written: clients send it verbatim as `resource`, and it comes back in `aud`.
  return raw;
}

function issuerOf(env: Env): string {
  const raw = env.IDENTITY_ISSUER?.trim();
  if (raw === undefined || raw === '') return DEFAULT_IDENTITY_ISSUER;
  // apps/identity drops trailing slashes from its issuer, so its tokens' `iss` has none.
  const value = raw.replace(/\/+$/, '');
  const problem = describeIssuerProblem(value);
  if (problem) throw new ConfigError('IDENTITY_ISSUER', `${problem} (got "${safe(value)}")`);
  return value;
}

function scopesOf(env: Env): readonly string[] {
  const raw = env.MCP_SCOPES;
  if (raw === undefined) return DEFAULT_SCOPES;
  // Set but empty: no scope is required.
  const scopes = [...new Set(raw.split(/[\s,]+/).filter((scope) => scope !== ''))];
  const bad = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (bad !== undefined) {
    throw new ConfigError(
      'MCP_SCOPES',
      `must be scope tokens (RFC 6749 §3.3) separated by spaces or commas (got "${bad}")`,
    );
  }
  return scopes;
}

function integer(env: Env, name: 'PORT', fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function nonEmpty(env: Env, name: 'HOST', fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') throw new ConfigError(name, 'must not be empty');
  return raw.trim();
}

/** The value without any user credentials it carries. */
function safe(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@');
}
