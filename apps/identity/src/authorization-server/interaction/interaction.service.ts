import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { InteractionResults, UnknownObject } from 'oidc-provider';
import { CimdClientError, DcrClientResolver } from '@agent-runtimes/dcr';
import { INTERACTION_PATH } from '../authorization-server-settings.js';
import {
  consentPage,
  interactionErrorPage,
  signInPage,
  type InteractionForms,
} from '../pages/interaction-pages.js';
import { AuthorizationServer } from '../provider/authorization-server.js';
import { formToken, formTokenKey, formTokenMatches } from './csrf.js';
import type { SignInMethod } from './sign-in-method.js';
import { SUBJECT_RULE, isValidSubject } from './subject.js';

/** Injection token of the {@link InteractionSettings}. */
export const INTERACTION_SETTINGS = Symbol('INTERACTION_SETTINGS');

/** How the app answers the login and consent prompts. */
export interface InteractionSettings {
  readonly signIn: SignInMethod;
  /** `IDENTITY_CONSENT_AUTO_APPROVE` (test only). */
  readonly autoApproveConsent: boolean;
  /** The issuer's path, which the interaction pages are served under. */
  readonly mountPath: string;
}

/** What the controller sends: a redirect (back into the authorization flow) or a page. */
export type InteractionOutcome =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'page'; readonly status: number; readonly html: string };

/** Node's request and response of the current request (oidc-provider reads its cookies). */
export interface RawExchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

type Interaction = Awaited<ReturnType<AuthorizationServer['provider']['interactionDetails']>>;

/**
 * The interaction steps of an authorization request (OIDC Core §3.1.2.3 and §3.1.2.4): signing the
 * person in and asking for consent, then handing the result back to node-oidc-provider, which
 * resumes the request. Every form carries a CSRF token bound to the interaction; the interaction
 * itself is found through oidc-provider's cookie, so a page of another site cannot drive it.
 */
@Injectable()
export class InteractionService {
  constructor(
    private readonly server: AuthorizationServer,
    private readonly clients: DcrClientResolver,
    @Inject(INTERACTION_SETTINGS) private readonly settings: InteractionSettings,
  ) {}

  /** The page of the interaction's prompt, or, with a test switch on, its result at once. */
  async show(uid: string, exchange: RawExchange): Promise<InteractionOutcome> {
    return this.withInteraction(uid, exchange, async (interaction) => {
      if (interaction.prompt.name === 'login') {
        const { signIn } = this.settings;
        if (signIn.kind === 'test') return this.finish(exchange, login(signIn.subject));
        if (signIn.kind === 'unavailable') return this.finish(exchange, denied(signIn.reason));
        return page(200, signInPage(this.forms(uid, 'login')));
      }
      if (interaction.prompt.name === 'consent') {
        if (this.settings.autoApproveConsent) {
          return this.finish(exchange, await this.consent(interaction));
        }
        return this.consentPage(interaction);
      }
      return this.finish(exchange, denied(`unsupported prompt ${interaction.prompt.name}`));
    });
  }

  /** The development sign-in form was submitted. */
  async signIn(
    uid: string,
    exchange: RawExchange,
    form: UnknownObject,
  ): Promise<InteractionOutcome> {
    return this.withForm(uid, exchange, form, async (interaction) => {
      if (interaction.prompt.name !== 'login' || this.settings.signIn.kind !== 'development') {
        return page(400, interactionErrorPage('This sign-in form is not expected here.'));
      }
      const username = typeof form.username === 'string' ? form.username.trim() : '';
      if (!isValidSubject(username)) {
        return page(
          400,
          signInPage(this.forms(uid, 'login'), `The user name must be ${SUBJECT_RULE}.`),
        );
      }
      return this.finish(exchange, login(username));
    });
  }

  /** The consent form was submitted: allowed or denied. */
  async decideConsent(
    uid: string,
    exchange: RawExchange,
    form: UnknownObject,
  ): Promise<InteractionOutcome> {
    return this.withForm(uid, exchange, form, async (interaction) => {
      if (interaction.prompt.name !== 'consent') {
        return page(400, interactionErrorPage('This consent form is not expected here.'));
      }
      if (form.decision !== 'approve') {
        return this.finish(exchange, denied('the person denied the request'));
      }
      return this.finish(exchange, await this.consent(interaction));
    });
  }

  /** The person cancelled: the client gets `access_denied`. */
  async abort(
    uid: string,
    exchange: RawExchange,
    form: UnknownObject,
  ): Promise<InteractionOutcome> {
    return this.withForm(uid, exchange, form, () =>
      this.finish(exchange, denied('the person cancelled the sign-in')),
    );
  }

  /**
   * Records the consent as a grant of the requested scopes and resources (what oidc-provider's
   * prompt found missing), and returns the interaction result that points to it.
   */
  private async consent(interaction: Interaction): Promise<InteractionResults> {
    const { Grant } = this.server.provider;
    const { details } = interaction.prompt;
    const accountId = interaction.session?.accountId;
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new Grant({ accountId, clientId });
    const missingScope = details.missingOIDCScope as string[] | undefined;
    if (missingScope) grant.addOIDCScope(missingScope.join(' '));
    const missingClaims = details.missingOIDCClaims as string[] | undefined;
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    const missingResourceScopes = details.missingResourceScopes as
      Record<string, string[]> | undefined;
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    return { consent: existing ? {} : { grantId } };
  }

  /**
   * The consent page: the client as the resolver knows it now (a registered client, or one
   * described by its Client ID Metadata Document, whose host is shown too: the MCP authorization
   * spec asks to show it for such clients). A document client that became unusable since the
   * authorization request (its document changed or is gone) gets an error page, never a redirect.
   */
  private async consentPage(interaction: Interaction): Promise<InteractionOutcome> {
    const { params } = interaction;
    const clientId = String(params.client_id);
    let client: Awaited<ReturnType<DcrClientResolver['resolve']>>;
    try {
      client = await this.clients.resolve(clientId);
    } catch (error) {
      if (!(error instanceof CimdClientError)) throw error;
      return page(
        400,
        interactionErrorPage(`This application cannot be used: ${error.description}`),
      );
    }
    const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : '';
    const redirect = URL.parse(redirectUri);
    const html = consentPage(this.forms(interaction.uid, 'consent'), {
      clientName: client?.metadata.client_name ?? clientId,
      clientId,
      documentHost: client?.source === 'cimd' ? URL.parse(clientId)?.host : undefined,
      redirectHost:
        redirect === null ? redirectUri : redirect.host || redirect.protocol.slice(0, -1),
      scopes: typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [],
      resources: [params.resource]
        .flat()
        .filter((resource): resource is string => typeof resource === 'string'),
    });
    return page(200, html);
  }

  private async finish(
    exchange: RawExchange,
    result: InteractionResults,
  ): Promise<InteractionOutcome> {
    const location = await this.server.provider.interactionResult(
      exchange.request,
      exchange.response,
      result,
      { mergeWithLastSubmission: false },
    );
    return { kind: 'redirect', location };
  }

  /** Runs `step` on the interaction of the request, if it is the one of the URL. */
  private async withInteraction(
    uid: string,
    exchange: RawExchange,
    step: (interaction: Interaction) => Promise<InteractionOutcome>,
  ): Promise<InteractionOutcome> {
    let interaction: Interaction;
    try {
      interaction = await this.server.provider.interactionDetails(
        exchange.request,
        exchange.response,
      );
    } catch {
      return page(400, interactionErrorPage('This sign-in has expired or was already completed.'));
    }
    if (interaction.uid !== uid) {
      return page(400, interactionErrorPage('This page belongs to another sign-in.'));
    }
    return step(interaction);
  }

  /** {@link withInteraction}, for a form post: its CSRF token must be the interaction's. */
  private withForm(
    uid: string,
    exchange: RawExchange,
    form: UnknownObject,
    step: (interaction: Interaction) => Promise<InteractionOutcome>,
  ): Promise<InteractionOutcome> {
    return this.withInteraction(uid, exchange, (interaction) =>
      formTokenMatches(this.formKey(), uid, form.csrf)
        ? step(interaction)
        : Promise.resolve(page(403, interactionErrorPage('The form has expired; start again.'))),
    );
  }

  private forms(uid: string, step: 'login' | 'consent'): InteractionForms {
    const base = `${this.settings.mountPath}${INTERACTION_PATH}/${encodeURIComponent(uid)}`;
    return {
      action: `${base}/${step}`,
      abort: `${base}/abort`,
      token: formToken(this.formKey(), uid),
    };
  }

  private formKey(): Buffer {
    return formTokenKey(this.server.formKeySource);
  }
}

function login(accountId: string): InteractionResults {
  return { login: { accountId } };
}

function denied(description: string): InteractionResults {
  return { error: 'access_denied', error_description: description };
}

function page(status: number, html: string): InteractionOutcome {
  return { kind: 'page', status, html };
}
