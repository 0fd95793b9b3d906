// The run's model on one example (see ./predict.schema.ts), scaled exactly as in training by
// the same function `layerlab predict` uses.
import { DatasetError } from '../../data/errors.js';
import { predictedClass, predictRaw } from '../../runs/inference.js';
import { mnistify, takesDrawing } from '../mnistify.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute, InspectContext } from './types.js';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

export const predict: InspectCompute<InspectParams<'predict'>, InspectReply<'predict'>> = {
  applies(ctx: InspectContext) {
    if (ctx.model.inputs.length !== 1) return 'the model has more than one input';
    const shape = ctx.model.inputs[0]!.shape.slice(1);
    if (shape.some((d) => d === null)) return 'the model takes inputs of varying length';
    return true;
  },
  compute(ctx, p) {
    const ds = ctx.dataset;
    const shape = ctx.model.inputs[0]!.shape.slice(1) as number[];
    const width = prod(shape);
    let raw: Float32Array;
    if (p.drawing) {
      if (!takesDrawing(ds.inputShape)) throw new DatasetError(`a drawing needs a 28×28 input; this run's is [${ds.inputShape.join(', ')}]`);
      raw = mnistify(p.drawing);
    } else {
      raw = Float32Array.from(p.input!);
    }
    if (raw.length !== width) throw new DatasetError(`the input holds ${raw.length} values; the model takes [${shape.join(', ')}] (${width} values)`);
    // The run's record holds the scaling it trained with; a model not from a run has the
    // dataset's, fitted the same way.
    const pred = predictRaw(ctx.model, ctx.run ?? { dataset: ds }, raw, 1);
    const outputs = Array.from(pred.values);
    const classification = ds.task === 'classification' && !!pred.classes;
    const probabilities = classification ? (pred.width === 1 ? [1 - outputs[0]!, outputs[0]!] : outputs) : undefined;
    return {
      task: ds.task,
      inputShape: ds.inputShape,
      input: Array.from(raw),
      outputs,
      ...(classification ? { classes: pred.classes!, probabilities: probabilities!, predicted: predictedClass(pred, 0) } : {}),
    };
  },
};
