// Browser mode's stand-in for file dialogs: a page cannot name a file on the host, so saves
// and exports go to files in the host's workspace folder, named by the host from the
// document's name, and opening works by uploading the file's contents instead.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from './contract.js';
import type { Dialogs } from './handlers.js';

export function workspaceDialogs(workspace: string): Dialogs {
  const root = path.resolve(workspace);
  return {
    async pickOpenFile() {
      throw new ApiError('unavailable', 'in browser mode, Open uploads the chosen file: send its contents as `upload`');
    },
    async pickSaveFile(suggestedName) {
      await mkdir(root, { recursive: true });
      return path.join(root, path.basename(suggestedName));
    },
    async pickExportDir(stem) {
      const dir = path.join(root, 'exports', path.basename(stem));
      await mkdir(path.dirname(dir), { recursive: true });
      return dir;
    },
  };
}
