import type { LoadDefinition } from '../definitions.js';
import { REGISTRATION_BODY, registerClient } from '../register-clients.js';

/**
 * `POST /register` (RFC 7591 §3.1) with a realistic confidential client, no authentication: what
 * every server under test and every floor answers with 201 and fresh credentials.
 */
export const REGISTER: LoadDefinition = {
  id: 'register',
  description: 'POST /register, a confidential web client (RFC 7591 §3.1), no authentication',
  async prepare(server) {
    await registerClient(server.url);
    return () => ({
      method: 'POST',
      path: '/register',
      headers: { 'content-type': 'application/json' },
      body: REGISTRATION_BODY,
    });
  },
};
