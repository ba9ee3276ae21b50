import type { SignInMethod } from './sign-in-method.js';

/** Injection token of the {@link InteractionSettings}. */
export const INTERACTION_SETTINGS = Symbol('INTERACTION_SETTINGS');

/** How the app answers the login and consent prompts. */
export interface InteractionSettings {
  readonly signIn: SignInMethod;
  /** `IDENTITY_CONSENT_AUTO_APPROVE` (test only). */
  readonly autoApproveConsent: boolean;
  /** The issuer's path, which the interaction pages are served under. */
  readonly mountPath: string;
  /**
   * `$ISSUER/interaction/callback/upstream`: where the upstream provider sends the person back,
   * the redirect URI to register there.
   */
  readonly upstreamCallbackUrl: string;
}
