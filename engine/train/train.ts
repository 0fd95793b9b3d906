// A training run as a job: an id, a stream of typed events and a stop. The loop is our own
// (not model.fit) so that metrics stay on the device and are read back only every k
// batches, random choices follow one seed, and every batch yields to the event loop so a
// stop() lands between batches.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '../backend/index.js';
import { disposeBatch, range } from '../compile/feed.js';
import { compile } from '../compile/compile.js';
import { type Head, makeHead } from '../compile/head.js';
import { makeOptimizer, setLearningRate } from '../compile/optimizer.js';
import type { Dataset } from '../data/types.js';
import { MetricAccumulator, type Totals } from '../evaluate/accumulate.js';
import { type Evaluation, evaluateRows, feederFor } from '../evaluate/evaluate.js';
import { headlineMetrics, metricsFromConfusion } from '../evaluate/metrics.js';
import type { Project } from '../project/types.js';
import { settingProblem, TRAINING_BOUNDS } from '../project/bounds.js';
import { EarlyStopping } from './earlyStopping.js';
import { initFromModel, type InitReport } from './init-from.js';
import type { EpochEvent, FinishedEvent, Metrics, PhaseEvent, TestMetrics, TrainingEvent } from './events.js';
import { NonFiniteLossError, nonFiniteLoss } from './explain.js';
import { makeRng, shuffleInPlace } from '../data/random.js';
import { learningRateAt, scheduleProblem } from './schedule.js';
import { batchSizeWarning, stuckLossWarning } from './warnings.js';

export interface TrainOptions {
  project: Project;
  dataset: Dataset;
  /** Backend name for useBackend(); 'auto' when omitted. */
  backend?: string;
  /** Overrides project.training.epochs. */
  epochs?: number;
  /** A batch event (and a loss read-back) every this many batches; default 10. */
  batchEvery?: number;
  signal?: AbortSignal;
  onEvent?: (e: TrainingEvent) => void;
  /** What the job is doing before its first batch (the app's dashboard shows it); apart from
   *  onEvent so that a run's own stream still begins with 'started'. */
  onPhase?: (e: PhaseEvent) => void;
  /** The job's id, when the caller has named it already (the app's worker, which reports
   *  the dataset's loading under it); generated otherwise. */
  id?: string;
  /** Awaited after each finished epoch's event, with the model as that epoch left it (the
   *  run store saves the weights here); training goes on when it resolves. */
  onEpochEnd?: (e: EpochEvent, model: tfl.LayersModel) => Promise<void> | void;
  /** Watches the model as it trains (engine/views/live.ts): `begin` before the first batch,
   *  `afterBatch` after each (`force` when the job pauses after it, so its state is drawn),
   *  `end` when training ends. Its layer names map back to node ids through `nodeIdOf`. */
  watch?: (nodeIdOf: Map<string, string>) => TrainWatcher | null;
  /** Told when the job waits between batches (Pause, or after a Step) and when it goes on. */
  onControl?: (c: ControlState) => void;
  /** Starts paused: the job waits before its first batch. */
  paused?: boolean;
  /** Start weights (transfer learning): the nodes this model shares with the new one, by id
   *  and weight shapes, start from its weights (./init-from.ts); `from` names it in the report. */
  initFrom?: { model: tfl.LayersModel; from: string };
  /** Which nodes took start weights and which start fresh, before the first batch. */
  onInit?: (r: InitReport) => void;
}

/** Its calls are awaited (a view reads the model back, asynchronously where the backend has
 *  no synchronous read). */
export interface TrainWatcher {
  begin(model: tfl.LayersModel): Promise<void> | void;
  afterBatch(model: tfl.LayersModel, info: { step: number; epoch: number; batch: number }, force?: boolean): Promise<void> | void;
  end(model: tfl.LayersModel, info: { step: number; epoch: number; batch: number }): Promise<void> | void;
  dispose(): void;
}

/** Where a paused job waits: after `step` batches (epoch and batch of the last one). */
export interface ControlState {
  paused: boolean;
  step: number;
  epoch: number;
  batch: number;
}

export interface TrainResult {
  status: 'finished' | 'stopped' | 'failed';
  /** The trained model (finished or stopped); the caller owns and disposes it. */
  model?: tfl.LayersModel;
  history: EpochEvent[];
  /** On the dataset's test split, when it has examples (finished runs). */
  evaluation?: Evaluation;
  /** Why it failed (same text as the failed event). */
  error?: string;
  /** With initFrom: which nodes took its weights. */
  init?: InitReport;
}

export interface TrainingJob {
  id: string;
  stop(reason?: string): void;
  /** Waits after the batch in progress, until resume() or step(). */
  pause(): void;
  resume(): void;
  /** While paused: trains exactly one more batch, then waits again. */
  step(): void;
  done: Promise<TrainResult>;
}

let jobCounter = 0;

export function newJobId(): string {
  return `train-${Date.now().toString(36)}-${(++jobCounter).toString(36)}`;
}

const yieldToLoop: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((r) => setImmediate(r)) : () => new Promise((r) => setTimeout(r, 0));

export function startTraining(opts: TrainOptions): TrainingJob {
  const id = opts.id ?? newJobId();
  const state: RunState = { stopReason: null, paused: opts.paused ?? false, credits: 0, wake: null };
  const wake = () => {
    const w = state.wake;
    state.wake = null;
    w?.();
  };
  const stop = (reason = 'stopped by the user') => {
    state.stopReason ??= reason;
    wake();
  };
  if (opts.signal?.aborted) stop('aborted');
  opts.signal?.addEventListener('abort', () => stop('aborted'), { once: true });
  const emit = (e: TrainingEvent) => {
    // A listener that throws must not take the training run down with it.
    try {
      opts.onEvent?.(e);
    } catch {
      /* ignored */
    }
  };
  const phase = (p: Omit<PhaseEvent, 'event' | 'jobId'>) => {
    try {
      opts.onPhase?.({ event: 'phase', jobId: id, ...p });
    } catch {
      /* ignored, as for onEvent */
    }
  };
  const pause = () => {
    state.paused = true;
  };
  const resume = () => {
    state.paused = false;
    state.credits = 0;
    wake();
  };
  const step = () => {
    if (!state.paused) return;
    state.credits++;
    wake();
  };
  return { id, stop, pause, resume, step, done: run(id, opts, state, emit, phase) };
}

interface RunState {
  stopReason: string | null;
  paused: boolean;
  /** Batches a paused job may still train (Step). */
  credits: number;
  /** Resolves the paused job's wait. */
  wake: (() => void) | null;
}

function checkConfig(project: Project, epochs: number): void {
  const t = project.training;
  const bad =
    settingProblem('training.epochs', TRAINING_BOUNDS.epochs, epochs) ??
    settingProblem('training.batchSize', TRAINING_BOUNDS.batchSize, t.batchSize) ??
    settingProblem('training.validationSplit', TRAINING_BOUNDS.validationSplit, t.validationSplit);
  if (bad) throw new Error(bad);
  const s = scheduleProblem(t.lrSchedule);
  if (s) throw new Error(s);
}

/** Epoch metrics from accumulated totals: loss, then accuracy/precision/recall or mae. */
function metricsOf(head: Head, totals: Totals, wanted: readonly string[], prefix = ''): Metrics {
  const m: Metrics = { [`${prefix}loss`]: totals.loss };
  if (head.task === 'regression') m[`${prefix}mae`] = totals.mae;
  else if (totals.confusion) {
    const h = headlineMetrics(metricsFromConfusion(totals.confusion));
    m[`${prefix}accuracy`] = h.accuracy;
    if (wanted.includes('precision')) m[`${prefix}precision`] = h.precision;
    if (wanted.includes('recall')) m[`${prefix}recall`] = h.recall;
  }
  return m;
}

function evaluationMetrics(head: Head, e: Evaluation, wanted: readonly string[]): Metrics {
  return metricsOf(head, { count: 0, loss: e.loss, mae: e.mae ?? NaN, ...(e.confusion ? { confusion: e.confusion } : {}) }, wanted);
}

/** Layers with a `seed` field read on every call (tfjs Dropout; LayerLab's seeded
 *  GaussianNoise). A fixed seed would draw the same noise on every batch, so each step gets
 *  its own. */
function reseedRandomLayers(model: tfl.LayersModel, seed: number, step: number): void {
  model.layers.forEach((layer, i) => {
    const l = layer as unknown as { seed?: number; rate?: unknown; stddev?: unknown };
    if ('seed' in l && (typeof l.rate === 'number' || typeof l.stddev === 'number')) l.seed = (Math.imul(seed + 1, 2654435761) + i * 40503 + step * 97) >>> 0;
  });
}

async function run(
  id: string,
  opts: TrainOptions,
  state: RunState,
  emit: (e: TrainingEvent) => void,
  phase: (p: Omit<PhaseEvent, 'event' | 'jobId'>) => void,
): Promise<TrainResult> {
  const history: EpochEvent[] = [];
  const { project, dataset } = opts;
  const cfg = project.training;
  let model: tfl.LayersModel | undefined;
  let optimizer: tf.Optimizer | undefined;
  let best: tf.Tensor[] | null = null;
  let epoch = 0;
  let watcher: TrainWatcher | null = null;
  let init: InitReport | undefined;
  try {
    phase({ phase: 'backend', message: `Starting the ${opts.backend && opts.backend !== 'auto' ? `${opts.backend} ` : ''}backend…` });
    const backend = await useBackend(opts.backend ?? 'auto');
    const epochs = opts.epochs ?? cfg.epochs;
    checkConfig(project, epochs);
    const batchEvery = Math.max(1, Math.floor(opts.batchEvery ?? 10));
    const seed = cfg.seed;
    const rng = makeRng(seed ?? Math.floor(Math.random() * 2 ** 32));

    phase({ phase: 'model', message: `Building the model on ${backend.name}…` });
    const compiled = compile(project, { tfl, ...(seed === undefined ? {} : { seed }) });
    model = compiled.model;
    watcher = opts.watch?.(compiled.nodeIdOf) ?? null;
    if (opts.initFrom) {
      init = initFromModel(compiled, opts.initFrom.model, opts.initFrom.from);
      opts.onInit?.(init);
    }
    if (model.outputs.length !== 1)
      throw new Error(`training needs one output, but the graph ends in ${compiled.outputIds.map((o) => `'${o}'`).join(', ')}; remove the extra ends or merge them`);
    const head = makeHead(cfg.loss, dataset, model.outputs[0]!.shape);

    // Validation rows come from the end of the seeded shuffle of the train split.
    const all = shuffleInPlace(range(dataset.train.count), rng);
    const valCount = Math.floor(all.length * cfg.validationSplit);
    const trainIdx = all.slice(0, all.length - valCount);
    const valIdx = all.slice(all.length - valCount);
    if (trainIdx.length === 0) throw new Error(`no training examples left: the train split has ${dataset.train.count} and validationSplit takes ${valCount}`);
    // A batch cannot hold more examples than there are: it shrinks to the split, and says so.
    const batchSize = Math.min(cfg.batchSize, trainIdx.length);
    const batches = Math.ceil(trainIdx.length / batchSize);
    const feeder = feederFor(model, head, dataset, batchSize, compiled.inputIds);
    const valFeeder = feederFor(model, head, dataset, Math.max(batchSize, 256), compiled.inputIds);

    optimizer = makeOptimizer(cfg.optimizer);
    const initialLr = cfg.optimizer.learningRate;
    let lr = initialLr;
    const varList = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const early = cfg.earlyStopping ? new EarlyStopping(cfg.earlyStopping, valIdx.length > 0) : null;
    let stoppedEarly: FinishedEvent['stoppedEarly'];
    const started = performance.now();

    emit({ event: 'started', jobId: id, backend: backend.name, epochs, batchesPerEpoch: batches, trainCount: trainIdx.length, validationCount: valIdx.length, totalParams: model.countParams() });
    if (batchSize < cfg.batchSize) emit({ event: 'warning', jobId: id, code: 'batch-size', message: batchSizeWarning(cfg.batchSize, trainIdx.length, valIdx.length) });
    const losses: number[] = [];
    let warnedStuck = false;
    await watcher?.begin(model);
    // Where the job stands, for Pause and Step: after `step` batches, the last one's place.
    let at = { epoch: 1, batch: 0 };
    let waiting = false;
    /** Draws the state a job pauses in: its last batch's metrics and views, if not sent yet. */
    let flush: (() => Promise<void>) | null = null;
    const control = (paused: boolean) => {
      try {
        opts.onControl?.({ paused, step, ...at });
      } catch {
        /* ignored, as for onEvent */
      }
    };
    /** A paused job waits here, between batches, until Resume, Step or Stop. */
    const gate = async () => {
      while (state.paused && state.credits === 0 && !state.stopReason) {
        if (!waiting) {
          waiting = true;
          await flush?.();
          control(true);
        }
        await new Promise<void>((r) => (state.wake = r));
      }
      if (waiting && !state.paused) {
        waiting = false;
        control(false);
      }
      if (state.paused && state.credits > 0) {
        // One batch, then the wait is announced again with the new place.
        state.credits--;
        waiting = false;
      }
    };

    let step = 0;
    // The step of the last batch event: the run's final batch is always sent, even when the
    // run's length is no multiple of batchEvery, so the loss line reaches the run's end.
    let sentStep = 0;
    const sendBatch = (totals: Totals, batch: number, t0: number, examples: number) => {
      sentStep = step;
      const secs = (performance.now() - t0) / 1000;
      emit({ event: 'batch', jobId: id, epoch, batch, step, metrics: metricsOf(head, totals, cfg.metrics), imagesPerSec: examples / Math.max(secs, 1e-9) });
    };
    for (epoch = 1; epoch <= epochs; epoch++) {
      shuffleInPlace(trainIdx, rng);
      const acc = new MetricAccumulator(head);
      const t0 = performance.now();
      let shownStep = -1;
      flush = async () => {
        if (step !== sentStep && acc.examples > 0) {
          const totals = await acc.read();
          if (Number.isFinite(totals.loss)) sendBatch(totals, at.batch, t0, acc.examples);
        }
        if (shownStep !== step) await watcher?.afterBatch(model!, { step, ...at }, true);
        shownStep = step;
      };
      try {
        for (let b = 0; b < batches; b++) {
          await gate();
          if (state.stopReason) break;
          const next = learningRateAt(initialLr, cfg.lrSchedule, epoch, step);
          if (next !== lr) setLearningRate(optimizer, (lr = next));
          if (seed !== undefined) reseedRandomLayers(model, seed, step);
          const batch = feeder.batch(dataset.train, trainIdx, b * batchSize, Math.min(trainIdx.length, (b + 1) * batchSize));
          let yPred: tf.Tensor | undefined;
          const m = model;
          const cost = tf.tidy(
            () =>
              optimizer!.minimize(
              () => {
                const out = m.apply(batch.xs.length === 1 ? batch.xs[0]! : batch.xs, { training: true }) as tf.Tensor;
                yPred = tf.keep(out); // for the metrics, without a second forward pass
                let loss = head.lossFn(batch.y, out);
                for (const r of m.calculateLosses()) loss = tf.add(loss, r);
                return loss;
              },
              true,
              varList,
            ) as tf.Scalar,
          );
          acc.add(cost, yPred!, batch.y, batch.labels, batch.size);
          tf.dispose([cost, yPred!]);
          disposeBatch(batch);
          step++;
          at = { epoch, batch: b + 1 };
          // A paused job's step is shown whole: its batch's metrics and views.
          const stepped = state.paused;
          if (step % batchEvery === 0 || stepped) {
            const totals = await acc.read();
            if (!Number.isFinite(totals.loss)) throw nonFiniteLoss(totals.loss, epoch, b + 1, lr, dataset.train);
            sendBatch(totals, b + 1, t0, acc.examples);
          }
          await watcher?.afterBatch(model, { step, ...at }, stepped);
          if (stepped) shownStep = step;
          await yieldToLoop();
        }
        if (state.stopReason) {
          // Stopped mid-epoch: the batches it did finish are drawn too.
          if (step !== sentStep && acc.examples > 0) {
            const totals = await acc.read();
            if (Number.isFinite(totals.loss)) sendBatch(totals, Math.ceil(acc.examples / batchSize), t0, acc.examples);
          }
          break;
        }
        const seconds = (performance.now() - t0) / 1000;
        const totals = await acc.read();
        if (!Number.isFinite(totals.loss)) throw nonFiniteLoss(totals.loss, epoch, batches, lr, dataset.train);
        const metrics = metricsOf(head, totals, cfg.metrics);
        if (valIdx.length > 0) Object.assign(metrics, metricsOf(head, await readTotals(model, head, valFeeder, dataset, valIdx), cfg.metrics, 'val_'));
        const ev: EpochEvent = { event: 'epoch', jobId: id, epoch, metrics, learningRate: lr, seconds, imagesPerSec: trainIdx.length / Math.max(seconds, 1e-9) };
        // The best-weights snapshot is taken before the event, so listeners see steady memory.
        const verdict = early?.update(epoch, metrics);
        if (verdict?.improved && cfg.earlyStopping?.restoreBestWeights) {
          if (best) tf.dispose(best);
          best = tf.tidy(() => model!.getWeights().map((w) => w.clone()));
        }
        if (step !== sentStep && (epoch === epochs || verdict?.stop)) sendBatch(totals, batches, t0, acc.examples);
        history.push(ev);
        emit(ev);
        losses.push(totals.loss);
        const stuck = warnedStuck ? null : stuckLossWarning(losses, lr, cfg.optimizer.kind);
        if (stuck) {
          warnedStuck = true; // once per run: the epoch lines show it goes on
          emit({ event: 'warning', jobId: id, code: 'loss-stuck', message: stuck, epoch });
        }
        await opts.onEpochEnd?.(ev, model);
        if (early && verdict?.stop) {
          stoppedEarly = { epoch, bestEpoch: early.bestEpoch, monitor: early.monitor };
          break;
        }
      } finally {
        flush = null;
        acc.dispose();
      }
    }

    await watcher?.end(model, { step, ...at });
    if (state.stopReason) {
      emit({ event: 'stopped', jobId: id, epoch: history.length, reason: state.stopReason });
      return { status: 'stopped', model, history, ...(init ? { init } : {}) };
    }
    if (best && early && early.bestEpoch !== history.length) model.setWeights(best);

    let evaluation: Evaluation | undefined;
    let test: TestMetrics | undefined;
    if (dataset.test.count > 0) {
      evaluation = await evaluateRows(model, head, valFeeder, dataset.test, range(dataset.test.count));
      test = evaluationMetrics(head, evaluation, cfg.metrics) as TestMetrics;
    }
    emit({ event: 'finished', jobId: id, epochs: history.length, seconds: (performance.now() - started) / 1000, ...(stoppedEarly ? { stoppedEarly } : {}), ...(test ? { test } : {}) });
    return { status: 'finished', model, history, ...(evaluation ? { evaluation } : {}), ...(init ? { init } : {}) };
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const where = e instanceof NonFiniteLossError ? { epoch: e.epoch, batch: e.batch } : epoch > 0 ? { epoch } : {};
    emit({ event: 'failed', jobId: id, message, ...where });
    model?.dispose();
    return { status: 'failed', history, error: message };
  } finally {
    watcher?.dispose();
    if (best) tf.dispose(best);
    optimizer?.dispose();
  }
}

async function readTotals(model: tfl.LayersModel, head: Head, feeder: ReturnType<typeof feederFor>, dataset: Dataset, rows: Int32Array): Promise<Totals> {
  const e = await evaluateRows(model, head, feeder, dataset.train, rows);
  return { count: rows.length, loss: e.loss, mae: e.mae ?? NaN, ...(e.confusion ? { confusion: e.confusion } : {}) };
}
