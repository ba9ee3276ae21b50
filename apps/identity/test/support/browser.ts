/**
 * A minimal browser for authorization flows in tests: `fetch` with `redirect: 'manual'`, a cookie
 * jar (by name: the tests talk to one server), and redirects followed until they leave the server
 * (the client's redirect URI) or a page is shown.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  /** The `Cookie` header to send. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One request, cookies sent and stored, no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects from `url` while they stay on `serverOrigin`. Returns the first redirect
   * that leaves it (the client's redirect URI, with the authorization response), or the page the
   * server answered with instead.
   */
  async follow(url: string, serverOrigin: string, init: RequestInit = {}): Promise<FlowEnd> {
    let current = url;
    let next: RequestInit = init;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current, next);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const target = new URL(location, current);
        await response.body?.cancel();
        if (target.origin !== serverOrigin) return { kind: 'redirect', url: target, response };
        current = target.href;
        next = {};
        continue;
      }
      return { kind: 'page', response, body: await response.text(), url: current };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }
}

/** Where a followed flow ended. */
export type FlowEnd =
  | { kind: 'redirect'; url: URL; response: Response }
  | { kind: 'page'; response: Response; body: string; url: string };

/** The redirect a flow must end with, or a test failure describing the page instead. */
export function expectRedirect(end: FlowEnd): URL {
  if (end.kind !== 'redirect') {
    throw new Error(
      `expected a redirect to the client, got ${end.response.status} at ${end.url}: ${pageText(end.body)}`,
    );
  }
  return end.url;
}

/** The visible text of a page's main content, for failure messages. */
export function pageText(html: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}
