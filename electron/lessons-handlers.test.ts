// Lessons through a session: the gallery lists the built-in ones, one opens as a new
// document, a teacher's lesson is shared into the workspace's lessons/ folder (never outside
// it) and opens from there; a project without a lesson is not shared.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('carries a CSV data file inside the lesson, and the lesson opens with it where the file is gone', async () => {
    const rows = ['x1,x2,label', ...Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`)].join('\n') + '\n';
    await writeFile(path.join(ws, 'points.csv'), rows);
    const base = await loadTemplate('perceptron');
    const project = { ...base, dataset: { file: 'points.csv', options: { labelColumn: 'label' } } };
    const data = await t.call<Response<'lessons.embed'>>('lessons.embed', { dataset: project.dataset });
    expect(data).toEqual({ name: 'points.csv', text: rows });
    expect((await t.fails('lessons.embed', { dataset: { id: 'xor' } })).code).toBe('invalid');
    expect((await t.fails('lessons.embed', { dataset: { file: '/etc/hosts.csv' } })).code).toMatch(/forbidden|not-found|failed/);

    const lesson = { title: 'Points', instructions: '', steps: [{ text: 'Train' }], locked: [], hidden: [], data };
    await t.call('lessons.share', { project: { ...project, lesson }, name: 'Points' });
    await rm(path.join(ws, 'points.csv'));
    const opened = await t.call<Response<'templates.load'>>('templates.load', { id: 'points', lesson: 'shared' });
    const file = opened.project.dataset!.file!;
    expect(file).toMatch(/^lesson-data\/[0-9a-f]{16}\/points\.csv$/);
    expect(await readFile(path.join(ws, file), 'utf8')).toBe(rows);
    // The host reads it as the project's data: 40 rows, 2 features, 2 classes.
    const info = await t.call<Response<'datasets.info'>>('datasets.info', { dataset: opened.project.dataset });
    expect(info.inputShape).toEqual([2]);
    expect(info.trainCount + info.testCount).toBe(40);
  }, 60_000);
});
