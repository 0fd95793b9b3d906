// The starter projects in templates/ (one `<id>.layerlab.json` each): listed in the order a
// lecture meets them, loaded through the same parser as any user file.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProjectFile } from './io.js';
import type { Project } from './types.js';

/** templates/ at the repository root. A packaged app passes its own folder instead. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const SUFFIX = '.layerlab.json';

/** Lecture order; templates not named here follow, alphabetically. */
const ORDER = [
  'perceptron',
  'xor',
  'linear-regression',
  'logistic-regression',
  'skewed-classes',
  'mnist-simplified',
  'mnist-standard',
  'mnist-convolutional',
  'reused-net',
  'resnet-fashion',
  'autoencoder',
  'lstm-sequence',
  'conv1d-sequence',
];

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  file: string;
  /** Dataset id the template trains on, for the gallery's badge. */
  dataset?: string;
}

export async function templateIds(dir: string = TEMPLATES_DIR): Promise<string[]> {
  const ids = (await readdir(dir)).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length));
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return ids.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Loads one template by id; throws with the file's own parse error if it is broken. */
export async function loadTemplate(id: string, dir: string = TEMPLATES_DIR): Promise<Project> {
  // Ids are file names: refuse anything that could leave the folder.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`unknown template '${id}'`);
  const r = await loadProjectFile(join(dir, `${id}${SUFFIX}`));
  if (!r.ok) {
    const known = await templateIds(dir).catch(() => []);
    if (r.error.endsWith('no such file')) throw new Error(`unknown template '${id}' (known: ${known.join(', ')})`);
    throw new Error(r.error);
  }
  return r.project;
}

export async function listTemplates(dir: string = TEMPLATES_DIR): Promise<TemplateInfo[]> {
  const out: TemplateInfo[] = [];
  for (const id of await templateIds(dir)) {
    const p = await loadTemplate(id, dir);
    out.push({ id, name: p.name, description: p.description ?? '', file: join(dir, `${id}${SUFFIX}`), ...(p.dataset?.id ? { dataset: p.dataset.id } : {}) });
  }
  return out;
}

/** The lessons shipped with the app (templates/lessons/): projects that carry a lesson. */
export const LESSONS_DIR = join(TEMPLATES_DIR, 'lessons');

/** A lesson's id from a title or file name: lowercase words joined by dashes. */
export function lessonId(name: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return id || 'lesson';
}

/** Loads a lesson by id from a folder of lessons; refuses a project without a lesson. */
export async function loadLesson(id: string, dir: string = LESSONS_DIR): Promise<Project> {
  const p = await loadTemplate(id, dir).catch((e: Error) => {
    throw new Error(e.message.replace(/unknown template/g, 'unknown lesson'));
  });
  if (!p.lesson) throw new Error(`'${id}' is a project without a lesson`);
  return p;
}
