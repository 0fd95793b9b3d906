import { describe, expect, it } from 'vitest';
import type { DatasetSummaryWire } from '../../electron/contract.js';
import { datasetInfoFor } from './datasetInfo.js';

const base: DatasetSummaryWire = { id: 'mnist', name: 'MNIST', description: '', task: 'classification', available: true };

describe('datasetInfoFor', () => {
  it('gives the checker shapes and class count when the host sends them', () => {
    const d = { ...base, inputShape: [28, 28, 1], targetShape: [], classNames: Array.from({ length: 10 }, (_, i) => String(i)) };
    expect(datasetInfoFor([d], 'mnist')).toEqual({ id: 'mnist', task: 'classification', inputShape: [28, 28, 1], targetShape: [], numClasses: 10 });
  });

  it('is undefined without shapes or for an unknown id (the check then runs without data)', () => {
    expect(datasetInfoFor([base], 'mnist')).toBeUndefined();
    expect(datasetInfoFor([base], 'iris')).toBeUndefined();
  });
});
