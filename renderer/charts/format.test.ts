import { describe, expect, it } from 'vitest';
import { formatTick } from './format.js';

describe('formatTick', () => {
  it('keeps labels short across scales', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.5)).toBe('0.5');
    expect(formatTick(0.123456)).toBe('0.12');
    expect(formatTick(12)).toBe('12');
    expect(formatTick(1234)).toBe('1.2k');
    expect(formatTick(0.0001)).toBe('1e-4');
    expect(formatTick(-0.25)).toBe('-0.25');
  });
});
