import { describe, expect, it } from 'vitest';
import type { FloatParam, IntParam, IntTupleParam, ShapeParam } from '../../engine/layers/types.js';
import { paramToText, parseParamText } from './paramText.js';

const units: IntParam = { type: 'int', default: 32, min: 1, doc: '' };
const rate: FloatParam = { type: 'float', default: 0.5, min: 0, max: 1, doc: '' };
const kernel: IntTupleParam = { type: 'intTuple', length: 2, default: 3, doc: '' };
const shape: ShapeParam = { type: 'shape', default: [2], allowNull: true, doc: '' };

describe('parseParamText', () => {
  it('accepts valid numbers and names what is wrong otherwise', () => {
    expect(parseParamText('units', units, ' 64 ')).toEqual({ ok: true, value: 64 });
    expect(parseParamText('units', units, '0')).toMatchObject({ ok: false, error: expect.stringContaining("'units' must be ≥ 1") });
    expect(parseParamText('units', units, '2.5')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parseParamText('units', units, 'abc')).toMatchObject({ ok: false, error: expect.stringContaining("'units'") });
    expect(parseParamText('rate', rate, '1.5')).toMatchObject({ ok: false, error: expect.stringContaining('≤ 1') });
  });

  it('reads tuples and shapes in the forms people type', () => {
    expect(parseParamText('kernelSize', kernel, '5')).toEqual({ ok: true, value: 5 });
    expect(parseParamText('kernelSize', kernel, '3, 5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseParamText('kernelSize', kernel, '3x5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseParamText('kernelSize', kernel, '1,2,3')).toMatchObject({ ok: false });
    expect(parseParamText('shape', shape, '[28, 28, 1]')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseParamText('shape', shape, '?, 8')).toEqual({ ok: true, value: [null, 8] });
    expect(parseParamText('shape', shape, '')).toMatchObject({ ok: false });
  });

  it('formats values back to text', () => {
    expect(paramToText([28, 28, 1])).toBe('28, 28, 1');
    expect(paramToText([null, 8])).toBe('?, 8');
    expect(paramToText(null)).toBe('');
    expect(paramToText(0.5)).toBe('0.5');
  });
});
