// Adversarial examples of a run's classifier (see ./adversarial.schema.ts and ../fgsm.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../data/types.js';
import { DEFAULT_EPSILONS, Fgsm, accuracyAgainstEpsilon, scaledRange } from '../fgsm.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

/** Images whose raw values are bytes (0–255): the range an adversarial image is clipped to. */
function isImageData(ds: Dataset): boolean {
  return ds.sourceDtype === 'ubyte' && ds.inputShape.reduce((a, b) => a * b, 1) > 1;
}

/** Why FGSM has nothing to show for this run, or true. */
export function adversarialApplies(ctx: InspectContext): true | string {
  const ds = ctx.dataset;
  if (ds.task !== 'classification') return `adversarial examples attack a classifier; this run's task is ${ds.task}`;
  if (!isImageData(ds))
    return `FGSM perturbs pixels: it needs images (0–255 pixels, like MNIST or an image folder); this run's examples are ${ds.inputShape.join('×')} ${ds.sourceDtype ?? 'float32'} values`;
  fgsmOf(ctx); // throws, with the reason, when the model's output does not fit the loss
  return true;
}

const made = new WeakMap<InspectContext['model'], Fgsm>();

/** The attack for this run's model, made once per model. */
export function fgsmOf(ctx: InspectContext): Fgsm {
  let f = made.get(ctx.model);
  if (!f) {
    f = new Fgsm(ctx.model, ctx.project.training.loss, ctx.dataset, scaledRange(ctx.dataset));
    made.set(ctx.model, f);
  }
  return f;
}

/** Raw (dataset) units of scaled features; 6 significant digits for the wire. */
function toRaw(ds: Dataset, x: Float32Array): number[] {
  const p = ds.preprocessing;
  return Array.from(x, (v, i) => {
    const k = !p || p.offset.length === 1 ? 0 : i;
    const r = p ? v * (p.divisor[k] ?? 1) + (p.offset[k] ?? 0) : v;
    return Number(r.toPrecision(6));
  });
}

export const adversarial: InspectCompute<InspectParams<'adversarial'>, InspectReply<'adversarial'>> = {
  applies: adversarialApplies,
  async compute(ctx, params) {
    const ds = ctx.dataset;
    const f = fgsmOf(ctx);
    const split = ds.test;
    if ('curve' in params) {
      const { samples, points } = await accuracyAgainstEpsilon(f, split, params.epsilons ?? DEFAULT_EPSILONS, params.limit, 128, params.offset);
      return { kind: 'curve', offset: params.offset, samples, points };
    }
    const i = params.sample;
    if (i >= split.count) throw new Error(`sample ${i} is past the test split's ${split.count} examples`);
    const made = tf.tidy(() => {
      const xt = f.rows(split, [i]);
      const s = f.gradientSign(xt, f.targets(split, [i]));
      const xa = f.perturb(xt, s, params.epsilon);
      const [yc, ya] = [f.apply(xt), f.apply(xa)];
      return [xt, xa, s, f.probabilities(yc), f.probabilities(ya), tf.concat([f.head.predictedClass(yc), f.head.predictedClass(ya)])];
    });
    try {
      const [xv, av, sv, pc, pa, cls] = await Promise.all(made.map((t) => t.data() as Promise<Float32Array>));
      const prediction = (xs: Float32Array, p: Float32Array, predicted: number) => ({ x: toRaw(ds, xs), predicted, confidence: p[predicted]!, probabilities: Array.from(p) });
      const prep = ds.preprocessing;
      const uniform = !prep || prep.divisor.length === 1;
      return {
        kind: 'sample',
        index: i,
        label: split.y[i]!,
        epsilon: params.epsilon,
        ...(uniform ? { epsilonRaw: Number((params.epsilon * (prep?.divisor[0] ?? 1)).toPrecision(6)) } : {}),
        inputShape: ds.inputShape,
        classNames: f.head.classes!.names,
        clean: prediction(xv!, pc!, cls![0]!),
        sign: Array.from(sv!, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0)),
        adversarial: prediction(av!, pa!, cls![1]!),
      };
    } finally {
      tf.dispose(made);
    }
  },
};

