import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderConfigTable, replaceConfigTable } from './config-table.js';
import { IDENTITY_ENV } from './identity-env.js';

/**
 * Rewrites the configuration table of a Markdown file (between its `config-table` markers) from
 * the app's declaration of its variables:
 * `node apps/identity/dist/config/write-config-table.js README.md` (`npm run docs:config`).
 */
async function main(args: readonly string[]): Promise<void> {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    process.stderr.write(
      'usage: node apps/identity/dist/config/write-config-table.js <README.md>\n',
    );
    process.exit(2);
  }
  const file = resolve(args[0]);
  const before = await readFile(file, 'utf8');
  const after = replaceConfigTable(before, renderConfigTable(IDENTITY_ENV));
  if (after !== before) await writeFile(file, after);
  const variables = Object.keys(IDENTITY_ENV).length;
  process.stdout.write(
    `${after === before ? 'Unchanged' : 'Wrote'} ${file}: ${variables} variables\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `write-config-table: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
