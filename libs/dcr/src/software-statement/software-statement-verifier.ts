import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { OutboundFetcher } from '../outbound/outbound-fetcher.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { issuerKeys } from './issuer-keys.js';
import { invalidSoftwareStatement } from './software-statement.js';
import { statementVerificationError, unapprovedSoftwareStatement } from './statement-errors.js';
import type { ResolvedTrustedIssuer } from './trusted-issuers.js';

/** A software statement signed by a trusted issuer, with its claims. */
export interface VerifiedSoftwareStatement {
  /** The statement as the client sent it: stored and echoed unmodified (RFC 7591 §3.2.1). */
  readonly statement: string;
  readonly issuer: ResolvedTrustedIssuer;
  readonly claims: JWTPayload;
}

/**
 * Verifies software statements (RFC 7591 §2.3) with jose against the configured trusted issuers:
 * the issuer (`iss`) must be one of them (else `unapproved_software_statement`), and the
 * signature, algorithm, `exp`, `nbf`, `iat` and `aud` must verify with its keys (else
 * `invalid_software_statement`). An issuer whose `jwks_uri` cannot be fetched makes its
 * statements `unapproved_software_statement`, with the reason; never a 500.
 */
@Injectable()
export class SoftwareStatementVerifier {
  private readonly issuers: ReadonlyMap<string, ResolvedTrustedIssuer>;
  private readonly keys = new Map<string, JWTVerifyGetKey>();

  constructor(
    @Inject(DCR_OPTIONS) options: ResolvedDcrOptions,
    private readonly fetcher: OutboundFetcher,
  ) {
    this.issuers = new Map(
      options.softwareStatementIssuers.map((issuer) => [issuer.issuer, issuer]),
    );
  }

  /** Verifies a statement that `readSoftwareStatement` accepted as a signed JWT. */
  async verify(statement: string): Promise<VerifiedSoftwareStatement> {
    if (this.issuers.size === 0) {
      throw unapprovedSoftwareStatement('this server trusts no software statement issuer');
    }
    const issuerName = decodeJwt(statement).iss;
    if (typeof issuerName !== 'string') {
      throw invalidSoftwareStatement('has no "iss" claim naming its issuer (RFC 7591 §2.3)');
    }
    const issuer = this.issuers.get(issuerName);
    if (!issuer) {
      throw unapprovedSoftwareStatement(`issuer "${shown(issuerName)}" is not trusted`);
    }
    try {
      const { payload } = await jwtVerify(statement, this.keysOf(issuer), {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: [...issuer.algorithms],
        clockTolerance: issuer.clockToleranceSeconds,
      });
      return { statement, issuer, claims: payload };
    } catch (error) {
      throw statementVerificationError(error, issuer.issuer);
    }
  }

  // One key resolver per issuer, so that a remote key set is cached across requests.
  private keysOf(issuer: ResolvedTrustedIssuer): JWTVerifyGetKey {
    let keys = this.keys.get(issuer.issuer);
    if (!keys) {
      keys = issuerKeys(issuer, this.fetcher);
      this.keys.set(issuer.issuer, keys);
    }
    return keys;
  }
}

// The issuer is the client's text: shown, but not at any length.
function shown(issuer: string): string {
  return issuer.length > 100 ? `${issuer.slice(0, 100)}...` : issuer;
}
