import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { freeLoopbackPort } from './identity-on-test-schema.js';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), never a downloaded build. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium headless; a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: install Debian's package with ` +
        '`apt-get install -y chromium` (.ci/run does it), then run the test again',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A client's redirect URI: a loopback server that keeps the query of every request to it. */
export interface CallbackServer {
  readonly server: Server;
  readonly uri: string;
  readonly received: URLSearchParams[];
  close(): Promise<void>;
}

/** Starts a {@link CallbackServer} at `http://127.0.0.1:<free port>/callback`. */
export async function startCallbackServer(): Promise<CallbackServer> {
  const port = await freeLoopbackPort();
  const received: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    // Only the redirect URI's requests (Chromium also asks for /favicon.ico).
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/callback') received.push(url.searchParams);
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      '<!DOCTYPE html><html lang="en"><title>Signed in</title><h1>Back at the client</h1>',
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    uri: `http://127.0.0.1:${port}/callback`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
