import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateOpenApiDocument, serializeOpenApiDocument } from './generate-openapi-document.js';

/**
 * Writes the app's OpenAPI document to a file, without a database:
 * `node apps/identity/dist/openapi/write-openapi-document.js openapi.json` (`npm run openapi`).
 */
async function main(args: readonly string[]): Promise<void> {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    process.stderr.write(
      'usage: node apps/identity/dist/openapi/write-openapi-document.js <output.json>\n',
    );
    process.exit(2);
  }
  const output = resolve(args[0]);
  const document = await generateOpenApiDocument();
  await writeFile(output, serializeOpenApiDocument(document));
  const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
  process.stdout.write(`Wrote ${output}: OpenAPI ${document.openapi}, ${operations} operations\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `write-openapi-document: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
