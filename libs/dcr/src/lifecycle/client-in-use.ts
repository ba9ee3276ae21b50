/**
 * What the host app knows about its clients that this module does not: which ones are still in
 * use although they have not authenticated lately (a live refresh token, a session, a running
 * agent). The reaper never deletes a client the host reports in use.
 *
 * ```ts
 * @Injectable()
 * class LiveRefreshTokens implements DcrClientInUse {
 *   async isInUse(clientIds: readonly string[]) {
 *     const rows = await this.tokens.find({ where: { clientId: In([...clientIds]), revoked: false } });
 *     return new Set(rows.map((row) => row.clientId));
 *   }
 * }
 * ```
 */
export interface DcrClientInUse {
  /**
   * Of `clientIds` (at most the reaper's batch size), the ones to keep. Called while the reaper
   * holds one database connection (its batch's transaction): with a pool of one connection, a
   * hook that queries the same data source would wait for it.
   */
  isInUse(clientIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/**
 * Injection token of the host's {@link DcrClientInUse}. Provide it in a module given to
 * `DcrModule.forRootAsync({ imports: [...] })` (and exported there), or in a global module:
 *
 * ```ts
 * @Module({ providers: [{ provide: DCR_CLIENT_IN_USE, useClass: LiveRefreshTokens }], exports: [DCR_CLIENT_IN_USE] })
 * class ClientUseModule {}
 * ```
 *
 * Without it, no client counts as in use.
 */
export const DCR_CLIENT_IN_USE = Symbol('DCR_CLIENT_IN_USE');
