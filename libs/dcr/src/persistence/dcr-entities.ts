import { DcrClientAssertionJtiEntity } from './dcr-client-assertion-jti.entity.js';
import { DcrClientEntity } from './dcr-client.entity.js';

/**
 * Every TypeORM entity of the module, for the host data source's `entities` (the module registers
 * them with `TypeOrmModule.forFeature`, which adds them to the data source only with
 * `autoLoadEntities`). `DCR_MIGRATIONS` creates their tables.
 */
export const DCR_ENTITIES = [DcrClientEntity, DcrClientAssertionJtiEntity];
