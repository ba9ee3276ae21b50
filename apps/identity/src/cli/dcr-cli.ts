import 'reflect-metadata';
import type { DcrAdminService } from '@agent-runtimes/dcr';
import { ConfigError, loadIdentityConfig } from '../config/identity-config.js';
import { USAGE, UsageError, parseCliArguments, type CliCommand } from './cli-arguments.js';
import { describeMinted, renderTokenTable } from './render.js';

/**
 * The operator CLI (`npm run dcr -- …`): initial access tokens and client approval, on the
 * database the app uses, through the module's `DcrAdminService`. Exit codes: 0 done, 1 refused
 * or failed, 2 bad usage.
 */
async function main(args: readonly string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`dcr: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadIdentityConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      process.stderr.write(`dcr: invalid configuration: ${problem.message}\n`);
    }
    return 1;
  }
  // Nest, TypeORM and the module are loaded only now: usage and configuration errors answer at once.
  const [{ openAdminContext }, { OAuthError }] = await Promise.all([
    import('./admin-context.js'),
    import('@agent-runtimes/dcr'),
  ]);
  const context = await openAdminContext(config);
  try {
    await run(command, context.admin);
    return 0;
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    process.stderr.write(`dcr: ${error.description}\n`);
    return 1;
  } finally {
    await context.close();
  }
}

async function run(
  command: Exclude<CliCommand, { command: 'help' }>,
  admin: DcrAdminService,
): Promise<void> {
  switch (command.command) {
    case 'iat create': {
      const minted = await admin.createInitialAccessToken(command.request);
      if (command.json) {
        process.stdout.write(`${JSON.stringify(minted, null, 2)}\n`);
      } else {
        process.stderr.write(describeMinted(minted));
        process.stdout.write(`${minted.token}\n`);
      }
      return;
    }
    case 'iat list': {
      const tokens = await admin.listInitialAccessTokens();
      process.stdout.write(
        command.json ? `${JSON.stringify(tokens, null, 2)}\n` : renderTokenTable(tokens),
      );
      return;
    }
    case 'iat revoke':
      await admin.revokeInitialAccessToken(command.id);
      process.stderr.write(`Initial access token ${command.id} revoked.\n`);
      return;
    case 'client approve':
      await admin.approveClient(command.clientId);
      process.stderr.write(`Client ${command.clientId} approved.\n`);
      return;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dcr: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
