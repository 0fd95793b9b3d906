// The lessons shipped in templates/lessons/: each loads with its lesson, checks without an
// error, names only layer kinds that exist, and starts with its checked layer steps not yet
// done (a step the graph already meets would teach nothing).
import { describe, expect, it } from 'vitest';
import { check } from '../check/check.js';
import { getKind } from '../layers/registry.js';
import { stepDone, wiredKinds } from './lesson.js';
import { LESSONS_DIR, lessonId, loadLesson, templateIds } from './templates.js';

describe('lessons', () => {
  it("cover the lecture's first lessons", async () => {
    expect(await templateIds(LESSONS_DIR)).toEqual(expect.arrayContaining(['xor-hidden-layer', 'learning-rate', 'skewed-classes', 'mnist-three-programs', 'overfitting']));
  });

  it('each loads, checks, names real layer kinds and starts with its layer steps to do', async () => {
    for (const id of await templateIds(LESSONS_DIR)) {
      const p = await loadLesson(id);
      const lesson = p.lesson!;
      expect(lesson.title.length, id).toBeGreaterThan(0);
      expect(lesson.steps.length, id).toBeGreaterThan(0);
      expect(check(p).errors, id).toEqual([]);
      for (const k of lesson.palette ?? []) expect(getKind(k), `${id}: palette kind ${k}`).toBeDefined();
      const kinds = wiredKinds(p.graph);
      for (const step of lesson.steps) {
        if (step.check?.kind !== 'layers') continue;
        expect(getKind(step.check.layer), `${id}: ${step.text}`).toBeDefined();
        expect(stepDone(step.check, { kinds, accuracy: null, trained: false }), `${id}: '${step.text}' is done before the class begins`).toBe(false);
        // The kind a step asks for can be added from the lesson's palette.
        if (lesson.palette) expect(lesson.palette, `${id}: ${step.text}`).toContain(step.check.layer);
      }
    }
  });

  it('counts only the layers wired between an Input and an output', () => {
    const n = (id: string, kind: string) => ({ id, kind });
    const e = (source: string, target: string) => ({ source, target });
    // in → h → out, plus a Dense nothing is wired to and a Dropout nothing feeds.
    const g = { nodes: [n('in', 'Input'), n('h', 'Dense'), n('out', 'Dense'), n('loose', 'Dense'), n('d', 'Dropout')], edges: [e('in', 'h'), e('h', 'out'), e('d', 'h')] };
    expect(wiredKinds(g)).toEqual({ Input: 1, Dense: 2 });
    expect(wiredKinds({ nodes: [n('a', 'Dense')], edges: [] })).toEqual({});
  });

  it('refuses a project without a lesson and ids that leave the folder', async () => {
    await expect(loadLesson('../xor')).rejects.toThrow(/unknown lesson/);
    await expect(loadLesson('xor', `${LESSONS_DIR}/..`)).rejects.toThrow(/without a lesson/);
    expect(lessonId('XOR: one perceptron, then a hidden layer!')).toBe('xor-one-perceptron-then-a-hidden-layer');
    expect(lessonId('../../etc')).toBe('etc');
  });
});
