// The preload: the renderer's only door to the main process. It exposes two functions, no
// Node, no ipcRenderer; the main process validates every request, the renderer's client
// validates every response and event against the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName, type PreloadBridge } from './contract.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names.js';

const bridge: PreloadBridge = {
  invoke(channel, request) {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `unknown channel '${channel}'` } });
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`unknown event '${event}'`);
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('layerlab', bridge);
