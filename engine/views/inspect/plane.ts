// A finished run's boundary and neuron maps, or its fitted curve and cost surface (see
// ./plane.schema.ts): the probes the live views use while training, on the trained model.
import { planeProbe } from '../boundary.js';
import { costAt, costSurface, lossSupported, twoParams } from '../costSurface.js';
import { isCurveDataset, isPlaneDataset } from '../plane.js';
import { curveProbe } from '../regression.js';
import { toWire } from '../wire.js';
import type { InspectParams, InspectReply } from './schemas.js';
import type { InspectCompute } from './types.js';

export const plane: InspectCompute<InspectParams<'plane'>, InspectReply<'plane'>> = {
  applies({ model, dataset }) {
    if (!isPlaneDataset(dataset) && !isCurveDataset(dataset)) return 'the input is neither 2 features (a plane) nor 1 feature of a regression (a line)';
    if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model has more than one input or output';
    if (model.outputs[0]!.shape.length !== 2) return 'the output is not one value (or one per class) per example';
    return true;
  },
  compute({ model, dataset: ds, project, nodeIdOf }, p) {
    if (isPlaneDataset(ds)) {
      const probe = planeProbe(model, ds, project, nodeIdOf, p.res);
      if (!probe) throw new Error('the output does not have one value per class (or one value) per example');
      try {
        return toWire(probe.snapshot());
      } finally {
        probe.dispose();
      }
    }
    const probe = curveProbe(model, ds);
    try {
      const curve = probe.snapshot();
      const params = twoParams(model);
      const loss = project.training.loss;
      if (!params || !lossSupported(loss) || ds.train.x.length !== ds.train.count) return toWire(curve);
      // Where training ended on the surface: a path of one point.
      const [a, b] = params.read();
      const end: [number, number, number] = [a, b, costAt(ds.train.x, ds.train.y, a, b, params.activation, loss)];
      const surface = costSurface(ds.train.x, ds.train.y, { activation: params.activation, loss, around: [[a, b]] });
      return toWire({ ...curve, cost: { ...surface, path: [end], loss, activation: params.activation } });
    } finally {
      probe.dispose();
    }
  },
};
