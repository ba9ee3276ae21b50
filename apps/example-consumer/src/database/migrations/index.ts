import { ConsumerCreateAuditEntry1795651200000 } from './1795651200000-consumer-create-audit-entry.js';

/** The app's own migrations, in order; they run with the module's `DCR_MIGRATIONS`. */
export const CONSUMER_MIGRATIONS = [ConsumerCreateAuditEntry1795651200000];
