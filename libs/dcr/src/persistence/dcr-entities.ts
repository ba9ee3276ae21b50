import { DcrClientEntity } from './dcr-client.entity.js';
import { DcrRateLimitEntity } from './dcr-rate-limit.entity.js';

/**
 * Every entity of the module, for the host's data source (`entities: [...DCR_ENTITIES, ...]`): the
 * module's statements are built from their metadata, so the data source must know them all.
 */
export const DCR_ENTITIES = [DcrClientEntity, DcrRateLimitEntity];
