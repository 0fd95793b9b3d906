// Native file dialogs for the session's Dialogs, owned by one window.
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs, SaveKind } from './handlers.js';

const FILTERS: Record<SaveKind, Electron.FileFilter[]> = {
  project: [{ name: 'LayerLab project', extensions: ['layerlab.json', 'json'] }],
  'keras-py': [{ name: 'Python script', extensions: ['py'] }],
  'tfjs-js': [{ name: 'JavaScript module', extensions: ['mjs', 'js'] }],
  onnx: [{ name: 'ONNX model', extensions: ['onnx'] }],
};

export function electronDialogs(win: BrowserWindow): Dialogs {
  return {
    async pickOpenFile() {
      // A model to import is opened the same way (recognised by its content, not its name).
      const r = await dialog.showOpenDialog(win, {
        title: 'Open project or model',
        properties: ['openFile'],
        filters: [
          { name: 'LayerLab project or model', extensions: ['layerlab.json', 'json', 'keras'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickSaveFile(suggestedName, kind) {
      const r = await dialog.showSaveDialog(win, { title: kind === 'project' ? 'Save project' : 'Export', defaultPath: suggestedName, filters: FILTERS[kind] });
      return r.canceled ? null : (r.filePath ?? null);
    },
    async pickDataFile() {
      const r = await dialog.showOpenDialog(win, {
        title: 'Import data',
        properties: ['openFile'],
        filters: [
          { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'gz', 'idx', 'idx1-ubyte', 'idx3-ubyte'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickDataFolder() {
      const r = await dialog.showOpenDialog(win, { title: 'Import an image folder (one sub-folder of images per class)', properties: ['openDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickExportDir(stem) {
      const r = await dialog.showSaveDialog(win, { title: 'Export TensorFlow.js model (a folder)', defaultPath: stem, buttonLabel: 'Export' });
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
