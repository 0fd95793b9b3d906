import { describe, expect, it } from 'vitest';
import { batchShape, compactShape, formatShape, plainShape, pythonTuple } from './shape-text.js';

describe('shape text', () => {
  it('prints a layer shape with its batch dimension, as the canvas does', () => {
    expect(formatShape([28, 28, 1])).toBe('[batch, 28, 28, 1]');
    expect(formatShape([null, 8])).toBe('[batch, ?, 8]');
    expect(formatShape([])).toBe('[batch]');
  });

  it('prints a parameter or file shape as it is written', () => {
    expect(plainShape([28, 28, 1])).toBe('[28, 28, 1]');
    expect(plainShape([-1, null])).toBe('[-1, ?]');
    expect(plainShape([])).toBe('[]');
  });

  it('names a leading unknown dimension the batch', () => {
    expect(batchShape([null, 28, null])).toBe('[batch, 28, ?]');
    expect(batchShape([4, 2])).toBe('[4, 2]');
    expect(batchShape(null)).toBe('?');
  });

  it('prints Python tuples, a one-tuple with its comma', () => {
    expect(pythonTuple([null, 28, 28, 1])).toBe('(None, 28, 28, 1)');
    expect(pythonTuple([4])).toBe('(4,)');
    expect(pythonTuple([])).toBe('()');
  });

  it('prints the compact form', () => {
    expect(compactShape([28, 28, 1])).toBe('28×28×1');
    expect(compactShape([4])).toBe('4');
  });
});
