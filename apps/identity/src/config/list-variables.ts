import { z } from 'zod';
import {
  declareVariable,
  unsetWhenEmpty,
  type EnvVariable,
  type VariableOptions,
} from './env-variable.js';

/** Options of a list variable: how the README names its entries. */
export interface WordListOptions extends VariableOptions {
  /** What the README says each entry is, e.g. "host names or `*.domain` patterns". */
  readonly entries: string;
  /** Entries may also be separated by blanks (scopes are written `openid profile`). */
  readonly blankSeparated?: boolean;
}

/**
 * A list of words, separated by commas (and blanks, with `blankSeparated`); empty entries are
 * ignored. Unset or empty: `undefined`, i.e. no list (a rule that is off), not an empty one. The
 * entries themselves are checked where they are used (the module's options), which names the
 * entry that is wrong.
 */
export function wordList(options: WordListOptions): EnvVariable<readonly string[] | undefined> {
  const separator = options.blankSeparated ? /[\s,]+/ : /\s*,\s*/;
  const schema = z
    .string()
    .transform((raw) =>
      raw
        .trim()
        .split(separator)
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.length > 0, 'must list at least one entry')
    .refine(
      (entries) => entries.every((entry) => !/\s/.test(entry)),
      'must not have blanks inside an entry',
    );
  return declareVariable<readonly string[] | undefined>({
    defaultText: 'none (the rule is off)',
    ...options,
    accepts: `${options.blankSeparated ? 'comma- or space-separated' : 'comma-separated'} ${options.entries}`,
    schema: unsetWhenEmpty<readonly string[]>(schema),
  });
}
