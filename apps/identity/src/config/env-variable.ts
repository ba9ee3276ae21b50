import { z } from 'zod';

/**
 * One environment variable, declared once: how its raw value is parsed and checked, what the
 * README says about it, and how its value may be shown. The variable's name is its key in the
 * declaration (see `identity-env.ts`).
 */
export interface EnvVariable<T> {
  /**
   * Parses the raw value (`undefined` when the variable is unset) into the typed value, default
   * applied, or fails with an issue whose message says what is wrong ("must be ..."). A message
   * never quotes the value: `parseEnv` appends it where it may be shown.
   */
  readonly schema: z.ZodType<T>;
  /** The README's one line of documentation (Markdown). */
  readonly doc: string;
  /** What the variable accepts, for the README (Markdown): type and constraints. */
  readonly accepts: string;
  /** The default as the README shows it (Markdown); `undefined`: unset by default. */
  readonly defaultText: string | undefined;
  /** Its value is a credential, or may hold one: never echoed, in any message. */
  readonly secret: boolean;
  /** A switch for tests: refused at start-up when `NODE_ENV=production`. */
  readonly testOnly: boolean;
}

/** What every variable's declaration says, whatever its type. */
export interface VariableOptions {
  /** One line of documentation (Markdown) for the README's configuration table. */
  readonly doc: string;
  /** The value is a credential, or may hold one: it is never echoed. */
  readonly secret?: boolean;
  /** A switch for tests only: setting it with `NODE_ENV=production` stops start-up. */
  readonly testOnly?: boolean;
  /**
   * The README's "Default" cell, where the default is not a plain value (e.g. derived from
   * another variable). Otherwise it is written from the default itself.
   */
  readonly defaultText?: string;
}

/**
 * Declares a variable of any type, with a zod schema of one's own: the way to add a kind of value
 * the other builders (`integer`, `flag`, `text`, `oneOf`, the URL builders) do not cover. The
 * schema receives the raw value, `undefined` when the variable is unset; wrap it in
 * {@link unsetWhenEmpty} to read an empty value as unset too and to apply a default.
 */
export function declareVariable<T>(
  options: VariableOptions & { schema: z.ZodType<T>; accepts: string },
): EnvVariable<T> {
  return {
    schema: options.schema,
    doc: options.doc,
    accepts: options.accepts,
    defaultText: options.defaultText,
    secret: options.secret ?? false,
    testOnly: options.testOnly ?? false,
  };
}

/**
 * `schema` for a variable that is optional: an unset or empty variable gives `fallback` (or
 * `undefined` without one), since an empty value in an env file or a compose file means "unset".
 */
export function unsetWhenEmpty<T>(schema: z.ZodType<T>, fallback: T): z.ZodType<T>;
export function unsetWhenEmpty<T>(schema: z.ZodType<T>): z.ZodType<T | undefined>;
export function unsetWhenEmpty<T>(schema: z.ZodType<T>, fallback?: T): z.ZodType<T | undefined> {
  return z
    .preprocess((raw) => (raw === '' ? undefined : raw), schema.optional())
    .transform((value) => (value === undefined ? fallback : value));
}

/** The README's "Default" cell of a plain default value, as a code span. */
export function codeSpan(value: string | number | boolean): string {
  return `\`${String(value)}\``;
}
