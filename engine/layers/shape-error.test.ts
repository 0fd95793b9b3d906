// Structured shape errors: each kind says which input, what it expected, what it got and the
// fix as data; renderShapeError words them, naming the node each input shape comes from.
import { describe, expect, it } from 'vitest';
import { Add } from './kinds/Add.js';
import { Concatenate } from './kinds/Concatenate.js';
import { Conv1D } from './kinds/Conv1D.js';
import { Conv2D } from './kinds/Conv2D.js';
import { Dense } from './kinds/Dense.js';
import { Flatten } from './kinds/Flatten.js';
import { LSTM } from './kinds/LSTM.js';
import { MaxPooling2D } from './kinds/MaxPooling2D.js';
import { RepeatVector } from './kinds/RepeatVector.js';
import { Reshape } from './kinds/Reshape.js';
import { renderFix, renderShapeError } from './shape-error.js';
import { errorOf, paramsOf, shapeErrorOf } from './testkit.js';

describe('structured shape errors', () => {
  it('a flat input to Conv2D: the input, the rank expected, the shape got, an insert fix', () => {
    expect(shapeErrorOf(Conv2D, [[784]], { filters: 8 })).toEqual({
      problem: 'rank',
      expected: { rank: 4, layout: 'height, width, channels' },
      got: [784],
      fix: { kind: 'insert', layer: 'Reshape', params: { targetShape: [28, 28, 1] } },
    });
  });

  it('a sequence layer on an image: a Reshape to rows as steps, with the words that follow', () => {
    const e = shapeErrorOf(LSTM, [[28, 28, 1]], { units: 4 });
    expect(e.fix).toEqual({ kind: 'insert', layer: 'Reshape', params: { targetShape: [28, 28] } });
    expect(e.advice).toBe(' (one row per step)');
  });

  it('a Reshape fix is data only when it is a valid Reshape (at most one -1)', () => {
    expect(shapeErrorOf(Conv2D, [[null, 6]], { filters: 8 }).fix).toEqual({ kind: 'insert', layer: 'Reshape', params: { targetShape: [-1, 6, 1] } });
    const twoUnknown = shapeErrorOf(Conv2D, [[null, null]], { filters: 8 });
    expect(twoUnknown.fix).toBeUndefined();
    expect(errorOf(Conv2D, [[null, null]], { filters: 8 })).toMatch(/; insert a Reshape to \[-1, -1, 1\]$/);
  });

  it('RepeatVector after an image: insert a Flatten', () => {
    expect(shapeErrorOf(RepeatVector, [[4, 4]], { n: 3 }).fix).toEqual({ kind: 'insert', layer: 'Flatten', params: {} });
    expect(errorOf(RepeatVector, [[4, 4]], { n: 3 })).toMatch(/; insert a Flatten before it, or use a recurrent layer without returnSequences$/);
  });

  it('a kernel or window larger than the input: setParam padding same', () => {
    const conv = shapeErrorOf(Conv2D, [[4, 4, 3]], { filters: 2, kernelSize: 5 });
    expect(conv).toMatchObject({ problem: 'window', expected: { what: 'kernel', size: [5, 5], param: 'kernelSize' }, got: [4, 4, 3] });
    expect(conv.fix).toEqual({ kind: 'setParam', param: 'padding', value: 'same' });
    expect(shapeErrorOf(MaxPooling2D, [[2, 2, 8]], { poolSize: 3 }).fix).toEqual({ kind: 'setParam', param: 'padding', value: 'same' });
    expect(shapeErrorOf(Conv1D, [[2, 4]], { filters: 8, kernelSize: 3 }).expected).toMatchObject({ unit: 'steps', size: [3] });
    // The fix really fixes it.
    expect(Conv2D.inferShape([[4, 4, 3]], paramsOf(Conv2D, { filters: 2, kernelSize: 5, padding: 'same' }))).toEqual({ ok: true, shape: [4, 4, 2] });
  });

  it('a Flatten on a flat input: remove it', () => {
    expect(shapeErrorOf(Flatten, [[784]])).toMatchObject({ problem: 'needs', got: [784], fix: { kind: 'remove' } });
  });

  it('merges say which input disagrees with the first', () => {
    expect(shapeErrorOf(Add, [[10], [10], [12]])).toEqual({ problem: 'mismatch', input: 2, expected: { equal: 'shape' }, got: [[10], [12]] });
    // One axis apart: concatenating on it is an edit; two apart it is not.
    expect(shapeErrorOf(Concatenate, [[2, 3], [2, 4], [5, 3]], { axis: 1 })).toMatchObject({ input: 1, fix: { kind: 'setParam', param: 'axis', value: 2 } });
    expect(shapeErrorOf(Concatenate, [[2, 3], [5, 4]], { axis: -1 }).fix).toBeUndefined();
  });

  it('Reshape says how many values it needs and how many it gets', () => {
    expect(shapeErrorOf(Reshape, [[10]], { targetShape: [3, 3] })).toEqual({ problem: 'size', expected: { targetShape: [3, 3], values: 9, multiple: false }, got: [10] });
  });
});

describe('renderShapeError', () => {
  it('names the node and where each input comes from, by port', () => {
    const e = shapeErrorOf(Conv2D, [[784]], { filters: 8 });
    expect(renderShapeError(e, { kind: 'Conv2D', node: 'c1', sources: ['d1'] })).toBe(
      "Conv2D 'c1' needs a 4-D input [batch, height, width, channels] but gets [batch, 784] from 'd1'; insert a Reshape to [28, 28, 1]",
    );
    // A shape already introduced by "from" is followed by "of".
    const r = shapeErrorOf(Reshape, [[10]], { targetShape: [3, 3] });
    expect(renderShapeError(r, { kind: 'Reshape', node: 'r', sources: ['in'] })).toBe(
      "Reshape 'r' to [3, 3] needs 9 values but gets 10 from [batch, 10] of 'in'; change targetShape so its dimensions multiply to 10 (or use one -1)",
    );
  });

  it('names both sources of a merge even when their shapes print the same', () => {
    const e = shapeErrorOf(Concatenate, [[2, 3], [6]]);
    expect(renderShapeError(e, { kind: 'Concatenate', node: 'cat', sources: ['a', 'b'] })).toBe(
      "Concatenate 'cat' needs inputs of the same rank but input 1 is [batch, 2, 3] from 'a' and input 2 is [batch, 6] from 'b'; insert a Reshape or Flatten before one of them",
    );
    const same = renderShapeError({ problem: 'mismatch', input: 1, expected: { equal: 'other-axes', axis: -1, differ: 1 }, got: [[2, 3], [2, 3]] }, { kind: 'Concatenate', node: 'c', sources: ['a', 'b'] });
    expect(same).toContain("input 1 is [batch, 2, 3] from 'a' and input 2 is [batch, 2, 3] from 'b'");
  });

  it('a fix to the Input replaces the layer’s own advice', () => {
    const e = { ...shapeErrorOf(LSTM, [[28, 28, 1]], { units: 4 }), fix: { kind: 'setInputShape' as const, node: 'in', shape: [2] }, advice: undefined };
    expect(renderShapeError(e, { kind: 'LSTM', node: 'l', sources: ['in'] })).toBe(
      "LSTM 'l' needs a 3-D input [batch, timesteps, features] but gets [batch, 28, 28, 1] from 'in'; first make the Input 'in' match the dataset (its examples have shape [2]), or choose the dataset this network is for",
    );
  });

  it('words every kind of fix', () => {
    expect(renderFix({ kind: 'insert', layer: 'Reshape', params: { targetShape: [28, 28, 1] } }, 'Conv2D')).toBe('insert a Reshape to [28, 28, 1]');
    expect(renderFix({ kind: 'insert', layer: 'Flatten', params: {} }, 'Dense')).toBe('insert a Flatten before it');
    expect(renderFix({ kind: 'setParam', node: 'c1', param: 'padding', value: 'same' }, 'Conv2D')).toBe("set padding to 'same'");
    expect(renderFix({ kind: 'setParam', param: 'axis', value: 2 }, 'Concatenate')).toBe('set axis to 2');
    expect(renderFix({ kind: 'setInputShape', shape: [28, 28, 1] }, 'Conv2D')).toMatch(/^first make the Input match the dataset \(its examples have shape \[28, 28, 1\]\)/);
    expect(renderFix({ kind: 'remove', node: 'f' }, 'Flatten')).toBe('remove the Flatten');
  });

  it('words an unknown dimension with where unknown sizes come from', () => {
    expect(renderShapeError(shapeErrorOf(Dense, [[null]], { units: 2 }), { kind: 'Dense' })).toMatch(/^Dense needs a known last dimension but gets \[batch, \?\]; unknown sizes come from/);
  });
});
