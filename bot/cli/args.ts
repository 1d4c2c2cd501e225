/** argv → command, flags and positionals. No dependency: the CLI has few options and must start fast. */
export interface ParsedArgs {
  command: string | null;
  flags: Record<string, string | true>;
  positionals: string[];
}

/** Flags that never take a value (so `--apply roster.txt` is not read as --apply=roster.txt). */
const BOOLEAN_FLAGS = new Set(['apply', 'csv', 'confirm-all-suggestions', 'interactive', 'help', 'json', 'unmarked-present', 'keep-missing']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        flags[a.slice(2, eq)] = a.slice(eq + 1);
        continue;
      }
      const name = a.slice(2);
      const next = argv[i + 1];
      if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('--')) {
        flags[name] = next;
        i++;
      } else flags[name] = true;
    } else if (a === '-h') flags.help = true;
    else positionals.push(a);
  }
  return { command: positionals.shift() ?? null, flags, positionals };
}

export function stringFlag(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}
