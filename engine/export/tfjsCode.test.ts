import '@tensorflow/tfjs-backend-cpu';
// The union package @tensorflow/tfjs registers chained ops (the orthogonal initializer needs them).
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { loadTemplate, templateIds } from '../project/templates.js';
import type { Project } from '../project/types.js';
import { branchyProject } from './fixtures.js';
import { CodeExportError } from './graphCode.js';
import { toTfjsScript } from './tfjsCode.js';

interface Generated {
  buildModel(): tfl.LayersModel;
  compileModel(m: tfl.LayersModel): void;
  train(xs: tfc.Tensor, ys: tfc.Tensor): Promise<{ model: tfl.LayersModel; history: tfl.History }>;
}

/** Runs the generated module against the real TensorFlow.js (core + layers = @tensorflow/tfjs). */
function load(src: string): Generated {
  const lines = src.split('\n');
  expect(lines.filter((l) => l.startsWith('import '))).toEqual(["import * as tf from '@tensorflow/tfjs';"]);
  const body = lines
    .filter((l) => !l.startsWith('import '))
    .map((l) => l.replace(/^export /, ''))
    .join('\n');
  const tf = { ...tfc, ...tfl };
  return new Function('tf', `${body}\nreturn { buildModel, compileModel, train };`)(tf) as Generated;
}

describe('toTfjsScript', () => {
  beforeAll(async () => {
    await tfc.setBackend('cpu');
  });

  it('every template becomes a model with the same layers and parameter count as LayerLab checks', async () => {
    for (const id of await templateIds()) {
      const project = await loadTemplate(id);
      const m = load(toTfjsScript(project)).buildModel();
      expect(m.countParams(), id).toBe(check(project).totalParams);
      expect(m.layers.map((l) => l.name), id).toEqual(project.graph.nodes.map((n) => n.id));
      m.dispose();
    }
  });

  it('wires branches and merges in port order and trains with early stopping and step decay', async () => {
    const project = branchyProject();
    const src = toTfjsScript(project);
    expect(src).toContain('tf.train.momentum(LEARNING_RATE, 0.9, true)');
    expect(src).toContain('.apply([n_2right, left_1])'); // Concatenate: port 0 is '2right'
    expect(src).toMatch(/const class_ = tf\.layers\.concatenate/); // 'class' is a JS keyword
    const gen = load(src);
    const xs = tfc.randomNormal([16, 4], 0, 1, 'float32', 1);
    const ys = tfc.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3), 'float32');
    const { model, history } = await gen.train(xs, ys);
    expect(model.countParams()).toBe(check(project).totalParams);
    const concat = model.getLayer('class');
    const inbound = (concat as unknown as { inboundNodes: { inboundLayers: tfl.layers.Layer[] }[] }).inboundNodes[0]!.inboundLayers;
    expect(inbound.map((l) => l.name)).toEqual(['2right', 'left-1']);
    expect(history.epoch.length).toBeGreaterThan(0);
    expect(history.history).toHaveProperty('val_loss');
    // Step decay halves the rate every epoch: after epoch 3 began it is 0.1 * 0.5².
    expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.025);
    tfc.dispose([xs, ys]);
    model.dispose();
  });

  it('names the node when the graph cannot be written', () => {
    const p: Project = branchyProject();
    p.graph.nodes[4]!.kind = 'Dense3D';
    expect(() => toTfjsScript(p)).toThrow(new CodeExportError("node 'skip' has unknown layer kind 'Dense3D'", 'skip'));
    const q = branchyProject();
    q.graph.nodes[1]!.params.units = 0;
    expect(() => toTfjsScript(q)).toThrow(/Dense 'left-1': 'units' must be ≥ 1, got 0/);
  });
});
