import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadIdentityConfig } from '../config/identity-config.js';
import type { DatabaseTarget } from '../database/typeorm-options.js';
import { IdentityModule } from '../identity.module.js';
import { createOpenApiDocument } from './swagger.js';

/**
 * Never connected to: in preview mode no provider is instantiated, TypeORM's data source included.
 * `.invalid` (RFC 6761 §6.4) makes sure that a change that breaks this would fail loudly.
 */
const NO_DATABASE: DatabaseTarget = { url: 'postgres://openapi-preview.invalid/none', poolSize: 1 };

/**
 * The environment the committed document describes: the defaults, whatever the environment of
 * whoever generates it says, plus an admin token, so that the operator API (mounted only when
 * `ADMIN_TOKEN` is set) is documented too. The placeholder never leaves this process: nothing is
 * served, and the document holds no credential.
 */
export const DOCUMENTED_ENV: Readonly<Record<string, string>> = {
  ADMIN_TOKEN: 'openapi-document-placeholder-admin-token',
};

/**
 * Builds the OpenAPI document of the app configured by {@link DOCUMENTED_ENV}, without a
 * database: Nest's preview mode resolves the module graph and the controllers (so every route and
 * decorator is seen) but instantiates no provider, so nothing connects anywhere. The issuer is the
 * default one, without a path, so the app has no global prefix and the paths are the ones every
 * deployment serves relative to its issuer.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadIdentityConfig(DOCUMENTED_ENV);
  const app = await NestFactory.create<NestFastifyApplication>(
    IdentityModule.forRoot(config, NO_DATABASE),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The text of `openapi.json`: two-space JSON with a final newline, as the generator writes it. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
