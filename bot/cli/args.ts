/**
 * argv → command, flags and positionals, on Node's own `util.parseArgs` (no dependency; the CLI must start fast).
 * Every flag is declared, so a typo or a flag without its value is a clear error instead of a silent default.
 */
import { parseArgs as parseArgv } from 'node:util';

export interface ParsedArgs {
  command: string | null;
  flags: Record<string, string | true>;
  positionals: string[];
}

const STRING_FLAGS = ['as-attendance-of', 'bodies', 'body', 'file', 'history-date', 'history-kind', 'history-place', 'history-time', 'lang', 'token', 'url', 'user'] as const;
const BOOLEAN_FLAGS = ['apply', 'csv', 'confirm-all-suggestions', 'interactive', 'json', 'unmarked-present', 'keep-missing'] as const;

const options = {
  ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' as const }])),
  ...Object.fromEntries(BOOLEAN_FLAGS.map((name) => [name, { type: 'boolean' as const }])),
  help: { type: 'boolean' as const, short: 'h' },
};

/** A flag the CLI does not know, or a valued flag given without its value. Message in Swedish and English. */
export class ArgsError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgv<{ args: string[]; options: typeof options; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgv({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec((err as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new ArgsError(`${flag} behöver ett värde`, `${flag} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new ArgsError(`Okänd flagga ${flag} (se --help)`, `Unknown option ${flag} (see --help)`);
    throw err;
  }
  const flags: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) if (value !== undefined && value !== false) flags[name] = value as string | true;
  const positionals = [...parsed.positionals];
  return { command: positionals.shift() ?? null, flags, positionals };
}

export function stringFlag(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}
