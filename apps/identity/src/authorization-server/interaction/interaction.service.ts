import { Inject, Injectable, Logger } from '@nestjs/common';
import type { InteractionResults, UnknownObject } from 'oidc-provider';
import { CimdClientError, DcrClientResolver } from '@agent-runtimes/dcr';
import { INTERACTION_PATH } from '../authorization-server-settings.js';
import {
  consentPage,
  interactionErrorPage,
  signInPage,
  type InteractionForms,
} from '../pages/interaction-pages.js';
import { AccountRepository } from '../accounts/account.repository.js';
import { ConsentService } from '../consent/consent.service.js';
import { AuthorizationServer } from '../provider/authorization-server.js';
import { consentViewOf } from './consent-view.js';
import { grantMissing } from './consent-grant.js';
import { formToken, formTokenKey, formTokenMatches } from './csrf.js';
import { INTERACTION_SETTINGS, type InteractionSettings } from './interaction-settings.js';
import { SUBJECT_RULE, isValidSubject } from './subject.js';
import {
  denied,
  expiredPage,
  login,
  page,
  type InteractionOutcome,
  type RawExchange,
} from './interaction-outcome.js';
import { UPSTREAM_SIGN_IN_TTL_SECONDS, UpstreamSignIn, describeError } from './upstream-sign-in.js';
import {
  clearedUpstreamReturnCookie,
  upstreamReturnCookie,
  upstreamReturnUid,
} from './upstream-return-cookie.js';
import type { UpstreamOidcConfig } from '../../config/upstream-oidc-variables.js';

type Interaction = Awaited<ReturnType<AuthorizationServer['provider']['interactionDetails']>>;

/**
 * The interaction steps of an authorization request (OIDC Core §3.1.2.3 and §3.1.2.4): signing the
 * person in and asking for consent, then handing the result back to node-oidc-provider, which
 * resumes the request. Every form carries a CSRF token bound to the interaction; the interaction
 * itself is found through oidc-provider's cookie, so a page of another site cannot drive it.
 */
@Injectable()
export class InteractionService {
  private readonly logger = new Logger('InteractionService');

  constructor(
    private readonly server: AuthorizationServer,
    private readonly clients: DcrClientResolver,
    private readonly upstream: UpstreamSignIn,
    private readonly consents: ConsentService,
    private readonly accounts: AccountRepository,
    @Inject(INTERACTION_SETTINGS) private readonly settings: InteractionSettings,
  ) {}

  /** The page of the interaction's prompt, or, with a test switch on, its result at once. */
  async show(uid: string, exchange: RawExchange): Promise<InteractionOutcome> {
    return this.withInteraction(uid, exchange, async (interaction) => {
      if (interaction.prompt.name === 'login') {
        const { signIn } = this.settings;
        if (signIn.kind === 'test') return this.finish(exchange, login(signIn.subject));
        if (signIn.kind === 'unavailable') return this.finish(exchange, denied(signIn.reason));
        if (signIn.kind === 'upstream') return this.startUpstream(signIn.upstream, uid);
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

  /**
   * The upstream provider sent the person back to the fixed callback URL (OIDC Core §3.1.2.5):
   * the browser goes on to `/interaction/:uid/upstream` with the same query, `uid` from the
   * cookie set when it left, where oidc-provider's interaction cookie applies.
   */
  upstreamReturn(cookieHeader: string | undefined, query: string): InteractionOutcome {
    const uid = upstreamReturnUid(cookieHeader);
    if (uid === undefined || this.settings.signIn.kind !== 'upstream') {
      return page(
        400,
        interactionErrorPage('This sign-in has expired or was not started in this browser.'),
      );
    }
    return {
      kind: 'redirect',
      location: `${this.interactionPath(uid)}/upstream${query}`,
      cookie: clearedUpstreamReturnCookie(this.settings.upstreamCallbackUrl),
    };
  }

  /**
   * The upstream provider's answer for the interaction `uid`: it completes the login, or ends
   * the request with `access_denied` at the client (with `state` and `iss`).
   */
  async upstreamAnswer(
    uid: string,
    exchange: RawExchange,
    query: string,
  ): Promise<InteractionOutcome> {
    return this.withInteraction(uid, exchange, async (interaction) => {
      const { signIn } = this.settings;
      if (signIn.kind !== 'upstream' || interaction.prompt.name !== 'login') {
        return page(400, interactionErrorPage('This sign-in answer is not expected here.'));
      }
      const outcome = await this.upstream.complete(signIn.upstream, uid, query);
      if (!outcome.ok) {
        this.logger.warn(`Upstream sign-in failed: ${outcome.detail}`);
        return this.finish(exchange, denied(outcome.description));
      }
      const { subject } = outcome.identity;
      if (!isValidSubject(subject)) {
        this.logger.warn('Upstream sign-in failed: the upstream sub is not a usable subject');
        return this.finish(exchange, denied(`the upstream subject is not ${SUBJECT_RULE}`));
      }
      await this.accounts.upsert({
        subject,
        email: outcome.identity.email ?? null,
        name: outcome.identity.name ?? null,
        updatedAt: new Date(),
      });
      return this.finish(exchange, login(subject));
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
   * prompt found missing), remembers it for the client and person (across sessions), and returns
   * the interaction result that points to it.
   */
  private async consent(interaction: Interaction): Promise<InteractionResults> {
    const { Grant } = this.server.provider;
    const { details } = interaction.prompt;
    const accountId = interaction.session?.accountId;
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new Grant({ accountId, clientId });
    grantMissing(grant, details);
    const grantId = await grant.save();
    await this.consents.remember(grant);
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
    const html = consentPage(this.forms(interaction.uid, 'consent'), consentViewOf(params, client));
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
    const interaction = await this.details(exchange);
    if (interaction === undefined) return expiredPage();
    if (interaction.uid !== uid) {
      return page(400, interactionErrorPage('This page belongs to another sign-in.'));
    }
    return step(interaction);
  }

  /** The interaction of the browser's interaction cookie, or `undefined` (expired, finished). */
  private async details(exchange: RawExchange): Promise<Interaction | undefined> {
    try {
      return await this.server.provider.interactionDetails(exchange.request, exchange.response);
    } catch {
      return undefined;
    }
  }

  /** Sends the person to the upstream provider; a clear page when it cannot be reached. */
  private async startUpstream(
    upstream: UpstreamOidcConfig,
    uid: string,
  ): Promise<InteractionOutcome> {
    try {
      const location = await this.upstream.authorizationUrl(upstream, uid);
      return {
        kind: 'redirect',
        location: location.href,
        cookie: upstreamReturnCookie(
          uid,
          this.settings.upstreamCallbackUrl,
          UPSTREAM_SIGN_IN_TTL_SECONDS,
        ),
      };
    } catch (error) {
      this.logger.warn(`The upstream provider cannot be reached: ${describeError(error)}`);
      return page(
        503,
        interactionErrorPage('The sign-in provider cannot be reached right now; try again later.'),
      );
    }
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
    const base = this.interactionPath(uid);
    return {
      action: `${base}/${step}`,
      abort: `${base}/abort`,
      token: formToken(this.formKey(), uid),
    };
  }

  private interactionPath(uid: string): string {
    return `${this.settings.mountPath}${INTERACTION_PATH}/${encodeURIComponent(uid)}`;
  }

  private formKey(): Buffer {
    return formTokenKey(this.server.formKeySource);
  }
}
