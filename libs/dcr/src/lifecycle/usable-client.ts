import type { ClientApprovalStatus } from '../persistence/dcr-client.entity.js';

/**
 * Whether a stored registration may act as a client now, at every endpoint that authenticates or
 * resolves clients: one the registration policy holds for an operator's approval may not until it
 * is approved (a pending registration is not yet a client). A deleted client is no longer stored.
 */
export function isUsableClient(client: { readonly approvalStatus: ClientApprovalStatus }): boolean {
  return client.approvalStatus === 'approved';
}
