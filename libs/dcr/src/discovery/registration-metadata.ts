import { responseTypesFor } from '../metadata/grant-and-response-types.js';
import type { ResolvedDcrOptions } from '../resolved-dcr-options.js';

/**
 * The RFC 8414 §2 authorization server metadata this module is the source of: the registration
 * endpoint and what clients may register there. A host app merges it into its own metadata
 * document (adding `authorization_endpoint`, `token_endpoint`, ...).
 */
export interface RegistrationServerMetadata {
  issuer: string;
  registration_endpoint: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported?: string[];
}

/**
 * Derives the metadata from the same policy that validates registrations, so they cannot disagree:
 * what the server supports, narrowed by the allow-lists of the rule sets every registration
 * passes (the module's rules and, in `open` mode, where every registration is anonymous, the
 * anonymous rules). Response types follow the allowed grant types (RFC 7591 §2.1).
 */
export function buildRegistrationMetadata(options: ResolvedDcrOptions): RegistrationServerMetadata {
  const { policy, registration } = options;
  const sets =
    registration.mode === 'open'
      ? [registration.rules, registration.anonymousRules]
      : [registration.rules];
  const grantTypes = narrowed(
    policy.grantTypes,
    sets.map((set) => set.allowedGrantTypes),
  );
  const scopes = narrowedScopes(
    policy.scopes,
    sets.map((set) => set.allowedScopes),
  );
  return {
    issuer: options.issuer,
    registration_endpoint: options.registrationEndpoint,
    response_types_supported: responseTypesFor(grantTypes).filter((type) =>
      policy.responseTypes.includes(type),
    ),
    grant_types_supported: grantTypes,
    token_endpoint_auth_methods_supported: narrowed(
      policy.tokenEndpointAuthMethods,
      sets.map((set) => set.allowedTokenEndpointAuthMethods),
    ),
    ...(scopes ? { scopes_supported: scopes } : {}),
  };
}

/** The supported values that every configured allow-list allows, in the supported order. */
function narrowed(
  supported: readonly string[],
  allowLists: readonly (readonly string[] | undefined)[],
): string[] {
  return supported.filter((value) =>
    allowLists.every((allowed) => !allowed || allowed.includes(value)),
  );
}

/** Scopes: any scope is supported when neither the server nor a rule set lists them. */
function narrowedScopes(
  supported: readonly string[] | undefined,
  allowLists: readonly (readonly string[] | undefined)[],
): string[] | undefined {
  const lists = allowLists.filter((list) => list !== undefined);
  const base = supported ?? lists[0];
  return base === undefined ? undefined : narrowed(base, lists);
}
