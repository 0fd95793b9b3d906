// Runs `bench` without the CLI dispatcher: npx tsx engine/bench/main.ts [options].
import { command } from '../cli/commands/bench.js';

process.exitCode = await command.run(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
