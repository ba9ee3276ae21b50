import { z } from 'zod';
import {
  codeSpan,
  declareVariable,
  unsetWhenEmpty,
  type EnvVariable,
  type VariableOptions,
} from './env-variable.js';

/** Options of a whole-number variable: inclusive bounds, and the default if it has one. */
export interface IntegerOptions extends VariableOptions {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/**
 * A whole number from `min` to `max`, written in decimal digits (surrounding blanks ignored): no
 * sign, fraction, exponent or hexadecimal, so that `1e3` or `0x10` is not silently read as a
 * number the operator did not write.
 */
export function integer(options: IntegerOptions & { default: number }): EnvVariable<number>;
export function integer(options: IntegerOptions): EnvVariable<number | undefined>;
export function integer(options: IntegerOptions): EnvVariable<number | undefined> {
  const problem = `must be a whole number from ${options.min} to ${options.max}`;
  const schema = z
    .string()
    .trim()
    .regex(/^\d+$/, problem)
    .transform(Number)
    .pipe(z.number().min(options.min, problem).max(options.max, problem));
  return declareVariable({
    defaultText: options.default === undefined ? undefined : codeSpan(options.default),
    ...options,
    accepts: `whole number, ${options.min}–${options.max}`,
    schema: unsetWhenEmpty(schema, options.default),
  });
}

/** A switch: `true`/`1` or `false`/`0`, nothing else (a typo must not read as "off"). */
export function flag(options: VariableOptions & { default: boolean }): EnvVariable<boolean> {
  const schema = z
    .string()
    .refine((raw) => ['true', '1', 'false', '0'].includes(raw), 'must be true or false')
    .transform((raw) => raw === 'true' || raw === '1');
  return declareVariable({
    defaultText: codeSpan(options.default),
    ...options,
    accepts: '`true` or `false` (or `1`, `0`)',
    schema: unsetWhenEmpty(schema, options.default),
  });
}

/** Options of a text variable. */
export interface TextOptions extends VariableOptions {
  readonly default?: string;
  /** The fewest characters accepted. */
  readonly minLength?: number;
  /**
   * Drop surrounding blanks and refuse a value that is empty or blank, instead of reading an
   * empty value as unset (for a variable whose empty value is a mistake, e.g. a bind address).
   */
  readonly trimmedNonEmpty?: boolean;
}

/** Free text, optionally with a minimum length. */
export function text(options: TextOptions & { default: string }): EnvVariable<string>;
export function text(options: TextOptions): EnvVariable<string | undefined>;
export function text(options: TextOptions): EnvVariable<string | undefined> {
  const minLength = options.minLength ?? 0;
  const accepts = minLength > 0 ? `text, at least ${minLength} characters` : 'text';
  const common = {
    defaultText: options.default === undefined ? undefined : codeSpan(options.default),
    ...options,
    accepts,
  };
  if (options.trimmedNonEmpty) {
    const schema = z.string().trim().min(Math.max(1, minLength), 'must not be empty');
    // Only an unset variable takes the default: an empty one is refused by the schema.
    return declareVariable({
      ...common,
      accepts: `${accepts}, not empty`,
      schema: schema.optional().transform((value) => value ?? options.default),
    });
  }
  const schema = z.string().min(minLength, `must be at least ${minLength} characters long`);
  return declareVariable({ ...common, schema: unsetWhenEmpty(schema, options.default) });
}

/** One of a fixed list of words. */
export function oneOf<const T extends string>(
  values: readonly T[],
  options: VariableOptions & { default: T },
): EnvVariable<T> {
  const schema = z
    .string()
    .refine((raw) => (values as readonly string[]).includes(raw), {
      message: `must be one of ${values.join(', ')}`,
    })
    .transform((raw) => raw as T);
  return declareVariable({
    defaultText: codeSpan(options.default),
    ...options,
    accepts: values.map((value) => codeSpan(value)).join(', '),
    schema: unsetWhenEmpty(schema, options.default),
  });
}
