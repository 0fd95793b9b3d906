// `layerlab adversarial <project> [--run ID] --epsilon E [--limit N] [--json]`: a run's test
// accuracy on its clean test images and on their FGSM adversarial versions (engine/views/fgsm.ts),
// x + ε·sign(∇ₓJ) clipped to the valid pixel range, ε in the units of the model's input.
import { loadProjectDataset } from '../../data/index.js';
import { accuracyAgainstEpsilon } from '../../views/fgsm.js';
import { adversarialApplies, fgsmOf } from '../../views/inspect/adversarial.js';
import { inspectContext } from '../../views/inspect/index.js';
import { intOption, parseOptions, stringOption, UsageError } from '../args.js';
import { EXIT, type CliIO, type Command } from '../io.js';
import { projectBase } from '../project.js';
import { runModel } from '../runs.js';

const USAGE = `usage: layerlab adversarial <project.layerlab.json> --epsilon E [--run ID] [--limit N]
                            [--backend NAME] [--json]

  Attacks a trained image classifier with the fast gradient sign method (FGSM): each test
  image x becomes x + ε·sign(∇ₓJ(θ, x, y)), clipped to the valid pixel range, and the test
  accuracy is printed for the clean and the adversarial images.

  --epsilon E  the step ε, in the units of the model's input as the dataset scales it
               (MNIST pixels / 255: 0.1 moves every pixel by 25.5 of 255)
  --run ID     the run (see 'layerlab runs'); default: the newest that matches the project
  --limit N    only the first N test images (default: all)
  --json       one object: {"epsilon", "clean": {"accuracy", "samples"},
               "adversarial": {"accuracy", "samples"}}`;

export const command: Command = {
  name: 'adversarial',
  summary: 'test accuracy of an image classifier on FGSM adversarial examples at a given ε',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values } = parseOptions(
      args,
      { epsilon: { type: 'string' }, run: { type: 'string' }, limit: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      1,
    );
    const path = positionals[0];
    if (!path) throw new UsageError('missing <project.layerlab.json>');
    const e = stringOption(values, 'epsilon');
    if (e === undefined) throw new UsageError('missing --epsilon E (e.g. 0.1 for MNIST scaled to [0, 1])');
    const epsilon = Number(e);
    if (e.trim() === '' || !Number.isFinite(epsilon) || epsilon < 0) throw new UsageError(`--epsilon must be a number ≥ 0, got '${e}'`);
    const limit = intOption(values, 'limit');

    const got = await runModel(path, stringOption(values, 'run'), stringOption(values, 'backend'), io);
    if (!got) return EXIT.failed;
    const { run, model } = got;
    try {
      // The run's own settings and data (its loss, its scaling), as evaluate uses them.
      const dataset = await loadProjectDataset(run.project, projectBase(path, undefined));
      const ctx = inspectContext(model, run.project, dataset, run);
      const why = adversarialApplies(ctx);
      if (why !== true) {
        io.err(`layerlab adversarial: run ${run.id}: ${why}`);
        return EXIT.failed;
      }
      const { samples, points } = await accuracyAgainstEpsilon(fgsmOf(ctx), dataset.test, [0, epsilon], limit ?? dataset.test.count);
      const [clean, adv] = points as [(typeof points)[0], (typeof points)[0]];
      if (values.json) {
        io.out(JSON.stringify({ epsilon, clean: { accuracy: clean.accuracy, samples }, adversarial: { accuracy: adv.accuracy, samples } }));
        return EXIT.ok;
      }
      const pct = (a: number) => `${(a * 100).toFixed(2)} %`;
      io.out(`run ${run.id}${run.label ? ` '${run.label}'` : ''}: FGSM at ε = ${epsilon} on ${samples} test images of ${dataset.name}`);
      io.out(`clean accuracy        ${pct(clean.accuracy)}  (${clean.correct}/${samples})`);
      io.out(`adversarial accuracy  ${pct(adv.accuracy)}  (${adv.correct}/${samples})`);
      return EXIT.ok;
    } finally {
      model.dispose();
    }
  },
};
