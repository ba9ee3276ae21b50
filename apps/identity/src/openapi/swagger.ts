import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DCR_ADMIN_API_TAG, DCR_API_TAG, addDcrSecuritySchemes } from '@agent-runtimes/dcr';

/** Builds the OpenAPI document of the app from its controllers' decorators. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = addDcrSecuritySchemes(new DocumentBuilder())
    .setTitle('Identity: OAuth 2.0 Dynamic Client Registration')
    .setDescription(
      'Registers OAuth 2.0 clients (RFC 7591) and advertises the registration endpoint in the ' +
        'authorization server metadata (RFC 8414). Every error is a JSON body ' +
        '`{"error": ..., "error_description": ...}`.',
    )
    .setVersion('0.1.0')
    .addTag(DCR_API_TAG, 'RFC 7591 registration and RFC 7592 client configuration')
    .addTag(DCR_ADMIN_API_TAG, 'Operator actions (enabled by ADMIN_TOKEN)')
    .addTag('Discovery', 'RFC 8414 authorization server metadata')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves Swagger UI at `/docs` and the document at `/docs-json`, under the app's prefix if any. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    useGlobalPrefix: true,
  });
}
