// `layerlab <command> …`: dispatches to engine/cli/commands/<name>.ts. Every failure ends
// as one message and an exit code, never a stack trace (LAYERLAB_DEBUG=1 shows it).
import { debugStacks } from '../backend/env.js';
import { UsageError } from './args.js';
import { EXIT, type CliIO, type Command } from './io.js';

export { processIO, type CliIO, type Command } from './io.js';

/** Commands load lazily, so `layerlab check` never pays for what `train` imports. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  check: () => import('./commands/check.js'),
  train: () => import('./commands/train.js'),
  evaluate: () => import('./commands/evaluate.js'),
  export: () => import('./commands/export.js'),
  runs: () => import('./commands/runs.js'),
  search: () => import('./commands/search.js'),
  data: () => import('./commands/data.js'),
  bench: () => import('./commands/bench.js'),
  import: () => import('./commands/import.js'),
  predict: () => import('./commands/predict.js'),
  activations: () => import('./commands/activations.js'),
  adversarial: () => import('./commands/adversarial.js'),
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

async function help(io: CliIO): Promise<void> {
  const lines = ['usage: layerlab <command> [options]', '', 'commands:'];
  for (const name of COMMAND_NAMES) {
    const summary = await COMMANDS[name]!()
      .then((m) => m.command.summary)
      .catch((e: Error) => `(unavailable: ${e.message.split('\n')[0]})`);
    lines.push(`  ${name.padEnd(13)}${summary}`);
  }
  lines.push('', "Run 'layerlab <command> --help' for a command's options.");
  io.out(lines.join('\n'));
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      await help(io);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.out('layerlab 0.1.0');
      return EXIT.ok;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      io.err(`layerlab: unknown command '${name}' (commands: ${COMMAND_NAMES.join(', ')}); see 'layerlab --help'`);
      return EXIT.usage;
    }
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.usage);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`layerlab ${name}: ${e.message}`);
      io.err(`run 'layerlab ${name} --help' for usage`);
      return EXIT.usage;
    }
    const err = e as Error;
    io.err(`layerlab${name ? ` ${name}` : ''}: ${err?.message ?? String(e)}`);
    if (debugStacks()) io.err(String(err?.stack));
    return EXIT.failed;
  }
}
