// The pure parts of hyper-parameter search: parsing, paths, grid product, seeded draws,
// applying the best values.
import { describe, expect, it } from 'vitest';
import { chain } from '../train/testkit.js';
import {
  applyParams,
  expandGrid,
  getParam,
  halvingSchedule,
  rankHalving,
  metricDirection,
  metricOf,
  parseGridArg,
  parseRangeArg,
  parseValue,
  rankTrials,
  resolvePath,
  resolveSpace,
  sampleRandom,
  setParam,
} from './search.js';

const project = chain([2], [['Dense', { units: 4, activation: 'relu' }], ['Dropout', { rate: 0.2 }], ['Dense', { units: 1, activation: 'sigmoid' }]]);

describe('parsing', () => {
  it('reads values as numbers, booleans, null, number lists or text', () => {
    expect(['16', '1e-3', 'true', 'null', '[3,3]', 'relu'].map(parseValue)).toEqual([16, 0.001, true, null, [3, 3], 'relu']);
    expect(parseGridArg('l1.units=16,64')).toEqual({ path: 'l1.units', values: [16, 64] });
    expect(parseGridArg('c.kernelSize=[3,3],[5,5]').values).toEqual([[3, 3], [5, 5]]);
    expect(parseRangeArg('training.optimizer.learningRate=1e-4:1e-1:log')).toEqual({ path: 'training.optimizer.learningRate', min: 1e-4, max: 0.1, scale: 'log' });
    expect(() => parseGridArg('l1.units')).toThrow(/must be PATH=VALUES/);
    expect(() => parseGridArg('l1.units=1,,2')).toThrow(/a value is empty/);
    expect(() => parseRangeArg('l2.rate=0.5:0')).toThrow(/MIN must be below MAX/);
    expect(() => parseRangeArg('x.lr=0:1:log')).toThrow(/log range needs MIN > 0/);
    expect(() => parseRangeArg('x.lr=0:1:cubic')).toThrow(/unknown flag ':cubic'/);
  });
});

describe('paths', () => {
  it('name node parameters and training settings; unknown ones are errors naming them', () => {
    expect(resolvePath(project, 'l1.units')).toMatchObject({ ok: true, kind: 'node', nodeId: 'l1', param: 'units' });
    expect(resolvePath(project, 'training.optimizer.learningRate')).toMatchObject({ ok: true, kind: 'training' });
    expect(resolvePath(project, 'dense9.units')).toMatchObject({ ok: false, error: expect.stringContaining("no node 'dense9' in the graph (nodes: in, l1, l2, l3") });
    expect(resolvePath(project, 'l1.unit')).toMatchObject({ ok: false, error: expect.stringContaining("Dense 'l1' has no parameter 'unit' (its parameters: units,") });
    expect(resolvePath(project, 'training.optimizer.lr')).toMatchObject({ ok: false, error: expect.stringContaining("training.optimizer has no setting 'lr'") });
    expect(resolvePath(project, 'units')).toMatchObject({ ok: false, error: expect.stringContaining('is not a parameter path') });
  });

  it('get reads the value or the default; set is pure', () => {
    expect(getParam(project, 'l1.units')).toBe(4);
    expect(getParam(project, 'l1.useBias')).toBe(true); // the kind's default
    expect(getParam(project, 'training.optimizer.learningRate')).toBe(0.1);
    const p = setParam(setParam(project, 'l2.rate', 0.4), 'training.optimizer.learningRate', 0.01);
    expect(getParam(p, 'l2.rate')).toBe(0.4);
    expect(p.training.optimizer).toEqual({ kind: 'adam', learningRate: 0.01 });
    expect(getParam(project, 'l2.rate')).toBe(0.2);
    expect(project.training.optimizer.learningRate).toBe(0.1);
  });

  it('ranges on whole-number parameters draw whole numbers', () => {
    const space = resolveSpace(project, { grid: [], ranges: [parseRangeArg('l1.units=4:64'), parseRangeArg('training.batchSize=1:4')] });
    expect(space.ranges.every((r) => r.integer)).toBe(true);
    for (const t of sampleRandom(space, 20, 3)) {
      expect(Number.isInteger(t['l1.units'])).toBe(true);
      expect(t['l1.units']).toBeGreaterThanOrEqual(4);
      expect(t['l1.units']).toBeLessThanOrEqual(64);
    }
    expect(() => resolveSpace(project, { grid: [parseGridArg('l1.units=1,2')], ranges: [parseRangeArg('l1.units=1:2')] })).toThrow(/searched twice/);
  });
});

describe('grid and random', () => {
  it('the grid is the cartesian product, last axis fastest', () => {
    const trials = expandGrid([parseGridArg('l1.units=16,64'), parseGridArg('training.optimizer.learningRate=0.001,0.01,0.1')]);
    expect(trials).toHaveLength(6);
    expect(trials[0]).toEqual({ 'l1.units': 16, 'training.optimizer.learningRate': 0.001 });
    expect(trials[1]).toEqual({ 'l1.units': 16, 'training.optimizer.learningRate': 0.01 });
    expect(trials[5]).toEqual({ 'l1.units': 64, 'training.optimizer.learningRate': 0.1 });
    expect(new Set(trials.map((t) => JSON.stringify(t))).size).toBe(6);
  });

  it('random draws are seeded: the same seed repeats them, another seed does not; log ranges cover the decades', () => {
    const space = { grid: [parseGridArg('l1.activation=relu,tanh')], ranges: [parseRangeArg('l2.rate=0:0.5'), parseRangeArg('training.optimizer.learningRate=1e-4:1e-1:log')] };
    const a = sampleRandom(space, 200, 7);
    expect(sampleRandom(space, 200, 7)).toEqual(a);
    expect(sampleRandom(space, 200, 8)).not.toEqual(a);
    for (const t of a) {
      expect(t['l2.rate']).toBeGreaterThanOrEqual(0);
      expect(t['l2.rate']).toBeLessThanOrEqual(0.5);
      expect(['relu', 'tanh']).toContain(t['l1.activation']);
    }
    const decades = new Set(a.map((t) => Math.floor(Math.log10(t['training.optimizer.learningRate'] as number))));
    expect(decades).toEqual(new Set([-4, -3, -2]));
  });
});

describe('ranking and applying the best', () => {
  it('metrics rank in their direction; trials without one go last', () => {
    expect(metricDirection('val_loss')).toBe('min');
    expect(metricDirection('val_accuracy')).toBe('max');
    const trials = [{ metric: 0.3 }, { metric: null }, { metric: 0.1 }, { metric: 0.2 }];
    expect(rankTrials(trials, 'val_loss').map((t) => t.metric)).toEqual([0.1, 0.2, 0.3, null]);
    expect(rankTrials(trials, 'accuracy').map((t) => t.metric)).toEqual([0.3, 0.2, 0.1, null]);
    const run = { epochs: [{ epoch: 1, metrics: { loss: 0.5, val_loss: 0.6 }, learningRate: 0.1, seconds: 1, examplesPerSec: 1 }], test: { loss: 0.7, accuracy: 0.9 } };
    expect([metricOf(run, 'val_loss'), metricOf(run, 'test_accuracy'), metricOf(run, 'mae')]).toEqual([0.6, 0.9, undefined]);
  });

  it('applyParams writes every value of the best trial as one new project, the old one untouched', () => {
    const best = { 'l1.units': 64, 'l2.rate': 0.35, 'training.optimizer.learningRate': 0.003 };
    const applied = applyParams(project, best);
    expect(Object.keys(best).map((k) => getParam(applied, k))).toEqual([64, 0.35, 0.003]);
    expect(applied.graph.nodes.find((n) => n.id === 'l3')).toBe(project.graph.nodes.find((n) => n.id === 'l3'));
    expect(getParam(project, 'l1.units')).toBe(4);
  });
});

describe('successive halving', () => {
  it('halves the trials and doubles the epochs per rung, ending with one trial at the full budget', () => {
    expect(halvingSchedule(8, 40)).toEqual([
      { trials: 8, epochs: 5 },
      { trials: 4, epochs: 10 },
      { trials: 2, epochs: 20 },
      { trials: 1, epochs: 40 },
    ]);
    expect(halvingSchedule(6, 4)).toEqual([
      { trials: 6, epochs: 1 },
      { trials: 3, epochs: 1 },
      { trials: 2, epochs: 2 },
      { trials: 1, epochs: 4 },
    ]);
    expect(halvingSchedule(1, 10)).toEqual([{ trials: 1, epochs: 10 }]);
  });

  it('ranks the furthest rung first, by the metric within a rung, trials without a metric last', () => {
    const trials = [
      { id: 'a', rung: 0, metric: 0.1 },
      { id: 'b', rung: 1, metric: 0.5 },
      { id: 'c', rung: 1, metric: 0.3 },
      { id: 'd', rung: 2, metric: null },
      { id: 'e', rung: 2, metric: 0.4 },
    ];
    expect(rankHalving(trials, 'loss').map((t) => t.id)).toEqual(['e', 'c', 'b', 'a', 'd']);
  });
});
