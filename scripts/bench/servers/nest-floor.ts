import type { ServerDefinition } from '../definitions.js';
import { NEST_FLOOR_SERVER } from '../paths.js';
import { launchFloorProcess } from './floor.js';

/**
 * The floor's SQL behind bare Nest on Fastify (`nest-floor-server.ts`): `POST /register` and
 * `GET /no-auth/register/{id}` as the floor answers them, with nothing of the apps' own code. Its
 * rows are information: the framework's share of the gap between an app and the floor.
 */
export const NEST_FLOOR: ServerDefinition = {
  id: 'nest-floor',
  label: 'Nest bare',
  role: 'app',
  description:
    'the floor’s SQL and responses in one bare Nest controller on Fastify (no validation, guard, ' +
    'filter, middleware or logging): what the framework alone costs',
  start: (context) => launchFloorProcess('nest-floor', NEST_FLOOR_SERVER, context),
};
