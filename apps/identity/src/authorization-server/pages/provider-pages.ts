import type { KoaContextWithOIDC } from 'oidc-provider';
import { PAGE_HEADERS, escapeHtml, htmlPage } from './html.js';

function send(ctx: KoaContextWithOIDC, html: string): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) ctx.set(name, value);
  ctx.type = 'html';
  ctx.body = html;
}

/**
 * node-oidc-provider's `renderError`: the page shown when an error cannot be sent back to the
 * client, above all an authorization request whose `redirect_uri` is not registered (RFC 6749
 * §4.1.2.1: the server must not redirect to it). It names the error and nothing else.
 */
export function renderErrorPage(
  ctx: KoaContextWithOIDC,
  out: { error?: string; error_description?: string },
): void {
  const error = out.error ?? 'server_error';
  const description = out.error_description ?? '';
  send(
    ctx,
    htmlPage(
      'Sign-in failed',
      `<h1>This request cannot be completed</h1>
<p class="error"><strong>${escapeHtml(error)}</strong></p>
<p>${escapeHtml(description)}</p>
<p>Return to the application you came from and try again.</p>`,
    ),
  );
}

/**
 * node-oidc-provider's `logoutSource` (RP-Initiated Logout 1.0 §2): asks the person to confirm
 * signing out. `form` is oidc-provider's own form (with its CSRF secret), submitted by the buttons.
 */
export function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): void {
  send(
    ctx,
    htmlPage(
      'Sign out',
      `<h1>Sign out of ${escapeHtml(ctx.host)}?</h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
    ),
  );
}

/** node-oidc-provider's `postLogoutSuccessSource`: signed out, and nowhere to go back to. */
export function renderLoggedOutPage(ctx: KoaContextWithOIDC): void {
  send(ctx, htmlPage('Signed out', '<h1>You are signed out</h1>'));
}
