import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/check/types.js';
import { fixText, shortMessage } from './fixText.js';

describe('fix words', () => {
  it('says what the button will do', () => {
    expect(fixText({ kind: 'insert', node: 'c', layer: 'Reshape', params: { targetShape: [28, 28, 1] } })).toBe("Insert a Reshape to [28, 28, 1] before 'c'");
    expect(fixText({ kind: 'setInputShape', node: 'in', shape: [2] })).toBe("Set the shape of the Input 'in' to [2]");
    // On the node it fixes, the words need not name it.
    expect(fixText({ kind: 'insert', node: 'c', layer: 'Reshape', params: { targetShape: [28, 28, 1] } }, 'c')).toBe('Insert a Reshape to [28, 28, 1] before it');
    expect(
      fixText({ kind: 'all', fixes: [{ kind: 'setParam', node: 'o', param: 'units', value: 10 }, { kind: 'setParam', node: 'o', param: 'activation', value: 'softmax' }, { kind: 'setLoss', loss: 'categoricalCrossentropy' }] }),
    ).toBe("Set units of 'o' to 10, set activation of 'o' to 'softmax' and use the loss categoricalCrossentropy");
  });

  it('a node shows the problem without its own name, and without the advice the button carries out', () => {
    const d: Diagnostic = {
      severity: 'error',
      code: 'shape',
      nodeId: 'c',
      message: "Conv2D 'c' needs a 4-D input [batch, height, width, channels] but gets [batch, 784] from 'in'; insert a Reshape to [28, 28, 1]",
      fix: { kind: 'insert', node: 'c', layer: 'Reshape', params: { targetShape: [28, 28, 1] } },
    };
    expect(shortMessage(d, { id: 'c', kind: 'Conv2D' })).toBe('Needs a 4-D input [batch, height, width, channels] but gets [batch, 784]');
    // Without a fix the advice is all the help there is: it stays.
    const { fix: _f, ...words } = d;
    expect(shortMessage(words, { id: 'c', kind: 'Conv2D' })).toMatch(/; insert a Reshape to \[28, 28, 1\]$/);
  });
});
