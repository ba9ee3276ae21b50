import { jsonPointer, type PolicyRefusal } from './policy-refusal.js';

/** Rule names, answered as the `policy` member of their refusals. */
export const MAX_CLIENTS = 'max_clients';
export const MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN = 'max_clients_per_initial_access_token';
export const MAX_CLIENTS_PER_SOFTWARE_ID = 'max_clients_per_software_id';

/** The configured limits on registered clients; each is off when undefined. */
export interface ClientQuotaLimits {
  /** Clients on this server. */
  readonly maxClients?: number;
  /** Clients registered with one initial access token (deleted ones free their place). */
  readonly perInitialAccessToken?: number;
  /** Clients with one `software_id`. */
  readonly perSoftwareId?: number;
}

/**
 * One limit that applies to a registration: which clients count towards it (`scope`), how many
 * may exist, and the rule it comes from. `scope` also keys the lock under which the clients are
 * counted and the new one is inserted.
 */
export interface ClientQuota {
  readonly policy: string;
  readonly scope:
    | { readonly kind: 'all' }
    | { readonly kind: 'initial_access_token'; readonly id: string }
    | { readonly kind: 'software_id'; readonly softwareId: string };
  readonly limit: number;
  /** The request member the quota is about (JSON pointer); `""` for the whole registration. */
  readonly field: string;
}

/**
 * The quotas a registration counts against, in a fixed order (all clients, then the initial access
 * token's, then the software's), which is also the order their locks are taken in, so that two
 * registrations never wait for each other's locks in a cycle.
 */
export function applicableQuotas(
  limits: ClientQuotaLimits,
  initialAccessTokenId: string | undefined,
  softwareId: string | undefined,
): ClientQuota[] {
  const quotas: ClientQuota[] = [];
  if (limits.maxClients !== undefined) {
    quotas.push({
      policy: MAX_CLIENTS,
      scope: { kind: 'all' },
      limit: limits.maxClients,
      field: '',
    });
  }
  if (limits.perInitialAccessToken !== undefined && initialAccessTokenId !== undefined) {
    quotas.push({
      policy: MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN,
      scope: { kind: 'initial_access_token', id: initialAccessTokenId },
      limit: limits.perInitialAccessToken,
      field: '',
    });
  }
  if (limits.perSoftwareId !== undefined && softwareId !== undefined) {
    quotas.push({
      policy: MAX_CLIENTS_PER_SOFTWARE_ID,
      scope: { kind: 'software_id', softwareId },
      limit: limits.perSoftwareId,
      field: jsonPointer('software_id'),
    });
  }
  return quotas;
}

/**
 * Refuses a registration when `existing` clients already fill the quota. 403 `access_denied`: no
 * change of the metadata makes room (a different `software_id` would only dodge the rule).
 */
export function checkQuota(quota: ClientQuota, existing: number): PolicyRefusal | undefined {
  if (existing < quota.limit) return undefined;
  const whose =
    quota.scope.kind === 'all'
      ? 'this server'
      : quota.scope.kind === 'initial_access_token'
        ? 'this initial access token'
        : 'this software_id';
  return {
    error: 'access_denied',
    policy: quota.policy,
    field: quota.field,
    reason: `${whose} has reached its limit of ${quota.limit} registered clients`,
  };
}
