// The contract validates projects and training events with the engine's own schemas: what a
// file may not hold, a message between processes may not carry either.
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../engine/project/document.js';
import { PROJECT_LIMITS } from '../engine/project/limits.js';
import { trainingEventSchema as engineEvents } from '../engine/train/events.js';
import { projectSchema as engineProject } from '../engine/project/schema.js';
import { events, parseEvent, parseRequest, projectSchema } from './contract.js';
import { tinyProject } from './fixtures.js';

/** A value nested `levels` deep: {a: {a: … 1}}. */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe('contract schemas are the engine’s', () => {
  it('uses the engine’s project and event schemas, not copies', () => {
    expect(projectSchema).toBe(engineProject);
    expect(events['training.event']).toBe(engineEvents);
  });

  it('refuses a project whose params nest deeper than a file may, naming the node', () => {
    const p = tinyProject();
    p.graph.nodes[1]!.params.extra = nested(PROJECT_LIMITS.paramsDepth + 5);
    // The file form of the same project is refused too: the two agree.
    expect(parseProject(JSON.stringify(p)).ok).toBe(false);
    expect(() => parseRequest('training.start', { project: p })).toThrowError(
      /bad request on 'training.start': project\.graph\.nodes\[1\]\.params\.extra(\.a)+: nested more than 32 levels deep \(node 'd'\)/,
    );
    expect(() => parseRequest('project.save', { project: p })).toThrowError(/nested more than/);
  });

  it('refuses deep dataset options in a request that carries only a dataset', () => {
    expect(() => parseRequest('datasets.preview', { dataset: { id: 'xor', options: { x: nested(40) } } })).toThrowError(/dataset\.options\.x(\.a)+: nested more than/);
  });

  it('refuses a key the document does not have (a file would drop it with a warning)', () => {
    const p = { ...tinyProject(), training: { ...tinyProject().training, epoch: 3 } };
    expect(() => parseRequest('training.start', { project: p })).toThrowError(/project\.training: Unrecognized key: "epoch"/);
    const parsed = parseProject(JSON.stringify(p));
    expect(parsed.ok && parsed.warnings.join('\n')).toMatch(/training\.epoch: unknown field ignored/);
  });

  it('holds settings to the bounds a file is held to', () => {
    for (const [split, ok] of [[0, true], [0.95, true], [0.99, true], [0.999, true], [1, false], [-0.1, false]] as const) {
      const p = tinyProject();
      p.training.validationSplit = split;
      const file = parseProject(serializeProject(p));
      expect(file.ok, `file, split ${split}`).toBe(ok);
      if (ok) expect(parseRequest('training.start', { project: p }).project.training.validationSplit).toBe(split);
      else expect(() => parseRequest('training.start', { project: p }), `contract, split ${split}`).toThrowError(/validationSplit/);
    }
    const zeroRate = tinyProject();
    zeroRate.training.optimizer.learningRate = 0;
    expect(() => parseRequest('training.start', { project: zeroRate })).toThrowError(/learningRate/);
  });

  it('an event the engine emits passes the contract as it is', () => {
    const finished = { event: 'finished', jobId: 'j', epochs: 2, seconds: 1.5, test: { loss: 0.3, accuracy: 0.9, precision: 0.8 } } as const;
    expect(parseEvent('training.event', finished)).toEqual(finished);
    expect(() => parseEvent('training.event', { event: 'batch', jobId: 'j' })).toThrowError(/bad event 'training.event'/);
  });
});
