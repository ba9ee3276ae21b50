import { readFileSync } from 'node:fs';

/** One property of the seed interface: its name, its type as written, and whether it is optional. */
export interface SeedProperty {
  name: string;
  type: string;
  optional: boolean;
}

/**
 * Reads the properties of `ClientRegistrationResponse` from the committed copy of the seed page
 * (`fixtures/ClientRegistrationResponse.seed.txt`). Each property is a heading line with its name
 * (and `?` when optional),
 * then its signature (`name: type` or `optional name?: type`), then `Defined in: ...`; nested
 * members (the `keys` of `jwks`) have no `Defined in` line.
 */
export function readSeedProperties(): SeedProperty[] {
  const text = readFileSync(
    new URL('../fixtures/ClientRegistrationResponse.seed.txt', import.meta.url),
    'utf8',
  );
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const properties: SeedProperty[] = [];
  lines.forEach((line, index) => {
    const match = /^(optional )?(\w+)(\?)?: (.+)$/.exec(line);
    const isProperty =
      match?.[2] !== undefined &&
      (lines[index - 1] === match[2] || lines[index - 1] === `${match[2]}?`) &&
      lines[index + 1]?.startsWith('Defined in:') === true;
    if (isProperty && match?.[2] && match[4]) {
      properties.push({ name: match[2], type: match[4].trim(), optional: match[3] === '?' });
    }
  });
  return properties;
}
