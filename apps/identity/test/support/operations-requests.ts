/** A confidential client, registered by the operations tests over HTTP. */
export const CONFIDENTIAL = {
  client_name: 'Ops',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
};

// Response bodies are whatever JSON the app sent; tests read fields from them freely.
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `fetch` of `url`, with the body parsed as JSON (undefined when empty). */
export async function json(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

/** POST of `body`: sent as is when a string (or nothing), as JSON otherwise. */
export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, {
    method: 'POST',
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
