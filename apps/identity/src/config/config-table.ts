import type { EnvDeclaration } from './parse-env.js';

/** The line that opens the generated table in the README (a Markdown comment). */
export const CONFIG_TABLE_START =
  '<!-- config-table:start: generated from apps/identity/src/config/identity-env.ts by `npm run docs:config`; edit the declaration, not this table -->';
/** The line that closes it. */
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

const HEADER = ['Variable', 'Default', 'Accepts', 'Meaning'] as const;

/**
 * The README's configuration table of `declaration`: one row per variable, in declaration order,
 * as Prettier formats a Markdown table (columns padded to their widest cell), so that formatting
 * the README leaves it as generated.
 */
export function renderConfigTable(declaration: EnvDeclaration): string {
  const rows = Object.entries(declaration).map(([name, variable]) => [
    `\`${name}\``,
    variable.defaultText ?? 'unset',
    variable.accepts,
    [
      variable.doc,
      variable.secret ? '**Secret**: never shown in messages.' : '',
      variable.testOnly ? '**Test only**: refused when `NODE_ENV=production`.' : '',
    ]
      .filter((part) => part !== '')
      .join(' '),
  ]);
  const table = [[...HEADER], ...rows].map((row) => row.map(escapeCell));
  const widths = HEADER.map((_, column) =>
    Math.max(3, ...table.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join(' | ')} |`;
  const [header, ...body] = table;
  return [
    line(header ?? []),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map((row) => line(row)),
  ].join('\n');
}

/**
 * The block between the markers: the start line, the table, the end line, with the blank lines
 * Markdown needs around a table.
 */
export function configTableBlock(table: string): string {
  return `${CONFIG_TABLE_START}\n\n${table}\n\n${CONFIG_TABLE_END}`;
}

/** The generated block of `document` (markers included), or `undefined` when it has none. */
export function findConfigTableBlock(document: string): string | undefined {
  const start = document.indexOf(CONFIG_TABLE_START);
  const end = document.indexOf(CONFIG_TABLE_END, start);
  if (start < 0 || end < 0) return undefined;
  return document.slice(start, end + CONFIG_TABLE_END.length);
}

/** `document` with its generated block replaced by one holding `table`. */
export function replaceConfigTable(document: string, table: string): string {
  const block = findConfigTableBlock(document);
  if (block === undefined) {
    throw new Error(`no "${CONFIG_TABLE_START}" ... "${CONFIG_TABLE_END}" block in the document`);
  }
  return document.replace(block, () => configTableBlock(table));
}

/** A cell's text with the characters that would end it escaped (GFM tables: `|`, line breaks). */
function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Columns a cell takes, as Prettier counts them for plain text (one per code point). */
function displayWidth(cell: string): number {
  return [...cell].length;
}

function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));
}
