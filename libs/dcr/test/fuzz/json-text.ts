/**
 * JSON written as text rather than through `JSON.stringify`, so that a body can hold what a
 * JavaScript object cannot: duplicate keys, a `__proto__` own key, `1e309`, `-0`, integers past
 * 2^53 written out in full.
 */
export type JsonText = string;

/** One member of a JSON object: the key (escaped when written) and the value's JSON text. */
export type JsonEntry = readonly [key: string, value: JsonText];

/** `{"k":v,...}`, keeping every entry in order, duplicates included. */
export function objectText(entries: readonly JsonEntry[]): JsonText {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** `[v,...]` */
export function arrayText(items: readonly JsonText[]): JsonText {
  return `[${items.join(',')}]`;
}

/**
 * Stand-ins in update bodies for the id and the current secret of the client being updated, which
 * exist only once the app runs; the update spec replaces the JSON strings `"$client_id$"` and
 * `"$client_secret$"` before sending.
 */
export const CLIENT_ID_PLACEHOLDER = '$client_id$';
export const CLIENT_SECRET_PLACEHOLDER = '$client_secret$';

/** Replaces the placeholders (as JSON strings) in a text body; bytes are sent as they are. */
export function fillPlaceholders(
  body: string | Uint8Array,
  values: { clientId: string; clientSecret: string | undefined },
): string | Uint8Array {
  if (typeof body !== 'string') return body;
  return body
    .replaceAll(JSON.stringify(CLIENT_ID_PLACEHOLDER), JSON.stringify(values.clientId))
    .replaceAll(
      JSON.stringify(CLIENT_SECRET_PLACEHOLDER),
      // Without a current secret the placeholder stays: a secret the client cannot have.
      JSON.stringify(values.clientSecret ?? CLIENT_SECRET_PLACEHOLDER),
    );
}
