import { escapeHtml, htmlPage } from './html.js';

/** What the consent page shows about a request. */
export interface ConsentView {
  /** The client's registered name, or its id when it has none. */
  readonly clientName: string;
  readonly clientId: string;
  /**
   * For a client identified by its Client ID Metadata Document: the host serving the document,
   * which vouches for the name shown (draft-ietf-oauth-client-id-metadata-document §8.5).
   */
  readonly documentHost?: string | undefined;
  /** Where the answer goes: the host of the redirect URI (its scheme for a private-use one). */
  readonly redirectHost: string;
  readonly scopes: readonly string[];
  readonly resources: readonly string[];
}

/** The URLs and CSRF token of an interaction's forms. */
export interface InteractionForms {
  readonly action: string;
  readonly abort: string;
  readonly token: string;
}

function hidden(token: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;
}

/**
 * The development sign-in page: any user name, no password. Marked as development-only on the
 * page itself; the app never serves it when `NODE_ENV=production`.
 */
export function signInPage(forms: InteractionForms, problem?: string): string {
  return htmlPage(
    'Sign in (development only)',
    `<h1>Sign in</h1>
<p class="warning" role="alert"><strong>Development only.</strong> Anyone can sign in here as any
user name, without a password. Configure a real identity provider before real use.</p>
${problem ? `<p class="error" role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="${escapeHtml(forms.action)}">
${hidden(forms.token)}
<label for="username">User name</label>
<input id="username" name="username" type="text" autocomplete="username" required autofocus
  maxlength="255" pattern="[!-~]+" title="Printable characters without spaces">
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(forms.abort)}">
${hidden(forms.token)}
<button type="submit">Cancel</button>
</form>`,
  );
}

/** The consent page: who asks, where the answer goes, and for what. */
export function consentPage(forms: InteractionForms, view: ConsentView): string {
  const list = (values: readonly string[]) =>
    values.length === 0
      ? '<dd>none</dd>'
      : values.map((value) => `<dd><code>${escapeHtml(value)}</code></dd>`).join('\n');
  const describedBy =
    view.documentHost === undefined
      ? ''
      : `<dt>Described by</dt><dd><strong>${escapeHtml(view.documentHost)}</strong> (its own metadata document)</dd>\n`;
  return htmlPage(
    'Allow access?',
    `<h1>Allow <strong>${escapeHtml(view.clientName)}</strong> access?</h1>
<dl>
<dt>Application</dt><dd>${escapeHtml(view.clientName)} (<code>${escapeHtml(view.clientId)}</code>)</dd>
${describedBy}<dt>Returns you to</dt><dd><strong>${escapeHtml(view.redirectHost)}</strong></dd>
<dt>Access to</dt>
${list(view.resources)}
<dt>Permissions</dt>
${list(view.scopes)}
</dl>
<form method="post" action="${escapeHtml(forms.action)}">
${hidden(forms.token)}
<button type="submit" name="decision" value="approve">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/** A page for an interaction that cannot go on (expired, already finished, forged form). */
export function interactionErrorPage(message: string): string {
  return htmlPage(
    'Sign-in failed',
    `<h1>This sign-in cannot go on</h1>
<p class="error">${escapeHtml(message)}</p>
<p>Return to the application you came from and start again.</p>`,
  );
}
