import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command accepts: its flags (`--help` is added to every command) and whether it takes positionals. */
export interface Command<O extends Options> {
  /** The name in messages, as a user types it after `npm run`, e.g. `schema:check`. */
  name: string;
  /** What `--help` prints; the first line starts with `usage:`. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: boolean; strict: true }>>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** Prints `<command>: <problem>` and the usage to stderr and exits 2, the exit code of a usage error. */
export function usageError(command: Pick<Command<Options>, 'name' | 'usage'>, problem: string): never {
  process.stderr.write(`${command.name}: ${problem}\n\n${command.usage}`);
  process.exit(2);
}

/**
 * Reads the command line the same way for every command (node:util's parseArgs, strict): `--help` or
 * `-h` prints the usage and exits 0; an unknown flag, a flag without its value or an unexpected argument
 * is a usage error (exit 2).
 */
export function readCommandLine<O extends Options>(command: Command<O>, args: string[] = process.argv.slice(2)): Parsed<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, ...HELP },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    // parseArgs' own messages name the flag ("Unknown option '--x'"); its advice on positionals that start with "-" is noise here.
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    usageError(command, message);
  }
  if (parsed.values.help) {
    process.stdout.write(command.usage);
    process.exit(0);
  }
  return parsed as Parsed<O>;
}

/**
 * A numeric flag's value; anything else (not a number, not whole when `integer`, not above 0 when
 * `positive`, outside `min`–`max`) is a usage error that names the flag.
 */
export function numberOption(
  command: Pick<Command<Options>, 'name' | 'usage'>,
  flag: string,
  value: string,
  rule: { integer?: boolean; positive?: boolean; min?: number; max?: number } = {},
): number {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  const problem = !Number.isFinite(number)
    ? 'not a number'
    : rule.integer && !Number.isInteger(number)
      ? 'not a whole number'
      : rule.positive && number <= 0
        ? 'must be above 0'
        : (rule.min !== undefined && number < rule.min) || (rule.max !== undefined && number > rule.max)
          ? `must be from ${rule.min ?? '-∞'} to ${rule.max ?? '∞'}`
          : undefined;
  if (problem) usageError(command, `--${flag} ${value}: ${problem}`);
  return number;
}

/** Runs a command's `main`: an error it throws is printed as `<command>: <message>` (with `stack`, the stack) and exits 1. */
export function runCommand(name: string, main: () => Promise<void> | void, options: { stack?: boolean } = {}): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      const text = error instanceof Error ? (options.stack ? (error.stack ?? error.message) : error.message) : String(error);
      process.stderr.write(`${name}: ${text}\n`);
      process.exit(1);
    });
}
