// The configuration diff names exactly the settings that differ, and words a run's changes.
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../project/templates.js';
import type { Project } from '../project/types.js';
import { describeChanges, sameValue, settingsTable } from './diff.js';

const xor = await loadTemplate('xor');
const edit = (f: (p: Project) => void): Project => {
  const p = structuredClone(xor);
  f(p);
  return p;
};

describe('settingsTable', () => {
  it('marks only the learning rate when two runs differ in it', () => {
    const fast = edit((p) => (p.training.optimizer.learningRate = 0.5));
    const rows = settingsTable([xor, fast]);
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(['learning rate']);
    const lr = rows.find((r) => r.key === 'training.optimizer.learningRate')!;
    expect(lr.values).toEqual([xor.training.optimizer.learningRate, 0.5]);
    // Every layer parameter has its row, the same in both.
    expect(rows.find((r) => r.key === 'node:hidden:units')).toMatchObject({ label: 'hidden.units', values: [2, 2], differs: false });
  });

  it('shows a layer one project lacks as undefined there, and a rewiring', () => {
    const wider = edit((p) => {
      p.graph.nodes.push({ id: 'extra', kind: 'Dense', params: { units: 4 }, position: { x: 0, y: 300 } });
      p.graph.edges = p.graph.edges.map((e) => (e.target === 'out' ? { ...e, source: 'extra' } : e));
      p.graph.edges.push({ id: 'x', source: 'hidden', target: 'extra' });
    });
    const rows = settingsTable([xor, wider, xor]);
    expect(rows.find((r) => r.key === 'node:extra')).toMatchObject({ values: [undefined, 'Dense', undefined], differs: true });
    expect(rows.find((r) => r.key === 'node:extra:units')!.differs).toBe(true);
    expect(rows.find((r) => r.key === 'wiring')!.differs).toBe(true);
    expect(rows.find((r) => r.key === 'node:hidden:units')!.differs).toBe(false);
  });

  it('ignores positions and names, and key order', () => {
    const moved = edit((p) => {
      p.name = 'other';
      p.graph.nodes[1]!.position = { x: 99, y: 99 };
      p.training = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p.training).reverse())));
    });
    expect(settingsTable([xor, moved]).some((r) => r.differs)).toBe(false);
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe('describeChanges', () => {
  it('counts changed layers and names training settings', () => {
    const edited = edit((p) => {
      p.graph.nodes.find((n) => n.id === 'hidden')!.params.units = 8;
      p.graph.nodes.find((n) => n.id === 'out')!.params.activation = 'linear';
      p.training.batchSize = 2;
    });
    const c = describeChanges(xor, edited);
    expect(c.layersChanged).toEqual(['hidden', 'out']);
    expect(c.same).toBe(false);
    expect(c.text).toBe('2 layers changed, batch size changed');
  });

  it('says added and removed layers, and nothing for the same model', () => {
    const removed = edit((p) => {
      p.graph.nodes = p.graph.nodes.filter((n) => n.id !== 'hidden');
      p.graph.edges = [{ id: 'e', source: 'in', target: 'out' }];
    });
    expect(describeChanges(xor, removed).text).toBe('1 layer removed');
    expect(describeChanges(removed, xor).text).toBe('1 layer added');
    const same = describeChanges(xor, edit((p) => (p.graph.nodes[0]!.position = { x: 5, y: 5 })));
    expect(same).toMatchObject({ same: true, text: '' });
  });
});
