import { existsSync } from 'node:fs';
import { createTestSchema, freePort, type TestSchema } from '@agent-runtimes/testing';
import {
  assertBuilt as assertIdentityBuilt,
  killAllApps as killIdentityApps,
  spawnApp as spawnIdentity,
  untilListening,
  type RunningApp,
} from '../../../identity/test/support/identity-process.js';
import { databaseUrlFor } from '../../../identity/test/support/test-database-url.js';
import {
  killAllApps as killMcpServers,
  listeningUrl,
  MAIN as MCP_SERVER_MAIN,
  spawnApp as spawnMcpServer,
  type AppProcess,
} from './built-app.js';

/**
 * Identity's test switches (as in its own tests): every authorization request signs this subject
 * in and is approved, so a client can follow the redirects without a page.
 */
export const SIGNED_IN_SUBJECT = 'alice';

/** One built `apps/example-mcp-server` process, protecting `resource`. */
export interface RunningMcpServer {
  readonly process: AppProcess;
  /** Its resource identifier (RFC 8707), also the URL of its MCP endpoint. */
  readonly resource: string;
}

/** The built identity app on a schema of the test PostgreSQL, and MCP servers that trust it. */
export interface IdentityWithMcpServers {
  readonly identity: RunningApp;
  /** Identity's issuer identifier, the URL it listens on. */
  readonly issuer: string;
  readonly schema: TestSchema;
  /** In the order of `RESOURCES`: the first is identity's default resource. */
  readonly mcpServers: readonly RunningMcpServer[];
  /** Kills every process and drops the schema. */
  close(): Promise<void>;
}

/**
 * Starts `node apps/identity/dist/main.js` (with the test sign-in switches, on a schema of its own
 * of the test PostgreSQL server) and `mcpServerCount` × `node apps/example-mcp-server/dist/main.js`,
 * each on a loopback port of its own, named in identity's `RESOURCES` in that order. Ports are
 * picked before starting because each app must know the others' URLs.
 */
export async function startIdentityWithMcpServers(
  mcpServerCount: number,
  identityEnv: Record<string, string> = {},
): Promise<IdentityWithMcpServers> {
  assertIdentityBuilt();
  if (!existsSync(MCP_SERVER_MAIN)) {
    throw new Error(
      `${MCP_SERVER_MAIN} is missing: build the app first (npx nx run example-mcp-server:build)`,
    );
  }
  const schema = await createTestSchema('mcp_e2e');
  const close = async () => {
    await killMcpServers();
    await killIdentityApps();
    await schema.drop();
  };
  try {
    const identityPort = await freePort();
    const issuer = `http://127.0.0.1:${identityPort}`;
    const resources: string[] = [];
    for (let index = 0; index < mcpServerCount; index++) {
      resources.push(`http://127.0.0.1:${await freePort()}/mcp`);
    }
    const identity = await untilListening(
      spawnIdentity({
        IDENTITY_TEST_LOGIN_SUBJECT: SIGNED_IN_SUBJECT,
        IDENTITY_CONSENT_AUTO_APPROVE: 'true',
        PORT: String(identityPort),
        ISSUER: issuer,
        DATABASE_URL: databaseUrlFor(schema, 'identity-mcp-e2e'),
        RESOURCES: resources.join(','),
        ...identityEnv,
      }),
    );
    const mcpServers = await Promise.all(
      resources.map(async (resource) => {
        const started = spawnMcpServer({
          PORT: new URL(resource).port,
          MCP_RESOURCE: resource,
          IDENTITY_ISSUER: issuer,
        });
        await listeningUrl(started);
        return { process: started, resource };
      }),
    );
    return { identity, issuer, schema, mcpServers, close };
  } catch (error) {
    await close();
    throw error;
  }
}
