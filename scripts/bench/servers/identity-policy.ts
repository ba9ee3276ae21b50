import type { ServerDefinition } from '../definitions.js';
import { startIdentity } from '../server-process.js';

/** The operator credential of {@link IDENTITY_POLICY}, which its load mints a token with. */
export const POLICY_ADMIN_TOKEN = 'bench-operator-credential-0123456789abcdef';

/** The environment of {@link IDENTITY_POLICY} (also profiled by `--profile`). */
export const POLICY_ENV: Readonly<Record<string, string>> = {
  REGISTRATION_MODE: 'protected',
  ADMIN_TOKEN: POLICY_ADMIN_TOKEN,
  TRUSTED_REDIRECT_HOSTS: 'app.example.com',
  ALLOWED_SCOPES: 'openid profile email offline_access',
  REGISTRATION_RATE_LIMIT: '100000000/60',
  REGISTRATION_RATE_LIMIT_PER_HOST: '100000000/60',
  REGISTRATION_RATE_LIMIT_GLOBAL: '100000000/60',
};

/**
 * apps/identity in a typical protected configuration (issue 9): `REGISTRATION_MODE=protected`
 * (every registration presents an initial access token, whose use is counted in its row), two
 * policy rules (trusted redirect hosts and allowed scopes) and the registration rate limits on
 * (limits too high to refuse the load), with their default exemption of registrations that
 * present an initial access token. `--app-env REGISTRATION_RATE_LIMIT_EXEMPT_INITIAL_ACCESS_TOKENS=false`
 * measures them counted as well.
 */
export const IDENTITY_POLICY: ServerDefinition = {
  id: 'identity-policy',
  label: 'Fastify+policy',
  role: 'app',
  description:
    'apps/identity, protected mode (initial access token), 2 rules, rate limits on (token exempt)',
  start: ({ databaseUrl, poolSize, appEnv }) =>
    startIdentity({ databaseUrl, poolSize, env: { ...POLICY_ENV, ...appEnv } }),
};
