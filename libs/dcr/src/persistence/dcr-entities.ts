import { DcrInitialAccessTokenEntity } from '../initial-access/dcr-initial-access-token.entity.js';
import { DcrClientEntity } from './dcr-client.entity.js';

/**
 * Every entity of the module, for the host's data source (`entities: [...DCR_ENTITIES, ...]`);
 * `DCR_MIGRATIONS` creates their tables.
 */
export const DCR_ENTITIES = [DcrClientEntity, DcrInitialAccessTokenEntity] as const;
