import {
  DEFAULT_CIMD_MAX_CACHE_SECONDS,
  DEFAULT_CIMD_MIN_CACHE_SECONDS,
} from '@agent-runtimes/dcr';
import { wordList } from './list-variables.js';
import type { EnvDeclaration } from './parse-env.js';
import { flag, integer, oneOf } from './scalar-variables.js';

/** The longest a Client ID Metadata Document may be kept: a week (the `cimd` option's bound). */
const MAX_CACHE_SECONDS = 7 * 86_400;

/** The Client ID Metadata Document variables of `IDENTITY_ENV` (issue 11). */
export const CIMD_ENV = {
  CIMD: oneOf(['on', 'off'], {
    doc:
      'Clients may use the URL of their Client ID Metadata Document as `client_id` ' +
      '(draft-ietf-oauth-client-id-metadata-document), advertised as ' +
      '`client_id_metadata_document_supported`.',
    default: 'on',
  }),
  CIMD_ALLOW_LOOPBACK_HTTP: flag({
    doc:
      "Fetch Client ID Metadata Documents and every other document fetched on a client's behalf " +
      "(software statement issuers' and clients' `jwks_uri`) over plain `http` from loopback " +
      'hosts, so that tests can serve fixtures; also lets `UPSTREAM_OIDC_ISSUER` be a loopback ' +
      '`http` provider.',
    default: false,
    testOnly: true,
  }),
  CIMD_ALLOWED_HOSTS: wordList({
    doc:
      'Hosts whose Client ID Metadata Documents may be used (draft §8.9): `client.example`, ' +
      '`*.example.com` (the hosts under it) or an IP address. Unset: any host.',
    entries: 'host names, `*.domain` patterns or IP addresses',
    defaultText: 'none (any host)',
  }),
  CIMD_DENIED_HOSTS: wordList({
    doc:
      'Hosts whose Client ID Metadata Documents are never used, in the same forms; a denial wins ' +
      'over `CIMD_ALLOWED_HOSTS`.',
    entries: 'host names, `*.domain` patterns or IP addresses',
    defaultText: 'none',
  }),
  CIMD_MIN_CACHE_SECONDS: integer({
    doc:
      'Shortest time a fetched Client ID Metadata Document is kept, whatever its `Cache-Control` ' +
      'or `Expires` say (`no-store` and `no-cache` documents are never kept).',
    min: 0,
    max: MAX_CACHE_SECONDS,
    default: DEFAULT_CIMD_MIN_CACHE_SECONDS,
  }),
  CIMD_MAX_CACHE_SECONDS: integer({
    doc: 'Longest time a fetched Client ID Metadata Document is kept; at least `CIMD_MIN_CACHE_SECONDS`.',
    min: 0,
    max: MAX_CACHE_SECONDS,
    default: DEFAULT_CIMD_MAX_CACHE_SECONDS,
  }),
} satisfies EnvDeclaration;
