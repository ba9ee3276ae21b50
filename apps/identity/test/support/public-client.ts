/** A public client (no secret) with a loopback redirect URI. */
export const PUBLIC_CLIENT = {
  client_name: 'Identity e2e',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};
