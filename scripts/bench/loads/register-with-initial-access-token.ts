import type { LoadDefinition } from '../definitions.js';
import { REGISTRATION_BODY } from '../register-clients.js';
import { POLICY_ADMIN_TOKEN } from '../servers/identity-policy.js';

/**
 * `POST /register` (RFC 7591 §3.1) with the bench body and `Authorization: Bearer <initial access
 * token>` (RFC 7591 §3): the token is minted once through the admin API, with as many uses as the
 * API allows, and checked with one registration before measuring.
 */
export const REGISTER_WITH_INITIAL_ACCESS_TOKEN: LoadDefinition = {
  id: 'register-iat',
  description: 'POST /register with an initial access token (RFC 7591 §3), same body',
  async prepare(server) {
    const minted = await fetch(`${server.url}/admin/initial-access-tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${POLICY_ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ expires_in: 86_400, max_uses: 1_000_000, label: 'bench' }),
    });
    const mintedText = await minted.text();
    const { token } = (minted.status === 201 ? JSON.parse(mintedText) : {}) as { token?: unknown };
    if (typeof token !== 'string') {
      throw new Error(`minting an initial access token answered ${minted.status}: ${mintedText}`);
    }
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const check = await fetch(`${server.url}/register`, {
      method: 'POST',
      headers,
      body: REGISTRATION_BODY,
    });
    if (check.status !== 201) {
      throw new Error(
        `POST /register with the token answered ${check.status}: ${await check.text()}`,
      );
    }
    return () => ({ method: 'POST', path: '/register', headers, body: REGISTRATION_BODY });
  },
};
