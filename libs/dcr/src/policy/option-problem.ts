/**
 * A module option that cannot be used, raised by the resolvers of the policy and software
 * statement options; `resolveDcrOptions` turns it into a `DcrOptionsError` naming the option.
 */
export class DcrOptionProblem extends Error {
  override readonly name = 'DcrOptionProblem';

  constructor(
    /** The option's path under the module options, e.g. `registration.rules.allowedScopes`. */
    readonly option: string,
    /** What is wrong with it ("must ..."). */
    readonly problem: string,
  ) {
    super(`${option} ${problem}`);
  }
}
