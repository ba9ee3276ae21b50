import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  configTableBlock,
  findConfigTableBlock,
  renderConfigTable,
} from '../src/config/config-table.js';
import { IDENTITY_ENV } from '../src/config/identity-env.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const REGENERATE =
  '`npm run docs:config` (or `npx nx run identity:build && ' +
  'node apps/identity/dist/config/write-config-table.js README.md`)';

describe("README.md's configuration table", () => {
  it('is the table generated from the declaration of the variables', async () => {
    const readme = await readFile(README, 'utf8');
    const committed = findConfigTableBlock(readme);
    expect({ markersFound: committed !== undefined }).toEqual({ markersFound: true });
    try {
      expect(committed).toBe(configTableBlock(renderConfigTable(IDENTITY_ENV)));
    } catch (error) {
      if (error instanceof Error) {
        error.message = `README.md's configuration table is stale: regenerate it with ${REGENERATE}\n\n${error.message}`;
      }
      throw error;
    }
  });

  it('lists every declared variable once, under "Configuration of apps/identity"', async () => {
    const readme = await readFile(README, 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration of apps/identity'));
    const block = findConfigTableBlock(section) ?? '';
    const listed = [...block.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1]);
    expect(listed).toEqual(Object.keys(IDENTITY_ENV));
  });
});
