import { describe, expect, it } from 'vitest';
import type { Project } from '../../engine/project/types.js';
import { inputOptionEdits, inputOptions, withInputOptions } from './inputOptions.js';

const project = (shape: number[], inputs = 1): Project =>
  ({
    graph: {
      nodes: [
        ...Array.from({ length: inputs }, (_, i) => ({ id: `in${i}`, kind: 'Input', params: { shape }, position: { x: 0, y: 0 } })),
        { id: 'out', kind: 'Dense', params: { units: 1, activation: 'sigmoid' }, position: { x: 0, y: 100 } },
      ],
      edges: [],
    },
    dataset: { id: 'circles' },
  }) as unknown as Project;

describe('input options', () => {
  it('reads the defaults where the reference names none', () => {
    expect(inputOptions({ id: 'circles' })).toEqual({ engineered: [], scaling: 'none' });
    expect(inputOptions({ id: 'circles', options: { engineered: ['x2^2', 'x1^2'], preprocess: 'standardize' } })).toEqual({ engineered: ['x1^2', 'x2^2'], scaling: 'standardize' });
  });

  it('writes the options, leaving the defaults unsaid and other options alone', () => {
    const ref = { id: 'blobs', options: { classes: 2 } };
    expect(withInputOptions(ref, { engineered: ['x2^2', 'x1^2'], scaling: 'meanNorm' })).toEqual({ id: 'blobs', options: { classes: 2, engineered: ['x1^2', 'x2^2'], preprocess: 'meanNorm' } });
    expect(withInputOptions({ id: 'circles', options: { engineered: ['x1^2'], preprocess: 'scale' } }, { engineered: [], scaling: 'none' })).toEqual({ id: 'circles' });
  });

  it('widens an Input that was in step with the inputs, in the same edit', () => {
    const edits = inputOptionEdits(project([2]), { id: 'circles' }, { engineered: ['x1^2', 'x2^2'], scaling: 'none' }, 2);
    expect(edits).toEqual([
      { type: 'setDataset', dataset: { id: 'circles', options: { engineered: ['x1^2', 'x2^2'] } } },
      { type: 'setParam', nodeId: 'in0', param: 'shape', value: [4] },
    ]);
    // And narrows it back.
    const back = inputOptionEdits(project([3]), { id: 'circles', options: { engineered: ['x1*x2'] } }, { engineered: [], scaling: 'none' }, 2);
    expect(back[1]).toEqual({ type: 'setParam', nodeId: 'in0', param: 'shape', value: [2] });
  });

  it('leaves an Input alone that was not in step, has several Inputs, or when the width stays', () => {
    expect(inputOptionEdits(project([7]), { id: 'circles' }, { engineered: ['x1^2'], scaling: 'none' }, 2)).toHaveLength(1);
    expect(inputOptionEdits(project([2], 2), { id: 'circles' }, { engineered: ['x1^2'], scaling: 'none' }, 2)).toHaveLength(1);
    expect(inputOptionEdits(project([2]), { id: 'circles' }, { engineered: [], scaling: 'standardize' }, 2)).toHaveLength(1);
  });
});
