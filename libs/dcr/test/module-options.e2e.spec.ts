import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import request from 'supertest';
import {
  DCR_MIGRATIONS,
  DCR_ENTITIES,
  DcrMetadataService,
  DcrModule,
  DcrOptionsError,
} from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

describe('DcrModule.forRoot options', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      path: '/oauth/clients/',
      dcr: {
        issuer: 'https://auth.example.com/tenant-a/',
        clientSecretLifetimeSeconds: 3600,
        grantTypesSupported: ['authorization_code', 'implicit'],
        tokenEndpointAuthMethodsSupported: ['none', 'client_secret_post'],
        scopesSupported: ['read', 'write'],
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves registration at the configured path and builds URIs from the issuer', async () => {
    const { body } = await request(t.server)
      .post('/oauth/clients')
      .send({
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'client_secret_post',
      })
      .expect(201);
    expect(body.registration_client_uri).toBe(
      `https://auth.example.com/tenant-a/oauth/clients/${body.client_id}`,
    );
    await request(t.server).post('/register').send({}).expect(404);
  });

  it('sets client_secret_expires_at from the configured lifetime', async () => {
    const { body } = await request(t.server)
      .post('/oauth/clients')
      .send({
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'client_secret_post',
      })
      .expect(201);
    expect(body.client_secret_expires_at).toBe(body.client_id_issued_at + 3600);
  });

  it('accepts the implicit grant with the token response type when enabled', async () => {
    const { body } = await request(t.server)
      .post('/oauth/clients')
      .send({
        redirect_uris: ['https://a.example/cb'],
        grant_types: ['implicit'],
        token_endpoint_auth_method: 'none',
      })
      .expect(201);
    expect(body.response_types).toEqual(['token']);
  });

  it('refuses auth methods and scopes outside the configured ones', async () => {
    const method = await request(t.server)
      .post('/oauth/clients')
      .send({ redirect_uris: ['https://a.example/cb'] }) // default client_secret_basic
      .expect(400);
    expect(method.body.error_description).toMatch(/client_secret_basic' is not supported/);

    const scope = await request(t.server)
      .post('/oauth/clients')
      .send({
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'none',
        scope: 'read admin',
      })
      .expect(400);
    expect(scope.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(/'admin'/),
    });
  });

  it('advertises exactly what it accepts', () => {
    expect(t.app.get(DcrMetadataService).registrationMetadata()).toEqual({
      issuer: 'https://auth.example.com/tenant-a',
      registration_endpoint: 'https://auth.example.com/tenant-a/oauth/clients',
      response_types_supported: ['code', 'token'],
      grant_types_supported: ['authorization_code', 'implicit'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
      scopes_supported: ['read', 'write'],
    });
  });
});

describe('DcrModule.forRootAsync', () => {
  let schema: TestSchema;
  let app: INestApplication;

  beforeAll(async () => {
    schema = await createTestSchema('dcr_async');
    const ISSUER = Symbol('ISSUER');

    @Module({
      providers: [{ provide: ISSUER, useValue: 'https://async.example' }],
      exports: [ISSUER],
    })
    class SettingsModule {}

    @Module({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          ...schema.connection,
          entities: [...DCR_ENTITIES],
          migrations: DCR_MIGRATIONS,
          migrationsRun: true,
        }),
        DcrModule.forRootAsync({
          imports: [SettingsModule],
          inject: [ISSUER],
          useFactory: (issuer: string) => Promise.resolve({ issuer }),
          path: 'connect/register',
        }),
      ],
    })
    class AsyncAppModule {}

    app = await NestFactory.create<NestFastifyApplication>(AsyncAppModule, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await schema.drop();
  });

  it('takes options from the factory and the path from the static extra', async () => {
    const { body } = await request(app.getHttpServer())
      .post('/connect/register')
      .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'none' })
      .expect(201);
    expect(body.registration_client_uri).toBe(
      `https://async.example/connect/register/${body.client_id}`,
    );
  });
});

describe('invalid module options', () => {
  it('stops start-up with an error naming the option', async () => {
    await expect(
      createDcrTestApp({ dcr: { issuer: 'http://not-loopback.example' } }),
    ).rejects.toThrow(DcrOptionsError);
    await expect(createDcrTestApp({ dcr: { clientSecretLifetimeSeconds: -1 } })).rejects.toThrow(
      /clientSecretLifetimeSeconds/,
    );
  });
});
