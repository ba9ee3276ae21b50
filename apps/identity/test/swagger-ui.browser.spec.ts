import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import {
  freeLoopbackPort,
  startIdentityOnTestSchema,
  type IdentityOnTestSchema,
} from './support/identity-on-test-schema.js';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const STEP_TIMEOUT_MS = 15_000;

let app: IdentityOnTestSchema | undefined;
let baseUrl: string;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  const port = await freeLoopbackPort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = await startIdentityOnTestSchema('swagger_ui', { ISSUER: baseUrl, PORT: String(port) });
  await app.identity.app.listen(port, '127.0.0.1');

  // Playwright gives the browser a fresh temporary profile, removed when it closes.
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = await context.newPage();
  await mkdir(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The registration operation's block in Swagger UI, found by its operationId and its route. */
function registrationOperation(): Locator {
  return page.locator('.opblock[id$="-registerClient"]');
}

/** Clicks "Execute" and returns the status of the request Swagger UI sent to POST /register. */
async function execute(operation: Locator): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) =>
        candidate.request().method() === 'POST' &&
        new URL(candidate.url()).pathname === '/register',
    ),
    operation.getByRole('button', { name: 'Execute' }).click(),
  ]);
  return response.status();
}

/** The response panel ("Server response") as a person sees it: status and body text. */
async function serverResponse(operation: Locator): Promise<{ status: string; body: string }> {
  const row = operation.locator('.live-responses-table .response').first();
  await row.locator('.response-col_status').waitFor();
  return {
    status: (await row.locator('.response-col_status').innerText()).trim(),
    body: await row.locator('.response-col_description').innerText(),
  };
}

/** Screenshot of what was sent (curl) and what came back, under `test-artifacts/`. */
async function screenshot(operation: Locator, name: string): Promise<void> {
  await operation.locator('.curl-command').evaluate((element) => element.scrollIntoView());
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

// The steps share one page, in order, as a person would use it: open, try it out, try again.
describe('Swagger UI at /docs in Chromium', () => {
  it('shows the registration endpoint, POST /register', async () => {
    await page.goto(`${baseUrl}/docs`);
    const operation = registrationOperation();
    await operation.waitFor();
    await expectText(operation.locator('.opblock-summary-method'), 'POST');
    await expectText(operation.locator('.opblock-summary-path'), '/register');
  }, 30_000);

  it('registers the example public client with "Try it out" → 201 and a client_id', async () => {
    const operation = registrationOperation();
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();

    const body = operation.locator('textarea.body-param__text');
    const example = JSON.parse(await body.inputValue());
    expect(example).toMatchObject({ token_endpoint_auth_method: 'none' });

    expect(await execute(operation)).toBe(201);
    const shown = await serverResponse(operation);
    await screenshot(operation, 'swagger-ui-register-201.png');
    expect(shown.status).toBe('201');
    expect(shown.body).toMatch(/"client_id":\s*"[\w-]+"/);
  }, 30_000);

  it('shows 400 invalid_redirect_uri for a redirect URI that is not allowed', async () => {
    const operation = registrationOperation();
    const body = operation.locator('textarea.body-param__text');
    await body.fill('{"redirect_uris":["http://evil.example/cb"]}');

    expect(await execute(operation)).toBe(400);
    await operation
      .locator('.live-responses-table .response-col_status', { hasText: '400' })
      .waitFor();
    const shown = await serverResponse(operation);
    await screenshot(operation, 'swagger-ui-register-400.png');
    expect(shown.status).toBe('400');
    expect(shown.body).toContain('"error": "invalid_redirect_uri"');
  }, 30_000);
});

async function expectText(locator: Locator, text: string): Promise<void> {
  expect((await locator.innerText()).trim()).toBe(text);
}
