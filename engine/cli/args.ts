// Command-line options for every command line LayerLab has (the CLI, the benchmark, the web
// host): a thin layer over node:util parseArgs that turns its errors into one-line usage
// errors and checks numbers. Pure Node; no Electron.
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface Parsed {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** node:util's parseArgs messages in a line each, as a user needs them. */
function usageMessage(e: Error): string {
  const m = e.message;
  let r: RegExpExecArray | null;
  // "Option '-o, --out <value>' argument missing" / "… argument is ambiguous" (the next word starts with a dash)
  if ((r = /^Option '(?:-\w, )?(-{1,2}[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(m))) return `${r[1]} needs a value`;
  if ((r = /^Unknown option '([^']+)'/.exec(m))) return `unknown option '${r[1]}'`;
  if ((r = /^Option '(?:-\w, )?(-{1,2}[\w-]+)' does not take an argument/.exec(m))) return `${r[1]} takes no value`;
  return m.split('\n')[0]!.replace(/\. To specify a positional argument.*$/s, '');
}

/**
 * The one command-line parser (the CLI's commands, `layerlab bench`, `npm run web`): strict
 * node:util parseArgs, its errors as one-line UsageErrors, at most `maxPositionals`
 * positionals. `--help`/`-h` is added unless `help: false`; `refuseEmpty` refuses an empty
 * value (`--port=`) as a missing one.
 */
export function parseOptions(args: string[], options: OptionSpec, maxPositionals: number, { help = true, refuseEmpty = false }: { help?: boolean; refuseEmpty?: boolean } = {}): Parsed {
  // A value may start with one dash ("--min-seconds -1" is a value to check, not a missing
  // one); parseArgs takes it as an option, so it is joined to its flag first.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    if (a.startsWith('--') && !a.includes('=') && options[a.slice(2)]?.type === 'string' && next !== undefined && /^-(?!-)./.test(next)) {
      joined.push(`${a}=${next}`);
      i++;
    } else joined.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: joined, options: help ? { ...options, help: { type: 'boolean', short: 'h' } } : options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as Error));
  }
  if (parsed.positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals]}'`);
  if (refuseEmpty) for (const [name, v] of Object.entries(parsed.values)) if (v === '') throw new UsageError(`--${name} needs a value`);
  return { positionals: parsed.positionals, values: parsed.values as Parsed['values'] };
}

/** A whole number ≥ min from an option, or undefined when the option is absent. */
export function intOption(values: Parsed['values'], name: string, min = 1): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${String(v)}'`);
  return n;
}

export function stringOption(values: Parsed['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
