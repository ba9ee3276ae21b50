import { DcrInitialAccessTokenEntity } from '../initial-access/dcr-initial-access-token.entity.js';
import { DcrCimdDocumentEntity } from './dcr-cimd-document.entity.js';
import { DcrClientAssertionJtiEntity } from './dcr-client-assertion-jti.entity.js';
import { DcrClientEntity } from './dcr-client.entity.js';
import { DcrRateLimitEntity } from './dcr-rate-limit.entity.js';

/**
 * Every TypeORM entity of the module, for the host data source's `entities` (the module builds
 * its statements from their metadata, so the data source must know them all; `forFeature` adds
 * them only with `autoLoadEntities`). `DCR_MIGRATIONS` creates their tables.
 */
export const DCR_ENTITIES = [
  DcrClientEntity,
  DcrClientAssertionJtiEntity,
  DcrCimdDocumentEntity,
  DcrRateLimitEntity,
  DcrInitialAccessTokenEntity,
];
