// `layerlab export <project> --format tfjs|onnx|pytorch|keras-py|tfjs-js|project --out PATH [--run ID]`.
// A TensorFlow.js export carries a run's trained weights: the run named, or the newest run
// that matches the project; when none matches it stops with an error instead of writing a
// model of another graph.
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { serializeProject } from '../../project/io.js';
import { toKerasScript } from '../../export/keras.js';
import { exportOnnx } from '../../export/onnx/cli.js';
import { loadTfjsModel } from '../../export/tfjs.js';
import { exportTfjsPackage } from '../../export/tfjs-package.js';
import { exportKerasPackage } from '../../export/keras-package.js';
import { fromRun, loadParityDataset, reportParity, scalingNote } from '../../export/parity-cli.js';
import { exportPytorch } from '../../export/pytorch/cli.js';
import { toTfjsScript } from '../../export/tfjsCode.js';
import { loadRunModel } from '../../runs/store.js';
import type { RunDoc } from '../../runs/schema.js';
import type { Project } from '../../project/types.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, readProject } from '../project.js';
import { chooseRun, NoMatchingRunError } from '../runs.js';

const FORMATS = ['tfjs', 'onnx', 'pytorch', 'keras-py', 'tfjs-js', 'project'] as const;
/** The formats that carry weights (and take --model / --untrained). */
const WITH_WEIGHTS = ['tfjs', 'onnx', 'pytorch'];

const USAGE = `usage: layerlab export <project.layerlab.json> --format FORMAT --out PATH
                       [--run ID | --model DIR | --untrained]

  --format tfjs      a TensorFlow.js model folder (model.json + weights.bin) with a run's
                     trained weights, its input scaling as the first layers (raw inputs go
                     in) and the project it trained; then checked: loaded back with
                     tf.loadLayersModel on up to 256 test examples (exit 1 on a mismatch)
           onnx      an .onnx file (opset 17) of the run's graph and weights, with the
                     run's input scaling inside; then checked: run by onnxruntime-node on up
                     to 256 test examples against TensorFlow.js (exit 1 on a mismatch)
           pytorch   a folder: model.py (an nn.Module named after the nodes, with 'predict'
                     and 'train' commands, torchrun-ready), weights.npz, metadata.json; the
                     run's input scaling inside; then checked: 'python3 model.py predict' on
                     up to 256 test examples against TensorFlow.js (where torch imports)
           keras-py  a Python script that rebuilds and trains the network with Keras; with
                     a run (--run, or the newest that matches) also NAME.weights.npz beside
                     it: the run's weights and input scaling, loaded by the script, and
                     'python3 NAME.py predict IN.npy OUT.npy' for raw inputs
           tfjs-js   a JavaScript module that does the same with TensorFlow.js
           project   the project file itself, validated and normalised
  --out PATH         a folder for tfjs and pytorch, a file otherwise
  --run ID           the run to export (see 'layerlab runs'); for tfjs, onnx and pytorch the default is the
                     newest run whose graph and training settings match the project, and an
                     error listing the runs when none does. With --run, the other formats
                     write the graph and settings that run trained.
  --model DIR        tfjs, onnx, pytorch: the weights of a folder written by 'layerlab train --out DIR'
  --untrained        tfjs, onnx, pytorch: freshly initialised weights, no run needed`;

export const command: Command = {
  name: 'export',
  summary: 'export a project as a TensorFlow.js, ONNX or PyTorch model, a Keras script, JS code or a project file',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { format: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' }, run: { type: 'string' }, untrained: { type: 'boolean' } },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const format = stringOption(values, 'format');
    if (!format || !(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}${format ? `, got '${format}'` : ''}`);
    const out = stringOption(values, 'out');
    if (!out) throw new UsageError('missing --out PATH');

    const modelDir = stringOption(values, 'model');
    const runArg = stringOption(values, 'run');
    const untrained = values.untrained === true;
    if ([modelDir !== undefined, runArg !== undefined, untrained].filter(Boolean).length > 1)
      throw new UsageError('--run, --model and --untrained each choose the weights; give one');
    // keras-py takes --untrained too: the script alone, without a run's weights.
    if ((modelDir !== undefined || (untrained && format !== 'keras-py')) && !WITH_WEIGHTS.includes(format))
      throw new UsageError(`--${untrained ? 'untrained' : 'model'} is for --format tfjs, onnx or pytorch (${format} carries no weights)`);

    const loaded = await readProject(path, io);
    if (!loaded) return EXIT.failed;
    if (!checkOrReport(loaded, io, path)) return EXIT.failed;
    // The run whose model (tfjs) or graph (--run with any format) is exported.
    let run: RunDoc | undefined;
    if (runArg !== undefined || (WITH_WEIGHTS.includes(format) && !modelDir && !untrained)) run = await chooseRun(path, loaded, runArg, io);
    const project: Project = run ? run.project : loaded;

    // The weights: the run's, a model folder's, or freshly initialised (--untrained).
    const modelToExport = async (): Promise<tfl.LayersModel> => {
      await useBackend('auto');
      if (run) return loadRunModel(path, run);
      if (modelDir) return loadTfjsModel(modelDir);
      return compile(project, { tfl, ...(project.training.seed !== undefined ? { seed: project.training.seed } : {}) }).model;
    };
    /** One weights export: `write` gets the model (disposed after it) and answers whether
     *  the written files' predictions matched the app's; the --untrained note follows. */
    const withModel = async (write: (model: tfl.LayersModel) => Promise<boolean>): Promise<number> => {
      const model = await modelToExport();
      let ok: boolean;
      try {
        ok = await write(model);
      } finally {
        model.dispose();
      }
      if (untrained) io.err('note: the weights are freshly initialised (--untrained)');
      return ok ? EXIT.ok : EXIT.failed;
    };
    switch (format) {
      case 'onnx':
        return withModel((model) => exportOnnx({ model, project, projectPath: path, out, io, ...(run ? { run } : {}) }));
      case 'pytorch':
        return withModel((model) => exportPytorch({ model, project, projectPath: path, out, io, ...(run ? { run } : {}) }));
      case 'keras-py': {
        if (!run && !untrained) {
          // The newest matching run's weights when there is one; else the script alone.
          run = await chooseRun(path, loaded, undefined, { out: () => undefined, err: () => undefined }).catch((e: Error) => {
            if (!(e instanceof NoMatchingRunError)) throw e;
            return undefined;
          });
        }
        const withRun = run;
        if (!withRun) {
          await writeFileAtomic(out, toKerasScript(project));
          io.out(`exported keras-py to ${out} (no trained run: the script builds fresh weights)`);
          return EXIT.ok;
        }
        return withModel(async (model) => {
          const dataset = await loadParityDataset(withRun.project, path, io);
          const r = await exportKerasPackage({ project: withRun.project, model, file: out, run: withRun, ...(dataset ? { dataset } : {}) });
          io.out(`exported keras-py to ${out} with the run's weights in ${r.files[1]}${fromRun(withRun)}`);
          return reportParity(r.parity, io);
        });
      }
      case 'tfjs-js':
        await writeFileAtomic(out, toTfjsScript(project));
        break;
      case 'project':
        await writeFileAtomic(out, serializeProject(project));
        break;
      case 'tfjs':
        return withModel(async (model) => {
          const dataset = await loadParityDataset(project, path, io);
          const r = await exportTfjsPackage({ model, dir: out, ...(run ? { run } : {}), ...(dataset ? { dataset } : {}), extraFiles: { 'project.layerlab.json': serializeProject(project) } });
          io.out(`exported tfjs to ${out}${fromRun(run)}${scalingNote(r.prep)}`);
          return reportParity(r.parity, io);
        });
    }
    io.out(`exported ${format} to ${out}${run ? ` from run ${run.id}${run.label ? ` '${run.label}'` : ''} (${run.epochs.length} epochs)` : ''}`);
    return EXIT.ok;
  },
};
