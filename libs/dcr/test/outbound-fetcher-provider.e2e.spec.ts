import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '@nestjs/common';
import { OutboundFetcher } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { fetchFailure, startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';

// A host's own provider, injected with the module's fetcher.
@Controller()
class HostController {
  constructor(readonly fetcher: OutboundFetcher) {}
}

describe('DcrModule provides the OutboundFetcher configured by its outbound option', () => {
  let t: DcrTestApp;
  let fixture: FixtureServer;

  beforeAll(async () => {
    fixture = await startHttpFixture((request, response) => {
      if (request.url === '/stall') return;
      response.end('{"keys":[]}');
    });
    t = await createDcrTestApp({
      dcr: { outbound: { allowLoopbackHttp: true, timeoutMs: 400 } },
      hostControllers: [HostController],
    });
  });

  afterAll(async () => {
    await t?.close();
    await fixture?.close();
  });

  it('is one instance, exported to the host app', () => {
    const fetcher = t.app.get(OutboundFetcher);
    expect(fetcher).toBeInstanceOf(OutboundFetcher);
    expect(t.app.get(HostController).fetcher).toBe(fetcher);
  });

  it('applies the options: the loopback switch and the total timeout', async () => {
    const fetcher = t.app.get(OutboundFetcher);
    const result = await fetcher.fetchJson(`http://127.0.0.1:${fixture.port}/jwks`);
    expect(result.body).toEqual({ keys: [] });
    const error = await fetchFailure(fetcher.fetchJson(`http://127.0.0.1:${fixture.port}/stall`));
    expect(error.message).toBe(`127.0.0.1:${fixture.port}: no complete response within 400 ms`);
  });
});
