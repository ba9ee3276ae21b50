/**
 * What the default run measures: every row is an app under a load against a floor under a load,
 * with a target or as information. To add a row, define its server (`servers/`) or load (`loads/`)
 * in one file if it needs a new one, and list the row here (see the bench README, "Adding a row").
 */
import type { ContenderRef, RowDefinition, RowTarget } from './definitions.js';
import { READ, READ_WITHOUT_AUTH } from './loads/read.js';
import { REGISTER } from './loads/register.js';
import { REGISTER_WITH_INITIAL_ACCESS_TOKEN } from './loads/register-with-initial-access-token.js';
import { CLIENT_CREDENTIALS } from './loads/token.js';
import { AUTHORIZE_CIMD, AUTHORIZE_REGISTERED } from './loads/authorize.js';
import { EXPRESS } from './servers/express.js';
import { FLOOR } from './servers/floor.js';
import { IDENTITY } from './servers/identity.js';
import { IDENTITY_AUTHORIZE } from './servers/identity-authorize.js';
import { IDENTITY_POLICY } from './servers/identity-policy.js';
import { NEST_FLOOR, NEST_FLOOR_EXPRESS } from './servers/nest-floor.js';
import { PROVIDER_FLOOR } from './servers/provider-floor.js';
import { TARGETS } from './targets.js';

/** The floor's registration; the same for both floors (POST has no authentication). */
const FLOOR_REGISTER: ContenderRef = { server: FLOOR, load: REGISTER };
/** One SELECT by primary key, no token check: the floor of the GET targets. */
const FLOOR_READ: ContenderRef = { server: FLOOR, load: READ_WITHOUT_AUTH };
/** One SELECT and a constant-time token digest comparison: what authentication costs at least. */
const FLOOR_READ_WITH_AUTH: ContenderRef = { server: FLOOR, load: READ };
/** A token use counted (`FLOOR_TOKEN_COUNT`), then the INSERT: protected registration at least. */
const FLOOR_REGISTER_WITH_TOKEN: ContenderRef = {
  server: FLOOR,
  load: REGISTER_WITH_INITIAL_ACCESS_TOKEN,
};
const IDENTITY_POLICY_REGISTER: ContenderRef = {
  server: IDENTITY_POLICY,
  load: REGISTER_WITH_INITIAL_ACCESS_TOKEN,
};

function row(
  scenario: string,
  app: ContenderRef,
  floor: ContenderRef,
  floorLabel: string,
  target?: RowTarget,
): RowDefinition {
  return { scenario, app, floor, floorLabel, target };
}

/** The rows of the result table, in the order printed. */
export const ROWS: readonly RowDefinition[] = [
  row('POST', { server: IDENTITY, load: REGISTER }, FLOOR_REGISTER, 'floor', TARGETS.registration),
  row('POST', { server: EXPRESS, load: REGISTER }, FLOOR_REGISTER, 'floor', TARGETS.registration),
  row('POST', IDENTITY_POLICY_REGISTER, FLOOR_REGISTER, 'floor', TARGETS.policyRegistration),
  // Information: protected registration's own SQL at the least (the floor+token against the
  // floor), and the policy app against that.
  { ...row('POST', FLOOR_REGISTER_WITH_TOKEN, FLOOR_REGISTER, 'floor'), appLabel: 'floor+token' },
  row('POST', IDENTITY_POLICY_REGISTER, FLOOR_REGISTER_WITH_TOKEN, 'floor+token'),
  // Information: the floor's work behind bare Nest (on Fastify, on Express), the framework's share
  // of the gap.
  row('POST', { server: NEST_FLOOR, load: REGISTER }, FLOOR_REGISTER, 'floor'),
  row('POST', { server: NEST_FLOOR_EXPRESS, load: REGISTER }, FLOOR_REGISTER, 'floor'),
  // Information: protected registration's SQL behind bare Nest on Fastify, what any Nest app
  // with protected registration could reach at the most.
  {
    ...row(
      'POST',
      { server: NEST_FLOOR, load: REGISTER_WITH_INITIAL_ACCESS_TOKEN },
      FLOOR_REGISTER,
      'floor',
    ),
    appLabel: 'Nest bare+token',
  },
  row('GET', { server: IDENTITY, load: READ }, FLOOR_READ, 'floor', TARGETS.read),
  row('GET', { server: EXPRESS, load: READ }, FLOOR_READ, 'floor', TARGETS.read),
  row('GET', { server: NEST_FLOOR, load: READ_WITHOUT_AUTH }, FLOOR_READ, 'floor'),
  row('GET', { server: NEST_FLOOR_EXPRESS, load: READ_WITHOUT_AUTH }, FLOOR_READ, 'floor'),
  // Information: the same reads against a floor that also checks the token.
  row('GET', { server: IDENTITY, load: READ }, FLOOR_READ_WITH_AUTH, 'floor+auth'),
  row('GET', { server: EXPRESS, load: READ }, FLOOR_READ_WITH_AUTH, 'floor+auth'),
  // The token endpoint (issue 10): only the identity app has one (the Express host app has none).
  row(
    'TOKEN',
    { server: IDENTITY, load: CLIENT_CREDENTIALS },
    { server: FLOOR, load: CLIENT_CREDENTIALS },
    'floor',
    TARGETS.token,
  ),
  // Information: the floor's token work behind bare node-oidc-provider, the library's share.
  row(
    'TOKEN',
    { server: PROVIDER_FLOOR, load: CLIENT_CREDENTIALS },
    { server: FLOOR, load: CLIENT_CREDENTIALS },
    'floor',
  ),
  // Issue 11: a cached Client ID Metadata Document client authorizes as fast as a registered one
  // (the "floor" here is the registered client on the same server).
  row(
    'AUTHORIZE',
    { server: IDENTITY_AUTHORIZE, load: AUTHORIZE_CIMD },
    { server: IDENTITY_AUTHORIZE, load: AUTHORIZE_REGISTERED },
    'registered',
    TARGETS.cimdAuthorization,
  ),
];

/**
 * The registry's rows whose app is in `apps` and whose scenario is in `scenarios` (no filter when
 * a list is empty).
 */
export function selectRows(
  apps: readonly string[],
  scenarios: readonly string[] = [],
): RowDefinition[] {
  checkKnown(
    '--apps',
    apps,
    ROWS.map((row) => row.app.server.id),
  );
  checkKnown(
    '--only',
    scenarios,
    ROWS.map((row) => row.scenario),
  );
  return ROWS.filter(
    (row) =>
      (apps.length === 0 || apps.includes(row.app.server.id)) &&
      (scenarios.length === 0 || scenarios.includes(row.scenario)),
  );
}

function checkKnown(flag: string, given: readonly string[], names: readonly string[]): void {
  const known = new Set(names);
  const unknown = given.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`${flag}: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
}
