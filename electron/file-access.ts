// Which data files a session may read: the renderer never names a host path on its own. A
// project's `dataset.file` is read only when it resolves (symlinks followed) inside the
// project's folder (the current document's directory) or the host's workspace, or is a file
// the user picked through the host's dialog in this session. Devices, /proc and /sys, and
// anything that is neither a regular file nor a folder (image folders) are never read.
// Relative names resolve against the project's folder, or the workspace without a document.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetRef } from '../engine/project/types.js';
import { systemDirOf } from '../engine/data/io/dataPath.js';
import { ApiError } from './contract.js';

/** Loader options that name files, checked like the file itself. */
const PATH_OPTIONS = ['labels', 'testFile', 'testLabels'] as const;

/** A dataset reference the worker may load, with what to call it in messages. */
export interface CheckedRef {
  /** Every path absolute and resolved: what the worker is given. */
  ref: DatasetRef;
  /** The file as the project names it ('data/iris.csv'), for messages; the id for built-ins. */
  shown: string;
  /** Resolved path → the name the project uses, to word the worker's errors as the user knows them. */
  names: [string, string][];
  /** Identifies the data for caches: the resolved reference plus each file's size and time. */
  key: string;
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function real(p: string): Promise<string> {
  return realpath(p).catch(() => path.resolve(p));
}

export class FileAccess {
  /** Files picked through the dialog this session: as named, and resolved (a picked link leads to its target). */
  private readonly picked = new Set<string>();
  /** The current document's folder; null for an unsaved document. */
  projectDir: string | null = null;

  constructor(private readonly workspace: string | null) {}

  /** What relative names resolve against: the project's folder, else the workspace. */
  get base(): string | null {
    return this.projectDir ?? this.workspace;
  }

  /** Remembers a file the user picked through the host's dialog. */
  async allowPicked(file: string): Promise<void> {
    this.picked.add(path.resolve(file));
    this.picked.add(await real(file));
  }

  /** The name a project should store for `file` (a host-chosen file in the workspace): relative to the base when inside it. */
  nameFor(file: string): string {
    const base = this.base;
    return base && inside(path.resolve(file), path.resolve(base)) ? path.relative(path.resolve(base), path.resolve(file)).split(path.sep).join('/') : file;
  }

  /** Checks a dataset reference; refuses a file outside what the user chose with ApiError('forbidden'). */
  async check(ref: DatasetRef): Promise<CheckedRef> {
    if (ref.file === undefined) return { ref, shown: ref.id ?? '(no dataset)', names: [], key: JSON.stringify(ref) };
    const names: [string, string][] = [];
    const stamps: string[] = [];
    const file = await this.checkFile(ref.file, 'dataset file', names, stamps);
    let options = ref.options;
    for (const k of PATH_OPTIONS) {
      const v = ref.options?.[k];
      if (typeof v === 'string') options = { ...options, [k]: await this.checkFile(v, `dataset option ${k}`, names, stamps) };
    }
    const checked: DatasetRef = { ...ref, file, ...(options ? { options } : {}) };
    return { ref: checked, shown: ref.file, names, key: JSON.stringify([checked, stamps]) };
  }

  private async checkFile(given: string, what: string, names: [string, string][], stamps: string[]): Promise<string> {
    const refuse = (why: string) => new ApiError('forbidden', `${what} ${given}: ${why}; it was not read`);
    if (given.includes('\0')) throw refuse('the name holds a NUL character');
    const base = this.base;
    if (!path.isAbsolute(given) && !base) throw refuse('a relative name needs a project folder; save the project first, or import the file again');
    const abs = path.resolve(base ?? '/', given);
    const roots = await this.roots();
    const within = (p: string) => roots.some((r) => inside(p, r)) || this.picked.has(p);
    // Named outside before anything is looked up, so the answer says nothing about what exists there.
    const lexical = [this.projectDir, this.workspace].filter((r): r is string => r !== null).map((r) => path.resolve(r));
    if (!within(abs) && !lexical.some((r) => inside(abs, r))) throw refuse(this.outsideWhy());
    let resolved: string;
    try {
      resolved = await realpath(abs);
    } catch {
      throw new ApiError('not-found', `${what} ${given}: no such file or folder`);
    }
    const sys = systemDirOf(resolved);
    if (sys) throw refuse(`it is in ${sys}, a system folder, not data`);
    if (!within(resolved)) throw refuse(`it leads (through a symbolic link) outside ${this.rootsInWords()}`);
    const st = await stat(resolved);
    if (!st.isFile() && !st.isDirectory()) throw refuse('it is not a regular file (a device, pipe or socket)');
    names.push([resolved, given]);
    stamps.push(`${st.size}:${st.mtimeMs}`);
    return resolved;
  }

  private rootsInWords(): string {
    const where = [this.projectDir ? "the project's folder" : null, this.workspace ? 'the workspace' : null].filter(Boolean);
    return where.length ? where.join(' and ') : 'the files picked in this session';
  }

  private outsideWhy(): string {
    return `it is outside ${this.rootsInWords()}, and was not picked through Import in this session; import it again (Data → Import) or move it next to the project`;
  }

  private async roots(): Promise<string[]> {
    const dirs = [this.projectDir, this.workspace].filter((r): r is string => r !== null);
    return Promise.all(dirs.map(real));
  }
}

/** Rewords a worker's message: resolved paths become the names the project uses. */
export function reword(message: string, names: [string, string][]): string {
  let m = message;
  for (const [resolved, given] of names) m = m.split(resolved).join(given);
  return m;
}
