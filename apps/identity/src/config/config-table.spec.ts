import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  configTableBlock,
  findConfigTableBlock,
  renderConfigTable,
  replaceConfigTable,
} from './config-table.js';
import { IDENTITY_ENV } from './identity-env.js';
import type { EnvDeclaration } from './parse-env.js';
import { flag, integer, oneOf, text } from './scalar-variables.js';

const DECLARATION = {
  WIDTH: integer({ doc: 'How wide.', min: 1, max: 80, default: 40 }),
  MODE: oneOf(['open', 'closed'], { doc: 'Either `open | closed`.', default: 'open' }),
  PASSWORD: text({ doc: 'A credential.', secret: true }),
  TEST_SWITCH: flag({ doc: 'For tests.', default: false, testOnly: true }),
  DERIVED: text({ doc: 'Derived.', defaultText: '`$WIDTH` twice' }),
} satisfies EnvDeclaration;

describe('renderConfigTable', () => {
  const table = renderConfigTable(DECLARATION);
  const rows = table.split('\n');

  it('has a header, then one row per variable in declaration order', () => {
    expect(rows).toHaveLength(2 + Object.keys(DECLARATION).length);
    expect(rows[0]).toMatch(/^\| Variable +\| Default +\| Accepts +\| Meaning +\|$/);
    expect(rows.slice(2).map((row) => /^\| `(\w+)`/.exec(row)?.[1])).toEqual(
      Object.keys(DECLARATION),
    );
  });

  it('shows each default, what is accepted and the documentation', () => {
    const cells = (name: string) =>
      rows
        .find((row) => row.startsWith(`| \`${name}\``))
        ?.slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim());
    expect(cells('WIDTH')).toEqual(['`WIDTH`', '`40`', 'whole number, 1–80', 'How wide.']);
    expect(cells('PASSWORD')?.[1]).toBe('unset');
    expect(cells('DERIVED')?.[1]).toBe('`$WIDTH` twice');
  });

  it('says which variables are secret and which are test-only', () => {
    expect(rows.find((row) => row.includes('`PASSWORD`'))).toContain(
      'A credential. **Secret**: never shown in messages.',
    );
    expect(rows.find((row) => row.includes('`TEST_SWITCH`'))).toContain(
      'For tests. **Test only**: refused when `NODE_ENV=production`.',
    );
    expect(rows.find((row) => row.includes('`WIDTH`'))).not.toMatch(/Secret|Test only/);
  });

  it('escapes the pipes of a cell', () => {
    expect(rows.find((row) => row.includes('`MODE`'))).toContain('Either `open \\| closed`.');
  });

  it('is formatted as Prettier formats it, so that `npm run format` keeps it', async () => {
    // The workspace's Prettier settings (.prettierrc.json), as they apply to the README.
    const options = await resolveConfig(fileURLToPath(import.meta.url));
    for (const declaration of [DECLARATION, IDENTITY_ENV]) {
      const block = `# Configuration\n\n${configTableBlock(renderConfigTable(declaration))}\n`;
      expect(await format(block, { ...options, parser: 'markdown' })).toBe(block);
    }
  });
});

describe('replaceConfigTable', () => {
  const document = [
    '# Title',
    '',
    CONFIG_TABLE_START,
    '',
    '| old | table |',
    '',
    CONFIG_TABLE_END,
    '',
    'After.',
  ].join('\n');

  it('replaces what is between the markers, and nothing else', () => {
    const replaced = replaceConfigTable(document, '| new | table |');
    expect(replaced).toBe(document.replace('| old | table |', '| new | table |'));
    expect(findConfigTableBlock(replaced)).toBe(configTableBlock('| new | table |'));
  });

  it('keeps a $ in the table as it is (no replacement patterns)', () => {
    expect(replaceConfigTable(document, "| $& $' |")).toContain("| $& $' |");
  });

  it('refuses a document without the markers', () => {
    expect(() => replaceConfigTable('# Title\n', '| t |')).toThrow(/config-table:start/);
    expect(findConfigTableBlock(`${CONFIG_TABLE_END}\n${CONFIG_TABLE_START}`)).toBeUndefined();
  });
});
