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

/**
 * The same bare Nest controller on `@nestjs/platform-express`, set up as the Express host app
 * (`express-app.ts`) is: the Express rows' share of the gap that is the framework's alone.
 */
export const NEST_FLOOR_EXPRESS: ServerDefinition = {
  id: 'nest-floor-express',
  label: 'Nest bare Express',
  role: 'app',
  description:
    'the same bare Nest controller on Express (JSON body parser, 64 KiB limit): what Nest on ' +
    'Express alone costs',
  start: (context) =>
    launchFloorProcess('nest-floor-express', NEST_FLOOR_SERVER, context, {
      NEST_FLOOR_ADAPTER: 'express',
    }),
};
