// Browser mode's stand-in for file dialogs: a page cannot name a file on the host, so saves
// and exports go to files in the host's workspace folder, named by the host from the
// document's name, and opening works by uploading the file's contents instead.
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from './contract.js';
import { fileStem } from '../engine/project/file-name.js';
import type { Dialogs } from './handlers.js';

export function workspaceDialogs(workspace: string): Dialogs {
  const root = path.resolve(workspace);
  return {
    async pickOpenFile() {
      throw new ApiError('unavailable', 'in browser mode, Open uploads the chosen file: send its contents as `upload`');
    },
    async pickSaveFile(suggestedName, kind) {
      // A model file is an export: beside the TensorFlow.js exports, under exports/.
      const dir = kind === 'onnx' ? path.join(root, 'exports') : root;
      await mkdir(dir, { recursive: true });
      return path.join(dir, path.basename(suggestedName));
    },
    async dataUploadPath(name) {
      const dir = path.join(root, 'data');
      await mkdir(dir, { recursive: true });
      const ext = path.extname(name).toLowerCase();
      const stem = fileStem(path.basename(name, path.extname(name)));
      // A fresh name each time ('wx' fails on an existing file), so an upload never overwrites data a project uses.
      for (let n = 1; ; n++) {
        const file = path.join(dir, n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`);
        try {
          await (await open(file, 'wx')).close();
          return file;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 999) throw e;
        }
      }
    },
    async dataUploadDir(name) {
      const dir = path.join(root, 'data');
      await mkdir(dir, { recursive: true });
      const stem = fileStem(path.basename(name), 'images');
      // A fresh folder each time (mkdir fails on an existing one): an upload never writes into data a project uses.
      for (let n = 1; ; n++) {
        const folder = path.join(dir, n === 1 ? stem : `${stem}-${n}`);
        try {
          await mkdir(folder);
          return folder;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 999) throw e;
        }
      }
    },
    async pickExportDir(stem) {
      const dir = path.join(root, 'exports', path.basename(stem));
      await mkdir(path.dirname(dir), { recursive: true });
      return dir;
    },
  };
}
