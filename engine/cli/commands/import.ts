// `layerlab import FILE --out PROJECT [--json]`: a TensorFlow.js model.json, a Keras model's
// JSON or a .keras file becomes a project (laid out, type-checked) and, where the file has
// weights, a run of it holding them (engine/import/import.ts).
import { useBackend } from '../../backend/index.js';
import { FORMAT_LABELS, ImportError, importModelFile, saveImport } from '../../import/import.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { count } from '../table.js';

const USAGE = `usage: layerlab import FILE --out PROJECT.layerlab.json [--json]

  FILE is recognised by its content:
    a TensorFlow.js layers model   model.json (its weight files are read beside it)
    a Keras model's JSON           model.to_json() of tf.keras 2 or Keras 3 (no weights)
    a Keras 3 .keras file          a zip of config.json and model.weights.h5
  Writes the project (the graph laid out) and, when the file has weights, a run of it that
  holds them, so 'layerlab evaluate', 'export' and 'train --init-from RUN' take the import.
  A layer LayerLab lacks stops the import with an error naming the layer and its class.

  --json   {"project", "format", "nodes", "runId", "weights", "warnings"}`;

export const command: Command = {
  name: 'import',
  summary: 'import a TensorFlow.js or Keras model as a project and a run holding its weights',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(args, { out: { type: 'string' }, json: { type: 'boolean' } }, 1);
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE (a model.json, a Keras JSON or a .keras file)');
    const out = stringOption(values, 'out');
    if (!out) throw new UsageError('missing --out PROJECT.layerlab.json');
    await useBackend('auto');
    let result;
    try {
      result = await importModelFile(file);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      io.err(`layerlab import: ${e.message}`);
      return EXIT.failed;
    }
    try {
      const saved = await saveImport(result, out, file);
      const nodes = result.project.graph.nodes.length;
      if (values.json === true) {
        io.out(JSON.stringify({ project: saved.path, format: result.format, nodes, runId: saved.run?.id ?? null, weights: result.weightValues, warnings: result.warnings }));
      } else {
        io.out(`imported ${FORMAT_LABELS[result.format]} ${file}: ${nodes} nodes → ${saved.path}`);
        io.out(saved.run ? `weights: ${count(result.weightValues)} values, run ${saved.run.id} ('${saved.run.label}')` : 'weights: none in the file; they start fresh when it trains');
        for (const w of result.warnings) io.err(`warning: ${w}`);
      }
      return EXIT.ok;
    } finally {
      result.model?.dispose();
    }
  },
};
