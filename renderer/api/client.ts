// The renderer's one way to reach the back end. In Electron the preload exposes a bridge as
// `window.layerlab`; in browser mode a WebSocket to the local host does the same job. Either
// way every response and event is validated against the contract before the UI sees it.
import {
  ApiError,
  isEventName,
  parseEvent,
  parseResponse,
  type LayerLabApi,
  type PreloadBridge,
} from '../../electron/contract.js';
import { createWsBridge } from './ws-bridge.js';

export type { LayerLabApi } from '../../electron/contract.js';
export { ApiError } from '../../electron/contract.js';

/** Wraps a raw bridge with the contract's validation and typed errors. */
export function apiFromBridge(bridge: PreloadBridge, mode: LayerLabApi['mode']): LayerLabApi {
  return {
    mode,
    async invoke(channel, request) {
      const env = await bridge.invoke(channel, request);
      if (!env.ok) throw new ApiError(env.error.code, env.error.message);
      return parseResponse(channel, env.value);
    },
    on(event, listener) {
      if (!isEventName(event)) throw new ApiError('unknown-channel', `unknown event '${String(event)}'`);
      return bridge.on(event, (payload) => {
        let value;
        try {
          value = parseEvent(event, payload);
        } catch (e) {
          // A malformed event is a host bug; dropping it keeps the UI consistent.
          console.error((e as Error).message);
          return;
        }
        listener(value);
      });
    },
  };
}

/** The WebSocket address of the host that served this page, with the page's token. */
export function wsUrlFromLocation(loc: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(loc.search).get('token');
  if (!token) throw new ApiError('unavailable', 'this page was opened without its access token; use the URL `npm run web` printed');
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api?token=${encodeURIComponent(token)}`;
}

declare global {
  interface Window {
    layerlab?: PreloadBridge;
  }
}

let api: LayerLabApi | undefined;

export function getApi(): LayerLabApi {
  if (api) return api;
  if (typeof window !== 'undefined' && window.layerlab) {
    api = apiFromBridge(window.layerlab, 'electron');
  } else {
    const socket = new WebSocket(wsUrlFromLocation(window.location));
    api = apiFromBridge(createWsBridge(socket), 'browser');
  }
  return api;
}
