// Lessons through a session: the gallery lists the built-in ones, one opens as a new
// document, a teacher's lesson is shared into the workspace's lessons/ folder (never outside
// it) and opens from there; a project without a lesson is not shared.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../engine/project/templates.js';
import type { Response } from './contract.js';
import { testSession, type TestSession } from './session-fixture.js';

let ws: string;
let t: TestSession;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'layerlab-lessons-'));
  t = testSession({ workspace: ws });
});
afterAll(async () => {
  await t.session.dispose();
  await rm(ws, { recursive: true, force: true });
});

describe('lessons', () => {
  it('lists, opens, shares and reopens a lesson', async () => {
    const list = await t.call<Response<'templates.list'>>('templates.list', {});
    expect(list.lessons.filter((l) => l.source === 'built-in').map((l) => l.id)).toEqual(expect.arrayContaining(['xor-hidden-layer', 'learning-rate', 'skewed-classes', 'mnist-three-programs', 'overfitting']));
    // Lessons are not templates.
    expect(list.templates.some((x) => x.id === 'xor-hidden-layer')).toBe(false);

    const opened = await t.call<Response<'templates.load'>>('templates.load', { id: 'xor-hidden-layer', lesson: 'built-in' });
    expect(opened.document).toBeNull();
    expect(opened.project.lesson?.steps.length).toBe(3);
    expect((await t.fails('templates.load', { id: 'xor', lesson: 'built-in' })).code).toBe('not-found');

    const xor = await loadTemplate('xor');
    expect(await t.fails('lessons.share', { project: xor, name: 'x' })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/no lesson/) });
    expect((await t.fails('lessons.share', { project: opened.project, name: '../../evil' })).code).toBe('invalid');
    const mine = { ...xor, lesson: { ...opened.project.lesson!, title: 'My XOR lesson' } };
    const shared = await t.call<Response<'lessons.share'>>('lessons.share', { project: mine, name: 'My XOR lesson' });
    expect(shared.id).toBe('my-xor-lesson');
    expect(await readdir(path.join(ws, 'lessons'))).toEqual(['my-xor-lesson.layerlab.json']);
    const again = await t.call<Response<'templates.list'>>('templates.list', {});
    expect(again.lessons).toContainEqual(expect.objectContaining({ id: 'my-xor-lesson', source: 'shared', title: 'My XOR lesson' }));
    const reopened = await t.call<Response<'templates.load'>>('templates.load', { id: 'my-xor-lesson', lesson: 'shared' });
    expect(reopened.project.lesson?.title).toBe('My XOR lesson');
    expect(reopened.project.graph).toEqual(xor.graph);
  });
});
