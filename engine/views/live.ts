// Views of a model while it trains: a snapshot of its decision boundary and neuron maps (a
// plane dataset) or its curve and cost surface (a 1-feature regression) every so often. The
// rate follows what a snapshot costs: at most one per `minIntervalMs`, and never more than
// `maxShare` of the time spent training between two of them, so watching slows training by
// about that share at most. A paused job's every step is drawn (`force`).
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Dataset } from '../data/types.js';
import type { Project } from '../project/types.js';
import { planeProbe, type PlaneProbe, type PlaneSnapshot } from './boundary.js';
import { costAt, costSurface, lossSupported, twoParams, type CostSurface, type TwoParams } from './costSurface.js';
import { isCurveDataset, isPlaneDataset } from './plane.js';
import { curveProbe, type CurveProbe, type CurveSnapshot } from './regression.js';

export interface CostSnapshot extends CostSurface {
  /** (θ₀, θ₁, J) before the first batch and after each batch since (thinned to at most 1,500, the last always kept). */
  path: [number, number, number][];
  loss: string;
  activation: string;
}

export type ViewSnapshot = PlaneSnapshot | (CurveSnapshot & { cost?: CostSnapshot });

export interface ViewInfo {
  step: number;
  epoch: number;
  batch: number;
}

export interface LiveViewsOptions {
  project: Project;
  dataset: Dataset;
  /** tfjs layer name → node id (compile's nodeIdOf). */
  nodeIdOf: Map<string, string>;
  emit(snapshot: ViewSnapshot, info: ViewInfo): void;
  minIntervalMs?: number;
  maxShare?: number;
  now?: () => number;
}

export interface LiveViews {
  begin(model: tfl.LayersModel): Promise<void>;
  afterBatch(model: tfl.LayersModel, info: ViewInfo, force?: boolean): Promise<void>;
  /** The last state, always drawn (the run's end). */
  end(model: tfl.LayersModel, info: ViewInfo): Promise<void>;
  dispose(): void;
}

/** Whether a project's dataset has a live view here (a plane or a 1-feature regression). */
export function hasLiveViews(dataset: Dataset): boolean {
  return isPlaneDataset(dataset) || isCurveDataset(dataset);
}

const MAX_PATH = 1500;

export function liveViews(opts: LiveViewsOptions): LiveViews {
  const now = opts.now ?? (() => performance.now());
  const minInterval = opts.minIntervalMs ?? 100;
  const maxShare = opts.maxShare ?? 0.05;
  const ds = opts.dataset;
  let plane: PlaneProbe | null = null;
  let curve: CurveProbe | null = null;
  let params: TwoParams | null = null;
  let surface: CostSurface | null = null;
  const path: [number, number, number][] = [];
  const trainX = ds.train.x;
  const trainY = ds.train.y;
  const loss = opts.project.training.loss;
  let last = -Infinity;
  let lastCost = 0;
  /** The last few snapshots' costs: the rate follows their least, so one slow snapshot (a
   *  garbage collection, a busy machine) does not hold the views back for 20 times its cost. */
  const costs: number[] = [];
  let ready = false;

  // Read back without blocking: a backend may have no synchronous read (webgpu in Node).
  const record = async () => {
    if (!params) return;
    const [a, b] = await params.readAsync();
    path.push([a, b, costAt(trainX, trainY, a, b, params.activation, loss)]);
    if (path.length > MAX_PATH) {
      const keep = path.filter((_, i) => i % 2 === 0 || i === path.length - 1);
      path.length = 0;
      path.push(...keep);
    }
  };
  const inside = (s: CostSurface, p: [number, number, number]) => p[0] >= s.theta0[0] && p[0] <= s.theta0[1] && p[1] >= s.theta1[0] && p[1] <= s.theta1[1];
  const shoot = async (info: ViewInfo) => {
    const t0 = now();
    let snap: ViewSnapshot | null = null;
    if (plane) snap = await plane.snapshotAsync();
    else if (curve) {
      const c = await curve.snapshotAsync();
      if (params && path.length) {
        const p = path.at(-1)!;
        // Redrawn when the path leaves the window (a learning rate that diverges widens it).
        if (!surface || !inside(surface, p) || !inside(surface, path[0]!)) surface = costSurface(trainX, trainY, { activation: params.activation, loss, around: [path[0]!, p].map(([a, b]) => [a, b] as [number, number]) });
        snap = { ...c, cost: { ...surface, path: path.slice(), loss, activation: params.activation } };
      } else snap = c;
    }
    if (!snap) return;
    opts.emit(snap, info);
    const t1 = now();
    last = t1;
    costs.push(t1 - t0);
    if (costs.length > 4) costs.shift();
    lastCost = Math.min(...costs);
  };

  return {
    async begin(model) {
      if (isPlaneDataset(ds)) plane = planeProbe(model, ds, opts.project, opts.nodeIdOf);
      else if (isCurveDataset(ds)) {
        curve = curveProbe(model, ds);
        const p = twoParams(model);
        if (p && lossSupported(loss) && trainX.length === ds.train.count) params = p;
      }
      ready = plane !== null || curve !== null;
      if (!ready) return;
      await record();
      await shoot({ step: 0, epoch: 1, batch: 0 });
      // The first snapshot pays the backend's warm-up (its kernels compiled on first use), many
      // times what the next ones cost: counted, it would hold the views back for seconds.
      lastCost = 0;
      costs.length = 0;
    },
    async afterBatch(_model, info, force = false) {
      if (!ready) return;
      await record();
      const t = now();
      if (force || (t - last >= minInterval && t - last >= lastCost / maxShare)) await shoot(info);
    },
    async end(_model, info) {
      if (ready) await shoot(info);
    },
    dispose() {
      plane?.dispose();
      curve?.dispose();
      ready = false;
    },
  };
}
