import { describe, expect, it } from 'vitest';
import { epochLine, evaluationLines, metricsText, progressBar } from './report.js';
import { shapeText, table } from './table.js';

describe('terminal output', () => {
  it('metrics print training first, then validation', () => {
    expect(metricsText({ val_loss: 0.5, loss: 0.25, val_accuracy: 0.75, accuracy: 0.875 })).toBe('loss 0.2500  accuracy 0.8750  val_loss 0.5000  val_accuracy 0.7500');
  });

  it('the progress bar fills with the batches of the epoch', () => {
    const e = { event: 'batch', jobId: 'j', epoch: 2, batch: 15, step: 45, metrics: { loss: 0.5 }, imagesPerSec: 1234.4 } as const;
    expect(progressBar(e, 10, 30, 10)).toBe('epoch 2/10 [█████░░░░░] 50%  loss 0.5000  1,234/s');
    expect(progressBar({ ...e, batch: 30 }, 10, 30, 4)).toContain('[████] 100%');
  });

  it('an epoch line carries metrics, time and speed', () => {
    const line = epochLine({ event: 'epoch', jobId: 'j', epoch: 3, metrics: { loss: 0.1 }, learningRate: 0.001, seconds: 2.04, imagesPerSec: 3812.2 }, 10);
    expect(line).toBe('epoch  3/10  loss 0.1000  (2.0 s, 3,812 examples/s)');
  });

  it("an evaluation shows per-class metrics and the confusion matrix with the lecture's numbers", () => {
    const lines = evaluationLines({
      loss: 0.5,
      accuracy: 0.5667,
      confusion: [[30, 50, 20], [20, 60, 20], [10, 10, 80]],
      classNames: ['A', 'B', 'C'],
      perClass: [{ name: 'A', precision: 0.5, recall: 0.3, f1: 0.375, support: 100 }],
      macro: { precision: 0.6, recall: 0.5667, f1: 0.55 },
    });
    expect(lines[0]).toBe('test: loss 0.5000  accuracy 0.5667  macro precision 0.6000  recall 0.5667  f1 0.5500');
    expect(lines).toContain('A         0.5000  0.3000  0.3750      100');
    expect(lines.slice(-3)).toEqual(['A  30  50  20', 'B  20  60  20', 'C  10  10  80']);
  });

  it('tables pad columns and right-align numbers; shapes show the batch dimension', () => {
    expect(table(['a', 'n'], [['xy', '5'], ['z', '123']], new Set([1]))).toEqual(['a     n', '--  ---', 'xy    5', 'z   123']);
    expect(shapeText([null, 28, null])).toBe('[batch, 28, ?]');
    expect(shapeText(null)).toBe('?');
  });
});
