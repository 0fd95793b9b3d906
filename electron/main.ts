// The Electron main process: one window per document, the app menu, the renderer served
// over a privileged app:// scheme (so it gets a real CSP header), IPC calls validated and
// delegated to a per-window Session. Training runs in utility processes, never here.
import './bundle-env.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session as electronSession, utilityProcess } from 'electron';
import type { EventName, EventPayload } from './contract.js';
import { electronDialogs } from './electron-dialogs.js';
import { Session } from './handlers.js';
import { WorkerPool } from './worker-pool.js';
import { APP_HOST, APP_SCHEME, APP_URL, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names.js';
import { menuTemplate } from './menu.js';
import { contentSecurityPolicy, isAllowedNavigation, isDevicePermissionGranted, isPermissionGranted, isTrustedSender, securityHeaders } from './security.js';
import { readStatic } from './static-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Laid out by scripts/build-electron.mjs: dist-electron/{main.js,preload.cjs,training-worker.js}, dist/renderer/.
const RENDERER_DIR = path.join(here, '..', 'dist', 'renderer');
const TEMPLATES_DIR = path.join(here, '..', 'templates');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const sessions = new Map<number, Session>();
// Every window's session shares one utility worker and the cap on training jobs.
// Workers are utility processes: with the runAsNode fuse off a forked child cannot run as Node.
const pool = new WorkerPool({ url: path.join(here, 'training-worker.js'), process: true, utilityProcess: (file, args, options) => utilityProcess.fork(file, args, options) });

function serveRenderer(): void {
  const headers = securityHeaders(contentSecurityPolicy());
  protocol.handle(APP_SCHEME, async (req) => {
    const url = new URL(req.url);
    if (url.host !== APP_HOST) return new Response('forbidden: this scheme serves only the app\n', { status: 403, headers });
    const found = await readStatic(RENDERER_DIR, url.pathname);
    if (found.status !== 200) return new Response(`${found.reason}\n`, { status: found.status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(found.body, { headers: { ...headers, 'content-type': found.contentType } });
  });
}

/** Web permissions by ./security.ts's policy: the clipboard write that copy uses, for the
 *  app's own top frame, and nothing else. Electron grants every request by default. */
function installPermissionPolicy(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, APP_URL)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, APP_URL),
  );
  ses.setDevicePermissionHandler(() => isDevicePermissionGranted());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'LayerLab',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  };
  const session = new Session({
    dialogs: electronDialogs(win),
    templatesDir: TEMPLATES_DIR,
    pool,
    // An unsaved project's runs wait here until it is saved (then they move beside the file).
    unsavedRunsRoot: app.getPath('userData'),
    emit,
  });
  const id = win.webContents.id;
  sessions.set(id, session);
  win.on('closed', () => {
    sessions.delete(id);
    void session.dispose();
  });

  win.webContents.on('will-navigate', (e, target) => {
    if (!isAllowedNavigation(target, APP_URL)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, target) => {
    if (!isAllowedNavigation(target, APP_URL)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

function installMenu(): void {
  const send = (action: Parameters<Parameters<typeof menuTemplate>[0]['send']>[0]) =>
    BrowserWindow.getFocusedWindow()?.webContents.send(EVENT_CHANNEL, 'menu.action', { action });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', appName: app.name, send, dev: !app.isPackaged })));
}

ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, request: unknown) => {
  const frame = event.senderFrame;
  const trusted = isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null, APP_URL);
  const session = sessions.get(event.sender.id);
  if (!trusted || !session) return { ok: false, error: { code: 'invalid', message: 'refused: the call did not come from a LayerLab window' } };
  return session.handle(channel, request);
});

app.on('web-contents-created', (_e, contents) => {
  // No <webview>, ever.
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.whenReady().then(() => {
  installPermissionPolicy();
  serveRenderer();
  installMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
