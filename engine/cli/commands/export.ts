// `layerlab export <project> --format tfjs|keras-py|tfjs-js|project --out PATH [--model DIR]`.
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../../backend/index.js';
import { compile } from '../../compile/compile.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { serializeProject } from '../../project/io.js';
import { toKerasScript } from '../../export/keras.js';
import { exportTfjs, loadTfjsModel } from '../../export/tfjs.js';
import { toTfjsScript } from '../../export/tfjsCode.js';
import { parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { checkOrReport, readProject } from '../project.js';

const FORMATS = ['tfjs', 'keras-py', 'tfjs-js', 'project'] as const;

const USAGE = `usage: layerlab export <project.layerlab.json> --format FORMAT --out PATH [--model DIR]

  --format tfjs      a TensorFlow.js model folder (model.json + weights.bin); the weights
                     come from --model DIR (a trained model) or are freshly initialised
           keras-py  a Python script that rebuilds and trains the network with Keras
           tfjs-js   a JavaScript module that does the same with TensorFlow.js
           project   the project file itself, validated and normalised
  --out PATH         a folder for tfjs, a file otherwise`;

export const command: Command = {
  name: 'export',
  summary: 'export a project as a TensorFlow.js model, a Keras script, JS code or a project file',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(args, { format: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' } }, 1);
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const format = stringOption(values, 'format');
    if (!format || !(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}${format ? `, got '${format}'` : ''}`);
    const out = stringOption(values, 'out');
    if (!out) throw new UsageError('missing --out PATH');

    const project = await readProject(path, io);
    if (!project) return EXIT.failed;
    if (!checkOrReport(project, io, path)) return EXIT.failed;

    switch (format) {
      case 'keras-py':
        await writeFileAtomic(out, toKerasScript(project));
        break;
      case 'tfjs-js':
        await writeFileAtomic(out, toTfjsScript(project));
        break;
      case 'project':
        await writeFileAtomic(out, serializeProject(project));
        break;
      case 'tfjs': {
        await useBackend('auto');
        const modelDir = stringOption(values, 'model');
        const model = modelDir ? await loadTfjsModel(modelDir) : compile(project, { tfl, ...(project.training.seed !== undefined ? { seed: project.training.seed } : {}) }).model;
        try {
          await exportTfjs(model, out, { extraFiles: { 'project.layerlab.json': serializeProject(project) } });
        } finally {
          model.dispose();
        }
        if (!modelDir) io.err('note: the weights are freshly initialised; train with --out DIR, then export with --model DIR for trained ones');
        break;
      }
    }
    io.out(`exported ${format} to ${out}`);
    return EXIT.ok;
  },
};
