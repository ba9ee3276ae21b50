import type { ServerDefinition } from '../definitions.js';
import { PROVIDER_FLOOR_SERVER } from '../paths.js';
import { launchFloorProcess } from './floor.js';

/**
 * The token floor's SELECT behind bare node-oidc-provider (`provider-floor-server.ts`): its token
 * endpoint as it comes, the client read by primary key from the floor's table, the secret's digest
 * compared, one ES256 JWT access token. Its row is information: the library's share of the gap
 * between the identity app's token endpoint and the floor's.
 */
export const PROVIDER_FLOOR: ServerDefinition = {
  id: 'provider-floor',
  label: 'oidc-provider bare',
  role: 'app',
  description:
    'node-oidc-provider as it comes on node:http, its client adapter the floor’s SELECT, the ' +
    'secret’s digest compared, ES256 JWT access tokens: what the library alone costs',
  start: (context) => launchFloorProcess('provider-floor', PROVIDER_FLOOR_SERVER, context),
};
