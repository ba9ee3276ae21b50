import type { InitialAccessTokenView, MintedInitialAccessToken } from '@agent-runtimes/dcr';

/** Unix seconds as an ISO 8601 date, for people. */
function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** What `iat create` tells the operator on stderr (the token goes alone to stdout). */
export function describeMinted(minted: MintedInitialAccessToken): string {
  return (
    `Initial access token ${minted.id}${minted.label ? ` ("${minted.label}")` : ''}: ` +
    `${minted.max_uses} use${minted.max_uses === 1 ? '' : 's'}, expires ${isoDate(minted.expires_at)}` +
    `${minted.policy ? `, policy ${JSON.stringify(minted.policy)}` : ''}.\n` +
    'The token is printed once, on stdout; only its digest is stored.\n'
  );
}

/** `iat list` as a table: id, status, uses left, expiry, label. */
export function renderTokenTable(tokens: readonly InitialAccessTokenView[]): string {
  if (tokens.length === 0) return 'No initial access tokens.\n';
  const rows = [
    ['ID', 'STATUS', 'USES LEFT', 'EXPIRES', 'LABEL'],
    ...tokens.map((token) => [
      token.id,
      token.status,
      `${token.remaining_uses}/${token.max_uses}`,
      isoDate(token.expires_at),
      token.label ?? '',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
