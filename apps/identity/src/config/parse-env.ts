import type { EnvVariable } from './env-variable.js';
import { quoteValue } from './echo-value.js';

/** Variables by name, each declared once (see `identity-env.ts`). */
export type EnvDeclaration = Readonly<Record<string, EnvVariable<unknown>>>;

/** The typed values of a declaration's variables, by variable name. */
export type EnvValues<D extends EnvDeclaration> = {
  readonly [Name in keyof D]: D[Name] extends EnvVariable<infer T> ? T : never;
};

/** The environment as the process has it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variable, and the value of it, under which test-only variables are refused. */
export const PRODUCTION = { variable: 'NODE_ENV', value: 'production' } as const;

/** One variable the app cannot start with. */
export interface ConfigProblem {
  readonly variable: string;
  /** One line that starts with the variable's name: `PORT must be ... (got "70000")`. */
  readonly message: string;
}

/**
 * A configuration the app cannot start with: one problem per invalid variable, each on a line of
 * its own that names the variable. No line holds a secret's value or a URL's credentials.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The variable of the first problem. */
  readonly variable: string;

  constructor(readonly problems: readonly [ConfigProblem, ...ConfigProblem[]]) {
    super(problems.map((problem) => problem.message).join('\n'));
    this.variable = problems[0].variable;
  }

  /** The error for a single problem: `variable` and what is wrong with it ("must ..."). */
  static of(variable: string, problem: string): ConfigError {
    return new ConfigError([{ variable, message: `${variable} ${problem}` }]);
  }
}

/**
 * Reads every declared variable from `env` (an empty value counts as unset unless the variable
 * says otherwise), and returns their typed values, defaults applied. Throws a
 * {@link ConfigError} listing every invalid variable, and every test-only variable that is set
 * while `NODE_ENV=production`. Variables that are not declared are not looked at.
 */
export function parseEnv<D extends EnvDeclaration>(declaration: D, env: Env): EnvValues<D> {
  const production = env[PRODUCTION.variable] === PRODUCTION.value;
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, variable] of Object.entries(declaration)) {
    const raw = env[name];
    if (variable.testOnly && production && raw !== undefined && raw !== '') {
      problems.push({
        variable: name,
        message: `${name} is test-only: it must not be set when ${PRODUCTION.variable}=${PRODUCTION.value}`,
      });
      continue;
    }
    const result = variable.schema.safeParse(raw);
    if (result.success) {
      values[name] = result.data;
    } else {
      // One line per variable: the first thing wrong is enough to act on.
      const problem = result.error.issues[0]?.message ?? 'is not valid';
      problems.push({ variable: name, message: `${name} ${problem}${echo(variable, raw)}` });
    }
  }
  const [first, ...rest] = problems;
  if (first) throw new ConfigError([first, ...rest]);
  return values as EnvValues<D>;
}

/** ` (got "…")` for a value that may be shown, else nothing. */
function echo(variable: EnvVariable<unknown>, raw: string | undefined): string {
  if (variable.secret || raw === undefined || raw.trim() === '') return '';
  return ` (got ${quoteValue(raw)})`;
}
