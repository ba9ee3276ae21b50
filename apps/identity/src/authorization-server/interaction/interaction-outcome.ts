import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionResults } from 'oidc-provider';
import { interactionErrorPage } from '../pages/interaction-pages.js';

/** What the controller sends: a redirect (back into the authorization flow) or a page. */
export type InteractionOutcome =
  | {
      readonly kind: 'redirect';
      readonly location: string;
      /** A `Set-Cookie` value to send with it. */
      readonly cookie?: string;
    }
  | { readonly kind: 'page'; readonly status: number; readonly html: string };

/** Node's request and response of the current request (oidc-provider reads its cookies). */
export interface RawExchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/** The result that signs `accountId` in. */
export function login(accountId: string): InteractionResults {
  return { login: { accountId } };
}

/** The result that ends the request with `access_denied` at the client (RFC 6749 §4.1.2.1). */
export function denied(description: string): InteractionResults {
  return { error: 'access_denied', error_description: description };
}

/** The page of an interaction that is gone. */
export function expiredPage(): InteractionOutcome {
  return page(400, interactionErrorPage('This sign-in has expired or was already completed.'));
}

/** A page with its status. */
export function page(status: number, html: string): InteractionOutcome {
  return { kind: 'page', status, html };
}
