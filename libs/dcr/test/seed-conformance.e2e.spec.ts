import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { readSeedProperties, type SeedProperty } from './support/seed-interface.js';

// The response shape is fixed by the seed interface. The compile-time test
// (src/dto/client-registration-response.type-test.ts) compares the TypeScript types; this one
// compares the seed text itself with the OpenAPI schema and with what the API returns.

type Schema = {
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};

/** The OpenAPI schema a seed type must have. */
function expectedSchema(seed: SeedProperty): Partial<Schema> {
  switch (seed.type) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'object': // jwks: { keys: unknown[] }
      return { type: 'object' };
    default:
      throw new Error(`seed type not mapped: ${seed.type}`);
  }
}

function matchesSeedType(value: unknown, seed: SeedProperty): boolean {
  switch (seed.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return (
        typeof value === 'object' &&
        value !== null &&
        Array.isArray((value as { keys?: unknown }).keys)
      );
    default:
      return false;
  }
}

const seed = readSeedProperties();
let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('ClientRegistrationResponse seed conformance', () => {
  it('reads all 21 properties from the seed', () => {
    expect(seed).toHaveLength(21);
    expect(seed.find((p) => p.name === 'redirect_uris')).toEqual({
      name: 'redirect_uris',
      type: 'string[]',
      optional: false,
    });
  });

  it('documents exactly the seed fields, with the same types and optionality, in OpenAPI', () => {
    const document = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
    const schema = document.components?.schemas?.ClientRegistrationResponseDto as Schema;

    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(seed.map((p) => p.name).sort());
    expect([...(schema.required ?? [])].sort()).toEqual(
      seed
        .filter((p) => !p.optional)
        .map((p) => p.name)
        .sort(),
    );
    for (const property of seed) {
      expect({ name: property.name, ...schema.properties?.[property.name] }).toMatchObject({
        name: property.name,
        ...expectedSchema(property),
      });
    }
    expect(schema.properties?.jwks?.properties?.keys?.type).toBe('array');
  });

  it('returns every seed field with the seed type, and no other unqualified field', async () => {
    const { body } = await request(t.server)
      .post('/register')
      .send({
        redirect_uris: ['https://app.example.com/cb'],
        client_name: 'Seed',
        client_uri: 'https://app.example.com',
        logo_uri: 'https://app.example.com/logo.png',
        scope: 'read write',
        contacts: ['ops@example.com'],
        tos_uri: 'https://app.example.com/tos',
        policy_uri: 'https://app.example.com/privacy',
        jwks: { keys: [{ kty: 'RSA', n: 'sXch', e: 'AQAB' }] },
        software_id: 'seed-client',
        software_version: '1.0.0',
        'client_name#fr': 'Graine',
      })
      .expect(201);

    for (const property of seed) {
      if (property.name === 'jwks_uri') continue; // exclusive with jwks, checked below
      expect([property.name, matchesSeedType(body[property.name], property)]).toEqual([
        property.name,
        true,
      ]);
    }
    // Beyond the seed, only language-tagged variants (RFC 7591 §2.2) are echoed.
    const extra = Object.keys(body).filter((key) => !seed.some((p) => p.name === key));
    expect(extra).toEqual(['client_name#fr']);
  });
});
